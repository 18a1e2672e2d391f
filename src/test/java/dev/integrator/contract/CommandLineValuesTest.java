package dev.integrator.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.integrator.ErrorCode;
import dev.integrator.IntegrationException;
import dev.integrator.TempHome;
import dev.integrator.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strings from the command line take the type their contract declares: a list is comma-separated or JSON, an
 * object is JSON, an empty list value is the empty list, and JSON that does not parse is a typed request error.
 */
class CommandLineValuesTest {

    private ContractOperation create;

    /** issues.create with an object parameter as well, since no GitHub operation we wrap takes one. */
    @BeforeEach
    void load(@TempDir Path dir) throws Exception {
        TempHome home = TempHome.copyOf(dir, "contracts");
        home.edit("contracts/github.issues.v2.yaml", "      assignees: {in: body, schema: {type: array, items: {type: string}}}\n",
                "      assignees: {in: body, schema: {type: array, items: {type: string}}}\n"
                        + "      fields: {in: body, schema: {type: object, additionalProperties: {type: string}}}\n");
        List<String> problems = new ArrayList<>();
        create = ContractLoader.loadAll(home.resolve("contracts"), problems).get("github.issues.v2").operations().get("create");
        assertThat(problems).isEmpty();
    }

    private ObjectNode request(String name, String value) {
        return create.validateRequest(Map.of("owner", "o", "repo", "r", "title", "t", name, value));
    }

    @Test
    void a_comma_separated_list_is_split_and_trimmed() {
        assertThat(request("labels", "bug, ui").get("labels")).isEqualTo(Json.MAPPER.createArrayNode().add("bug").add("ui"));
    }

    @Test
    void an_empty_list_value_is_the_empty_list_not_one_empty_item() {
        assertThat(request("labels", "").get("labels")).isEqualTo(Json.MAPPER.createArrayNode());
    }

    @Test
    void a_list_in_json_keeps_a_comma_inside_an_item() {
        assertThat(request("labels", "[\"a,b\", \"c\"]").get("labels")).isEqualTo(Json.MAPPER.createArrayNode().add("a,b").add("c"));
    }

    @Test
    void an_object_in_json_becomes_an_object() {
        assertThat(request("fields", " {\"team\": \"core, infra\"}").get("fields"))
                .isEqualTo(Json.MAPPER.createObjectNode().put("team", "core, infra"));
    }

    @Test
    void json_of_the_wrong_shape_is_reported_by_the_schema() {
        IntegrationException e = catchThrowableOfType(() -> request("labels", "{\"a\": 1}"), IntegrationException.class);

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(e.details()).anySatisfy(d -> assertThat(d).containsEntry("path", "/labels").containsEntry("rule", "type"));
    }

    @Test
    void a_value_that_starts_like_json_but_does_not_parse_is_an_invalid_request_that_does_not_quote_it() {
        IntegrationException e = catchThrowableOfType(() -> request("labels", "[\"hunter2\", "), IntegrationException.class);

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(e.requestSent()).isFalse();
        assertThat(e.details()).anySatisfy(d -> assertThat(d).containsEntry("path", "/labels").containsEntry("rule", "json"));
        assertThat(e.envelope().toString()).doesNotContain("hunter2");
    }

    @Test
    void json_followed_by_more_text_is_refused_not_cut_short() {
        IntegrationException e = catchThrowableOfType(() -> request("labels", "[\"a\"] [\"b\"]"), IntegrationException.class);

        assertThat(e.details()).anySatisfy(d -> assertThat(d).containsEntry("path", "/labels").containsEntry("rule", "json"));
    }
}
