package dev.integrator.redact;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {

    private static final String SECRET = "s3cr3t-configured-value";
    /** With GitHub's token shapes, as the GitHub provider settings declare them. */
    private final Redactor redactor = new Redactor(List.of(SECRET, " ", ""), ProviderShapes.of("github"));

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Authorization", "proxy-authorization", "Cookie", "Set-Cookie", "X-Api-Key", "X-Auth-Token",
            "X-Hub-Signature-256", "X-Client-Secret", "X-Session-Id", "X-Password"})
    void credential_and_secret_named_headers_are_masked(String name) {
        assertThat(Redactor.isSecretHeader(name)).isTrue();
        assertThat(redactor.header(name, "anything at all")).isEqualTo("***");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Type", "X-RateLimit-Remaining", "X-GitHub-Request-Id", "Link", "ETag", "Keep-Alive"})
    void other_headers_keep_their_value(String name) {
        assertThat(Redactor.isSecretHeader(name)).isFalse();
        assertThat(redactor.header(name, "application/json")).isEqualTo("application/json");
    }

    @Test
    void a_token_in_an_ordinary_header_value_is_masked() {
        assertThat(redactor.header("Link", "<https://api.github.com/x?access=ghp_abcdefghijklmnopqrstuvwxyz0123456789>; rel=\"next\""))
                .isEqualTo("<https://api.github.com/x?access=***>; rel=\"next\"");
        assertThat(redactor.headers(Map.of("Authorization", "Bearer abc", "Content-Type", "text/plain")))
                .containsEntry("Authorization", "***").containsEntry("Content-Type", "text/plain");
    }

    @ParameterizedTest
    @ValueSource(strings = {"token", "access_token", "temp_clone_token", "accessToken", "tokens", "client_secret", "clientSecret",
            "secret", "password", "user_password", "password_hash", "passwd", "api_key", "apiKey", "apikey", "APIKEY",
            "access_key", "AWS_ACCESS_KEY", "private_key", "privateKey", "secret_key", "signature", "x-hub-signature-256",
            "authorization", "cookie", "cookies", "set_cookie", "session", "session_id", "sessionId", "credentials"})
    void secret_looking_keys_are_recognised(String key) {
        assertThat(Redactor.isSecretKey(key)).as(key).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"key", "keys_url", "secret_scanning", "secret_scanning_push_protection", "token_type", "license",
            "login", "id", "stargazers_count", "description", "public", "sessions_url", "node_id", "status", ""})
    void ordinary_keys_are_not_secret(String key) {
        assertThat(Redactor.isSecretKey(key)).as(key).isFalse();
    }

    @Test
    void values_under_secret_keys_are_masked_at_any_depth_whatever_their_type() throws Exception {
        JsonNode body = json("""
                {"name": "hello", "client_secret": "s3cr3t-value", "token": "abc",
                 "owner": {"login": "octo", "credentials": {"user": "u", "pass": "p"}, "api_key": 12345},
                 "items": [{"access_token": "t1", "number": 1}, {"password": null}],
                 "license": {"key": "mit"}, "security_and_analysis": {"secret_scanning": {"status": "enabled"}}}
                """);

        JsonNode redacted = redactor.json(body);

        assertThat(redacted).isEqualTo(json("""
                {"name": "hello", "client_secret": "***", "token": "***",
                 "owner": {"login": "octo", "credentials": "***", "api_key": "***"},
                 "items": [{"access_token": "***", "number": 1}, {"password": null}],
                 "license": {"key": "mit"}, "security_and_analysis": {"secret_scanning": {"status": "enabled"}}}
                """));
        assertThat(body.path("client_secret").asText()).as("the input is left alone").isEqualTo("s3cr3t-value");
    }

    @Test
    void a_string_holding_a_configured_secret_is_masked_whole() throws Exception {
        assertThat(redactor.text("prefix " + SECRET + " suffix")).isEqualTo("***");
        assertThat(redactor.text(SECRET)).isEqualTo("***");
        assertThat(redactor.json(json("{\"message\": \"bad credentials: " + SECRET + "\", \"n\": [\"x" + SECRET + "\"]}")))
                .isEqualTo(json("{\"message\": \"***\", \"n\": [\"***\"]}"));
        assertThat(redactor.text("nothing secret here")).as("blank secrets are ignored").isEqualTo("nothing secret here");
    }

    @Test
    void a_providers_secret_shapes_come_from_its_settings_and_are_masked_everywhere() {
        String stripeKey = "key sk_live_51Habcdefghijklmnop used";

        assertThat(Redactor.withoutSecrets().inline(stripeKey)).as("no provider declares the shape").isEqualTo(stripeKey);
        Redactor withStripe = new Redactor(List.of(), List.of("(?<![A-Za-z0-9])sk_(?:live|test)_[A-Za-z0-9]{10,}"));
        assertThat(withStripe.inline(stripeKey)).isEqualTo("key *** used");
        assertThat(withStripe.text("{\"error\": \"sk_test_abcdefghijkl\"}")).isEqualTo("{\"error\": \"***\"}");
        assertThat(ProviderShapes.of("github")).as("GitHub's shapes are settings, not code").isNotEmpty();
        assertThat(Redactor.withoutSecrets().text("ghp_abcdefghijklmnopqrstuvwxyz0123456789")).as("no GitHub shape in code")
                .isEqualTo("ghp_abcdefghijklmnopqrstuvwxyz0123456789");
    }

    @Test
    void token_shaped_strings_are_masked() {
        assertThat(redactor.text("ghp_abcdefghijklmnopqrstuvwxyz0123456789")).isEqualTo("***");
        assertThat(redactor.text("token gho_ABCDEFGHIJKLMNOPQRSTUV1234 used")).isEqualTo("token *** used");
        assertThat(redactor.text("ghs_abcdefghijklmnop1234")).isEqualTo("***");
        assertThat(redactor.text("github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz")).isEqualTo("***");
        assertThat(redactor.text("Authorization: Bearer abc.def-123_xyz")).isEqualTo("Authorization: Bearer ***");
        assertThat(redactor.text("basic dXNlcjpwYXNzd29yZA==")).isEqualTo("basic ***");
        assertThat(redactor.text("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U end"))
                .isEqualTo("jwt *** end");
        assertThat(redactor.text("key AKIAIOSFODNN7EXAMPLE")).isEqualTo("key ***");
        assertThat(redactor.text("xoxb-1234567890-abcdefghij")).isEqualTo("***");
    }

    @Test
    void webhook_signing_secrets_are_masked_by_their_whsec_shape() {
        assertThat(redactor.text("STRIPE_WEBHOOK_SECRET=whsec_test_5e5c0ffee0ddba11,whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
                .isEqualTo("STRIPE_WEBHOOK_SECRET=***,***");
        assertThat(redactor.text("key whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD= end")).isEqualTo("key *** end");
        assertThat(redactor.text("the whsec_ prefix, whsec_short")).isEqualTo("the whsec_ prefix, whsec_short");
    }

    @Test
    void ordinary_strings_are_left_alone() {
        for (String text : List.of("Basic authentication is deprecated", "Bearer tokens expire", "https://api.github.com/repos/octo-org/hello-world",
                "octo-org.github.io", "2026-11-25T16:40:12Z", "R_kgDONDIxNTc3MzQy", "the ghp prefix", "")) {
            assertThat(redactor.text(text)).as(text).isEqualTo(text);
        }
    }

    @Test
    void contract_sensitive_fields_are_masked_through_refs_and_arrays() throws Exception {
        JsonNode document = json("""
                {"type": "object",
                 "properties": {
                   "email": {"type": "string", "x-sensitive": true},
                   "owner": {"$ref": "#/$defs/user"},
                   "members": {"type": "array", "items": {"$ref": "#/$defs/user"}},
                   "plain": {"type": "string", "x-sensitive": false}},
                 "$defs": {
                   "user": {"type": "object", "properties": {
                     "login": {"type": "string"},
                     "phone": {"type": ["string", "null"], "x-sensitive": true},
                     "manager": {"$ref": "#/$defs/user"}}}}}
                """);
        JsonNode body = json("""
                {"email": "a@example.com", "plain": "visible",
                 "owner": {"login": "octo", "phone": 5551234, "manager": {"phone": "555", "manager": {"phone": {"n": 1}}}},
                 "members": [{"login": "a", "phone": "1"}, {"login": "b", "phone": null}], "extra": {"phone": "not marked"}}
                """);

        assertThat(redactor.json(body, SensitiveFields.of(document))).isEqualTo(json("""
                {"email": "***", "plain": "visible",
                 "owner": {"login": "octo", "phone": "***", "manager": {"phone": "***", "manager": {"phone": "***"}}},
                 "members": [{"login": "a", "phone": "***"}, {"login": "b", "phone": null}], "extra": {"phone": "not marked"}}
                """));
    }

    @Test
    void sensitive_fields_are_found_through_combinators_and_a_ref_cycle_ends() throws Exception {
        JsonNode document = json("""
                {"allOf": [{"$ref": "#/$defs/loop"}, {"properties": {"pin": {"x-sensitive": true}}}],
                 "$defs": {"loop": {"$ref": "#/$defs/loop"}}}
                """);

        assertThat(redactor.json(json("{\"pin\": 1234, \"other\": 1}"), SensitiveFields.of(document)))
                .isEqualTo(json("{\"pin\": \"***\", \"other\": 1}"));
    }

    @Test
    void a_sensitive_root_masks_the_whole_body_and_no_marks_mask_nothing() throws Exception {
        assertThat(redactor.json(json("{\"a\": 1}"), SensitiveFields.of(json("{\"x-sensitive\": true}")))).isEqualTo(json("\"***\""));
        assertThat(SensitiveFields.of(json("{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"integer\"}}}")))
                .isSameAs(SensitiveFields.NONE);
        assertThat(SensitiveFields.of(null)).isSameAs(SensitiveFields.NONE);
    }

    @Test
    void headers_keep_their_order() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("b", "1");
        headers.put("Cookie", "c=1");
        headers.put("a", "2");
        assertThat(redactor.headers(headers).keySet()).containsExactly("b", "Cookie", "a");
    }

    @Test
    void secret_named_query_parameters_lose_their_value_and_keep_their_name() {
        assertThat(redactor.text("https://example.test/cb?state=ok&access_token=abc123&page=2"))
                .isEqualTo("https://example.test/cb?state=ok&access_token=***&page=2");
        assertThat(redactor.text("GET /x?api_key=k1;sig=zz&Password=hunter2#top")).isEqualTo("GET /x?api_key=***;sig=***&Password=***#top");
        assertThat(redactor.text("https://example.test/?client_secret=s&X-Amz-Signature=f00d")).isEqualTo("https://example.test/?client_secret=***&X-Amz-Signature=***");
        assertThat(redactor.text("https://example.test/search?q=design&page=2")).as("names that merely contain 'sig'")
                .isEqualTo("https://example.test/search?q=design&page=2");
    }

    @Test
    void a_body_that_is_not_json_loses_the_values_of_secret_named_fields_only() {
        assertThat(redactor.unparsedBody("{\"password\": \"hun\\\"ter2\", \"token\": null, \"login\": \"octo\", \"apiKey\":"
                + "\"cut"))
                .isEqualTo("{\"password\": \"***\", \"token\": \"***\", \"login\": \"octo\", \"apiKey\":\"***\"");
        assertThat(redactor.unparsedBody("client_secret=abc&grant_type=x password=y")).isEqualTo("client_secret=***&grant_type=x password=***");
        assertThat(redactor.unparsedBody("<p>key=value, \"title\": \"passwords\"</p>")).isEqualTo("<p>key=value, \"title\": \"passwords\"</p>");
        assertThat(redactor.unparsedBody("echo " + SECRET)).as("a configured secret still masks it whole").isEqualTo("***");
    }

    @Test
    void a_long_body_full_of_escapes_is_scanned_without_running_out_of_stack() {
        String body = "{\"password\": \"" + "\\\"".repeat(200_000) + "\", \"note\": \"" + "\\n".repeat(200_000) + "\"";

        assertThat(redactor.unparsedBody(body)).startsWith("{\"password\": \"***\", \"note\": \"\\n");
    }

    @Test
    void inline_masks_each_configured_secret_where_it_appears_and_keeps_the_rest() {
        assertThat(redactor.inline("401 for token " + SECRET + " (" + SECRET + ")")).isEqualTo("401 for token *** (***)");
        assertThat(redactor.inline("Authorization: Bearer abc.def-ghi_123 rejected")).isEqualTo("Authorization: Bearer *** rejected");
        assertThat(redactor.inline("redirected to /login?session=0xdead")).isEqualTo("redirected to /login?session=***");
        assertThat(redactor.inline("nothing secret here")).isEqualTo("nothing secret here");
        assertThat(redactor.inline(null)).isNull();
    }

    @Test
    void a_message_cut_inside_a_long_secret_loses_the_part_it_kept() {
        String cut = "Bad credentials: " + SECRET.substring(0, 10) + "...";
        assertThat(redactor.inline(cut)).isEqualTo("Bad credentials: ***");
        assertThat(redactor.text(cut)).isEqualTo("***");
        assertThat(redactor.inline("s3cr3t-c")).as("eight characters are enough").isEqualTo("***");
        assertThat(redactor.inline("s3cr3t- is a word")).as("fewer are not").isEqualTo("s3cr3t- is a word");
    }

    @Test
    void a_body_may_hold_a_secret_as_is_or_behind_json_escapes() {
        assertThat(redactor.mayHoldSecret(("{\"a\": \"" + SECRET + "\"}").getBytes())).isTrue();
        assertThat(redactor.mayHoldSecret("{\"a\": \"\\u0073\\u0033cr3t-configured-value\"}".getBytes())).isTrue();
        assertThat(new Redactor(List.of("key/with\"quote-0123")).mayHoldSecret("{\"a\": \"key\\/with\\\"quote-0123\"}".getBytes()))
                .as("short escapes").isTrue();
        assertThat(new Redactor(List.of("pässwörd-0123456789")).mayHoldSecret("[\"p\\u00e4ssw\u00f6rd-0123456789\"]".getBytes(UTF_8)))
                .as("an escaped and a raw non-ASCII letter").isTrue();
        assertThat(new Redactor(List.of("emoji-\uD83D\uDE00-0123456789")).mayHoldSecret("\"emoji-\\ud83d\\ude00-0123456789\"".getBytes(UTF_8)))
                .as("a character outside the BMP, escaped as a surrogate pair").isTrue();
        assertThat(Redactor.withoutSecrets().mayHoldSecret(("{\"a\": \"" + SECRET + "\"}").getBytes())).as("no secrets, nothing to find").isFalse();
    }

    @Test
    void a_body_with_escapes_but_no_secret_is_not_walked() throws Exception {
        byte[] body = "{\"title\": \"a \\\"quoted\\\" line\\nand a path C:\\\\s3cr3t\", \"s\": \"\\u0073\"}".getBytes(UTF_8);
        assertThat(Json.MAPPER.readTree(body).path("title").asText()).as("the body does escape").isEqualTo("a \"quoted\" line\nand a path C:\\s3cr3t");

        assertThat(redactor.mayHoldSecret(body)).as("backslashes alone are no reason to walk the data").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ghp_abcdefghijklmnopqrstuvwxyz0123456789", "0123456789abcdef0123456789abcdef01234567",
            "3f2b8c1e-9d4a-4b7e-8f60-2a5c9e1d7b34", "canary3f2b8c1e9d4a4b7e", "Tr0ub4dor&3xyzzyQ", "s3cr3t-configured-value"})
    void long_varied_secrets_are_credentials(String secret) {
        assertThat(Redactor.isCredential(secret)).as(secret).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"changeit", "hunter2", "P@ssw0rd-2026", "correcthorsebatterystaple", "0000000000000000000000"})
    void short_or_plain_secrets_are_not_credentials(String secret) {
        assertThat(Redactor.isCredential(secret)).as(secret).isFalse();
    }

    @Test
    void a_short_secret_is_masked_in_logs_and_errors_but_left_alone_in_data() throws Exception {
        Redactor withShort = new Redactor(List.of("changeit", SECRET));
        JsonNode data = json("{\"title\": \"run keytool -storepass changeit\", \"leak\": \"token " + SECRET + "\"}");

        assertThat(withShort.mayHoldSecret(("{\"title\": \"changeit\"}").getBytes(UTF_8))).isFalse();
        assertThat(withShort.maskSecretsIn(data)).isEqualTo(json("{\"title\": \"run keytool -storepass changeit\", \"leak\": \"token ***\"}"));
        assertThat(withShort.inline("store opened with changeit")).isEqualTo("store opened with ***");
        assertThat(withShort.text("bad password changeit")).isEqualTo("***");
    }
}
