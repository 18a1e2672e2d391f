package dev.integrator.scenarios;

/** The chain scenarios over GitHub's definitions. */
class GitHubChainTest extends ChainScenarios {

    @Override
    ProviderUnderTest provider() {
        return new GitHubUnderTest();
    }
}
