package dev.integrator;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.integrator.github.Repository;
import org.junit.jupiter.api.Test;

class SmokeTest extends GitHubStub {

    @Test
    void repos_get_returns_the_repository_dto() {
        github.stubFor(get("/repos/apache/camel").willReturn(okJson(repoJson())));
        Repository repo = integrator.github().repos().get("apache", "camel");
        assertThat(repo.fullName()).isEqualTo("apache/camel");
        Envelope env = integrator.call("github.repos.get", repo("apache", "camel"));
        assertThat(env.ok()).isTrue();
        assertThat(env.meta().attempts()).isEqualTo(1);
    }
}
