package dev.integrator.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.integrator.TempHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify is clean on the repository, and names the reason after any one deliberate breakage. */
class VerifyTest {

    @TempDir
    Path dir;
    private TempHome home;

    @BeforeEach
    void copy() throws IOException {
        home = TempHome.definitions(dir);
    }

    private List<String> verify() {
        return Verifier.verify(home.path());
    }

    @Test
    void the_repository_as_committed_is_clean() {
        assertThat(Verifier.verify(Path.of("."))).isEmpty();
    }

    @Test
    void a_retry_budget_over_100_percent_fails() throws IOException {
        home.edit("routes/defaults.yaml", "  budgetPercent: 20", "  budgetPercent: 101");

        assertThat(verify()).anySatisfy(p -> assertThat(p).contains("retry.budgetPercent must be between 0 and 100, but was 101.0"));
    }

    @Test
    void contracts_are_loaded_once_so_a_broken_one_is_reported_once() throws IOException {
        home.edit("contracts/github.labels.v1.yaml", "id: github.labels.v1", "id: github.labels.v2");

        List<String> problems = verify();

        assertThat(problems).anySatisfy(p -> assertThat(p).contains("github.labels.v1.yaml"));
        assertThat(problems).doesNotHaveDuplicates();
    }

    @Test
    void editing_a_locked_contract_without_a_bump_fails() throws IOException {
        home.edit("contracts/github.repos.v1.yaml", "      - archived\n", "      - archived\n      - node_id\n");

        assertThat(verify()).anySatisfy(p -> assertThat(p)
                .contains("contracts/github.repos.v1.yaml: changed since it was locked"));
    }

    @Test
    void deleting_a_bad_fixture_fails() throws IOException {
        Files.delete(home.resolve("fixtures/github.labels.v1/bad/create-response-id-string.json"));

        assertThat(verify()).anySatisfy(p -> assertThat(p).contains(
                "fixtures/github.labels.v1/bad/create-response-id-string.json: locked but missing"));
    }

    @Test
    void changing_a_golden_dto_fails() throws IOException {
        home.edit("fixtures/github.repos.v1/good/get-public-org-repo.json", "\"defaultBranch\": \"main\"",
                "\"defaultBranch\": \"master\"");

        assertThat(verify()).anySatisfy(p -> assertThat(p)
                .contains("get-public-org-repo.json: DTO differs from the golden one"));
    }

    @Test
    void an_event_fixture_whose_golden_dto_or_drift_pointer_is_wrong_fails() throws IOException {
        home.edit("fixtures/github.events.issues.v1/good/opened.json",
                "\"title\": \"Spelling error in the README file\",\n        \"state\"",
                "\"title\": \"Another title\",\n        \"state\"");
        home.edit("fixtures/github.events.issues.v1/bad/issue-number-string.json", "\"violation\": \"/issue/number\"",
                "\"violation\": \"/issue/title\"");

        assertThat(verify()).anySatisfy(p -> assertThat(p)
                .contains("github.events.issues.v1/good/opened.json: DTO differs from the golden one"))
                .anySatisfy(p -> assertThat(p)
                        .contains("issues.v1/bad/issue-number-string.json: expected drift at /issue/title"));
    }

    @Test
    void an_event_listed_in_webhooks_without_a_contract_fails() throws IOException {
        home.edit("routes/github/provider.yaml", "events: [issues,", "events: [release, issues,");

        assertThat(verify()).anySatisfy(p -> assertThat(p).contains("webhooks.events names release"));
    }

    @Test
    void editing_an_ops_note_by_hand_fails() throws IOException {
        home.edit("ops/integrations/github/README.md", "## Notes", "## Notes\n\n- A hand-written line.");

        assertThat(verify()).anySatisfy(p -> assertThat(p)
                .contains("ops/integrations/github/README.md: stale or edited by hand"));
    }

    @Test
    void a_non_ascii_character_in_a_contract_fails() throws IOException {
        home.edit("contracts/github.labels.v1.yaml", "producedBy: \"integrator maintainers\"",
                "producedBy: \"integrator maint\u00e4iners\"");

        assertThat(verify()).anySatisfy(p -> assertThat(p).startsWith("contracts/github.labels.v1.yaml:")
                .contains("non-ASCII byte"));
    }

    @Test
    void a_declared_read_the_contract_does_not_declare_fails_and_the_changed_mapping_is_not_silent() throws IOException {
        home.edit("contracts/github.repos.v1.yaml", "fullName: {read: /full_name, as: string}",
                "fullName: {read: /full_title, as: string}");

        assertThat(verify())
                .anySatisfy(p -> assertThat(p)
                        .contains("the Repository mapping reads /full_title, which the response schema must require"
                        + " and type (not declared)"))
                .anySatisfy(p -> assertThat(p).contains("contracts/github.repos.v1.yaml: changed since it was locked"));
    }

    @Test
    void a_field_the_contract_lets_be_null_under_a_primitive_component_fails() throws IOException {
        home.edit("contracts/github.repos.v1.yaml", "forks_count: {type: integer}",
                "forks_count: {type: [integer, \"null\"]}");

        assertThat(verify()).anySatisfy(p -> assertThat(p)
                .contains("the Repository mapping reads /forks_count as one of [integer],"
                + " but the response schema types it [integer, null]"));
    }

    @Test
    void an_unused_active_version_and_a_read_the_contract_does_not_require_fail() throws IOException {
        home.edit("contracts/github.issues.v1.yaml", "status: deprecated", "status: active");
        home.edit("contracts/github.repos.v1.yaml", "      - full_name\n", "");

        assertThat(verify())
                .anySatisfy(p -> assertThat(p).contains("contracts/github.issues.v1.yaml: no route uses it"))
                .anySatisfy(p -> assertThat(p)
                        .contains("the Repository mapping reads /full_name, which the response schema must require"));
    }
}
