package dev.integrator.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each operation's schemas compile with the definitions they refer to, and every definition still compiles once. */
class DefinitionsTest {

    private static final String CONTRACT = """
            id: acme.things.v1
            provider: acme
            resource: things
            version: 1
            provenance: {source: test, descriptionVersion: "1", producedBy: test, decision: d-1, date: "2026-11-26"}
            schemas:
              thing:
                type: object
                required: [id, owner]
                properties:
                  id: {type: integer}
                  owner: {$ref: "#/$defs/user"}
              user:
                type: object
                required: [login]
                properties:
                  login: {type: string}
              unused:
                type: object
                properties:
                  code: {type: string, pattern: "^[A-Z]+$"}
            operations:
              get:
                operationId: things/get
                dto: Thing
                parameters:
                  id: {in: path, required: true, schema: {type: integer}}
                response:
                  status: 200
                  schema: {$ref: "#/$defs/thing"}
            """;

    @TempDir
    Path dir;

    private static JsonNode json(String text) throws IOException {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void a_schema_gets_the_definitions_it_refers_to_directly_and_through_others() throws IOException {
        JsonNode defs = json("""
                {"thing": {"type": "object", "properties": {"owner": {"$ref": "#/$defs/user"}}},
                 "user": {"properties": {"login": {"type": "string"}, "teams": {"items": {"$ref": "#/$defs/team/properties/x"}}}},
                 "team": {"properties": {"x": {"type": "string"}}},
                 "a~b/c": {"type": "string"},
                 "loop": {"$ref": "#/$defs/loop"},
                 "unused": {"type": "integer"}}
                """);

        assertThat(Definitions.referencedBy(json("{\"type\": \"array\", \"items\": {\"$ref\": \"#/$defs/thing\"}}"), defs).fieldNames())
                .toIterable().containsExactlyInAnyOrder("thing", "user", "team");
        assertThat(Definitions.referencedBy(json("{\"$ref\": \"#/$defs/a~0b~1c\"}"), defs).fieldNames())
                .toIterable().containsExactly("a~b/c");
        assertThat(Definitions.referencedBy(json("{\"$ref\": \"#/$defs/loop\"}"), defs).fieldNames()).toIterable().containsExactly("loop");
        assertThat(Definitions.referencedBy(json("{\"type\": \"object\", \"properties\": {\"n\": {\"type\": \"integer\"}}}"), defs)).isEmpty();
    }

    @Test
    void a_reference_it_cannot_follow_by_name_keeps_every_definition() throws IOException {
        JsonNode defs = json("{\"a b\": {\"type\": \"string\"}, \"other\": {\"type\": \"integer\"}}");

        assertThat(Definitions.referencedBy(json("{\"$ref\": \"#/$defs/a%20b\"}"), defs)).isEqualTo(defs);
        assertThat(Definitions.referencedBy(json("{\"$ref\": \"#/$defs\"}"), defs)).isEqualTo(defs);
    }

    @Test
    void an_operation_validates_through_the_definitions_it_refers_to() throws IOException {
        Contract contract = load(CONTRACT);

        ContractOperation get = contract.operations().get("get");
        assertThat(get.validateResponse(json("{\"id\": 1, \"owner\": {\"login\": \"octocat\"}}"))).isEmpty();
        assertThat(get.validateResponse(json("{\"id\": 1, \"owner\": {}}"))).extracting(Violation::path).containsExactly("/owner/login");
        // Readers of x-sensitive and the contract diff still see every definition.
        assertThat(get.responseDocument().path("$defs").fieldNames()).toIterable().containsExactly("thing", "user", "unused");
    }

    @Test
    void a_definition_no_operation_refers_to_that_does_not_compile_still_stops_the_start() throws IOException {
        Files.writeString(dir.resolve("acme.things.v1.yaml"), CONTRACT.replace("pattern: \"^[A-Z]+$\"", "pattern: \"[A-Z\""));
        List<String> problems = new ArrayList<>();

        Map<String, Contract> contracts = ContractLoader.loadAll(dir, problems);

        assertThat(contracts).isEmpty();
        assertThat(problems).singleElement().asString().contains("acme.things.v1.yaml: schemas: schema does not compile");
    }

    private Contract load(String text) throws IOException {
        Files.writeString(dir.resolve("acme.things.v1.yaml"), text);
        List<String> problems = new ArrayList<>();
        Map<String, Contract> contracts = ContractLoader.loadAll(dir, problems);
        assertThat(problems).isEmpty();
        return contracts.get("acme.things.v1");
    }
}
