package dev.integrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** One operation id, and everything named after it: its provider, resource, queue and direct endpoint. */
class OperationIdTest {

    @Test
    void an_id_splits_into_provider_resource_and_operation() {
        OperationId id = OperationId.parse("github.issues.list");

        assertThat(id.provider()).isEqualTo("github");
        assertThat(id.resource()).isEqualTo("issues");
        assertThat(id.operation()).isEqualTo("list");
        assertThat(id.resourceId()).isEqualTo("github.issues");
        assertThat(id).hasToString("github.issues.list");
    }

    @Test
    void an_id_names_its_queue_and_its_direct_endpoint() {
        OperationId id = OperationId.parse("github.repos.get");

        assertThat(id.queue()).isEqualTo("integrator.github.repos.get");
        assertThat(id.endpoint()).isEqualTo("direct:github.repos.get");
    }

    @Test
    void a_provider_starts_with_a_letter_as_its_settings_require() {
        assertThatThrownBy(() -> OperationId.parse("1acme.customers.list"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("but was '1acme.customers.list'");
        assertThat("1acme").doesNotMatch(OperationId.PROVIDER);
        assertThat("-acme.customers").doesNotMatch(OperationId.PROVIDER + "\\." + OperationId.RESOURCE);
    }

    @Test
    void a_resource_with_an_underscore_is_an_id_like_any_other() {
        OperationId id = OperationId.parse("acme.payment_intents.create");

        assertThat(id.provider()).isEqualTo("acme");
        assertThat(id.resource()).isEqualTo("payment_intents");
        assertThat(id.operation()).isEqualTo("create");
        assertThat(id.queue()).isEqualTo("integrator.acme.payment_intents.create");
    }

    @Test
    void a_queue_name_gives_back_its_operation_and_other_names_give_none() {
        assertThat(OperationId.ofQueue("integrator.acme.payment_intents.create")).contains(OperationId.parse("acme.payment_intents.create"));
        assertThat(OperationId.ofQueue("integrator.replies")).isEmpty();
        assertThat(OperationId.ofQueue("integrator.DLQ")).isEmpty();
        assertThat(OperationId.ofQueue("other.github.repos.get")).isEmpty();
        assertThat(OperationId.ofQueue("integrator.github..get")).isEmpty();
    }

    @Test
    void malformed_ids_are_refused_with_what_an_id_must_be_and_what_it_was() {
        for (String bad : new String[] {"github.issues", "github.issues.list.extra", "GitHub.issues.list", "github..list", ".issues.list",
                "github.issues.", "github.iss ues.list", "github/issues.list", ""}) {
            assertThatThrownBy(() -> OperationId.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("operation id must be <provider>.<resource>.<operation> (a lower-case provider; letters, digits, '-' "
                            + "and '_'), but was '" + bad + "'");
        }
        assertThatThrownBy(() -> OperationId.parse(null)).isInstanceOf(IllegalArgumentException.class).hasMessageEndingWith("but was null");
    }
}
