package dev.integrator.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What breaks us as a consumer, and what does not, between two versions of a contract. */
class ContractDiffTest {

    private static final String V1 = """
            id: acme.things.v%d
            provider: acme
            resource: things
            version: %d
            provenance: {source: test, descriptionVersion: "1", producedBy: test, decision: d-1, date: "2026-11-26"}
            schemas:
              thing:
                type: object
                required: [id, state, owner]
                properties:
                  id: {type: integer}
                  state: {type: string, enum: [open, closed]}
                  owner: {type: object, required: [login], properties: {login: {type: string}}}
                  note: {type: string}
            operations:
              get:
                operationId: things/get
                dto: Thing
                parameters:
                  owner: {in: path, required: true, schema: {type: string}}
                  view: {in: query, schema: {type: string, enum: [full, brief]}}
                response:
                  status: 200
                  schema: {$ref: "#/$defs/thing"}
            """;

    @TempDir
    Path dir;

    private List<ContractDiff.Change> diffAfter(String from, String to) throws IOException {
        Files.writeString(dir.resolve("acme.things.v1.yaml"), V1.formatted(1, 1));
        Files.writeString(dir.resolve("acme.things.v2.yaml"), V1.formatted(2, 2).replace(from, to));
        List<String> problems = new ArrayList<>();
        Map<String, Contract> contracts = ContractLoader.loadAll(dir, problems);
        assertThat(problems).isEmpty();
        return ContractDiff.diff(contracts.get("acme.things.v1"), contracts.get("acme.things.v2"));
    }

    private static List<String> breaking(List<ContractDiff.Change> changes) {
        return changes.stream().filter(ContractDiff.Change::breaking).map(c -> c.part() + " " + c.path() + ": " + c.what()).toList();
    }

    @Test
    void identical_versions_have_no_changes() throws IOException {
        assertThat(diffAfter("x", "x")).isEmpty();
    }

    @Test
    void a_consumed_field_removed_or_renamed_breaks() throws IOException {
        assertThat(breaking(diffAfter("required: [id, state, owner]", "required: [id, state]"))).containsExactly(
                "response /owner: consumed field no longer required");
        assertThat(breaking(diffAfter("login: {type: string}", "name: {type: string}")))
                .contains("response /owner/login: consumed field removed or renamed");
    }

    @Test
    void a_consumed_field_retyped_breaks() throws IOException {
        assertThat(breaking(diffAfter("id: {type: integer}", "id: {type: string}"))).containsExactly(
                "response /id: type [integer] -> [string]");
    }

    @Test
    void an_enum_widened_in_a_response_breaks() throws IOException {
        assertThat(breaking(diffAfter("enum: [open, closed]", "enum: [open, closed, locked]"))).containsExactly(
                "response /state: enum widened by [locked]");
    }

    @Test
    void a_request_parameter_newly_required_or_narrowed_breaks() throws IOException {
        assertThat(breaking(diffAfter("view: {in: query, schema", "view: {in: query, required: true, schema"))).containsExactly(
                "request /view: parameter newly required");
        assertThat(breaking(diffAfter("enum: [full, brief]", "enum: [full]"))).containsExactly(
                "request /view: enum narrowed by [brief]");
    }

    @Test
    void an_optional_field_or_parameter_added_does_not_break() throws IOException {
        List<ContractDiff.Change> changes = diffAfter("note: {type: string}", "note: {type: string}\n      extra: {type: boolean}");
        assertThat(breaking(changes)).isEmpty();
        assertThat(changes).extracting(ContractDiff.Change::what).containsExactly("optional field added");

        List<ContractDiff.Change> params = diffAfter("view: {in: query,", "page: {in: query, schema: {type: integer}}\n      view: {in: query,");
        assertThat(breaking(params)).isEmpty();
        assertThat(params).extracting(ContractDiff.Change::what).containsExactly("optional parameter added");
    }

    @Test
    void the_repository_issues_v1_to_v2_bump_breaks_nothing() throws IOException {
        Map<String, Contract> contracts = ContractLoader.loadAll(Path.of("contracts"), new ArrayList<>());
        List<ContractDiff.Change> changes = ContractDiff.diff(contracts.get("github.issues.v1"), contracts.get("github.issues.v2"));
        assertThat(breaking(changes)).isEmpty();
        assertThat(changes).extracting(c -> c.operation() + " " + c.path()).contains("list /*/state_reason", "get /closed_by/login");
    }

    @Test
    void a_changed_mapping_is_listed_and_a_component_that_stops_being_read_breaks_callers() throws IOException {
        String mapped = "operations:";
        String v1 = "records: dev.example\nmappings:\n  Thing:\n    id: {read: /id, as: long}\n    note: {as: none}\n"
                + "    owner: {read: /owner/login, as: string}\n" + mapped;
        String v2 = "records: dev.example\nmappings:\n  Thing:\n    id: {read: /id, as: long}\n    note: {read: /note, as: string}\n"
                + "    owner: {as: none}\n" + mapped;
        Files.writeString(dir.resolve("acme.things.v1.yaml"), V1.formatted(1, 1).replace(mapped, v1));
        Files.writeString(dir.resolve("acme.things.v2.yaml"), V1.formatted(2, 2).replace(mapped, v2));
        List<String> problems = new ArrayList<>();
        Map<String, Contract> contracts = ContractLoader.loadAll(dir, problems);

        List<ContractDiff.Change> changes = ContractDiff.diff(contracts.get("acme.things.v1"), contracts.get("acme.things.v2"));

        assertThat(problems).isEmpty();
        assertThat(changes).map(ContractDiff.Change::toString).containsExactly(
                "non-breaking Thing mapping note: {\"as\":\"none\"} -> {\"read\":\"/note\",\"as\":\"string\"}",
                "BREAKING     Thing mapping owner: {\"read\":\"/owner/login\",\"as\":\"string\"} -> {\"as\":\"none\"}");
    }
}
