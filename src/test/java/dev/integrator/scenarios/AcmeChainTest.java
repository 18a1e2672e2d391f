package dev.integrator.scenarios;

/** The chain scenarios over Acme's definitions: a provider made of YAML and records only. */
class AcmeChainTest extends ChainScenarios {

    @Override
    ProviderUnderTest provider() {
        return new AcmeUnderTest();
    }
}
