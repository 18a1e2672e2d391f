package dev.integrator.scenarios;

/** The chain scenarios over Stripe's definitions: the second HTTP provider, made of YAML and records. */
class StripeChainTest extends ChainScenarios {

    @Override
    ProviderUnderTest provider() {
        return new StripeUnderTest();
    }
}
