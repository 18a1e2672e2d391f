package dev.integrator.bench;

import dev.integrator.chain.step.OutcomeStep;
import dev.integrator.internal.ChainTemplate;
import dev.integrator.runtime.Integrator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Temporary integrator homes (routes/ and contracts/) made from the repository's own: chain variants with one
 * link at a time, the chain with a canned transport, and a home with 100 operations.
 */
public final class Homes {

    /** The chain template inside the integrator jar; variants of it are handed to the builder, never put in routes/. */
    static final String CHAIN = ChainTemplate.RESOURCE;
    private static final String FROM = "        uri: \"direct:{{operation}}\"\n        steps:\n";
    private static final String SUB_ROUTES = "# Redelivery for one call.";
    private static final String BUDGET_STEP = "        - process:\n            ref: integratorBudget\n";

    private Homes() {
    }

    /** A copy of the repository's routes/ and contracts/ under {@code dir}. */
    public static Path copy(Path repo, Path dir) {
        for (String folder : List.of("routes", "contracts")) {
            Path from = repo.resolve(folder);
            try (Stream<Path> files = Files.walk(from)) {
                for (Path f : files.toList()) {
                    Path target = dir.resolve(folder).resolve(from.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(f, target);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    /**
     * The chain variants of the per-link measurement, by name. "transport" keeps what every variant needs (the
     * request step, which checks the parameters and builds the request, and the HTTP call); each other variant adds
     * one link to it; "full chain" is the shipped chain as it is. Each is run through {@code Integrator.Builder.chain}.
     */
    static Map<String, String> linkVariants() {
        String chain = shippedChain();
        int at = chain.indexOf(FROM);
        int sub = chain.indexOf(SUB_ROUTES);
        if (at < 0 || sub < 0 || !chain.contains(BUDGET_STEP)) {
            throw new IllegalStateException(CHAIN + " no longer has the shape the link variants are cut from");
        }
        String head = chain.substring(0, at + FROM.length());
        String subRoutes = chain.substring(sub);
        String request = step("integratorRequest");
        String call = step("integratorCall");
        Map<String, String> v = new LinkedHashMap<>();
        v.put("transport", head + request + call);
        v.put("+ budget", head + request + step("integratorBudget") + call);
        v.put("+ breaker", head + request
                + "          - circuitBreaker:\n"
                + "              resilience4jConfiguration:\n"
                + "                circuitBreaker: \"breaker.{{operation}}\"\n"
                + "                throwExceptionWhenHalfOpenOrOpenState: true\n"
                + "              steps:\n"
                + "                - process:\n"
                + "                    ref: integratorCall\n");
        v.put("+ retry", head + request + "          - to: direct:integrator.upstream\n\n" + subRoutes.replace(BUDGET_STEP, ""));
        v.put("+ validation", head + request + call + step("integratorResponse"));
        v.put("+ validation + normalization", head + request + call + step("integratorResponse") + step("integratorNormalize"));
        v.put("+ outcome", outcome(head, "process:\n", "ref: integratorSucceed\n", "ref: integratorFail\n"));
        // The outcome as it was before issue 16, for the before/after comparison in one run: bean calls.
        v.put("+ outcome as bean calls (before)", outcome(head, "bean:\n", "beanType: " + OutcomeStep.class.getName() + "\n"
                + "{indent}method: succeed\n", "beanType: " + OutcomeStep.class.getName() + "\n{indent}method: fail\n"));
        v.put("full chain", chain);
        return v;
    }

    /** The request, the call and the outcome in a doTry; {@code kind} is the YAML key of the outcome's two steps. */
    private static String outcome(String head, String kind, String succeed, String fail) {
        return head
                + "          - doTry:\n"
                + "              steps:\n"
                + "                - process:\n"
                + "                    ref: integratorRequest\n"
                + "                - process:\n"
                + "                    ref: integratorCall\n"
                + "                - " + kind
                + "                    " + succeed.replace("{indent}", "                    ")
                + "              doCatch:\n"
                + "                - exception:\n"
                + "                    - java.lang.Exception\n"
                + "                  steps:\n"
                + "                    - " + kind
                + "                        " + fail.replace("{indent}", "                        ");
    }

    private static String step(String ref) {
        return "          - process:\n              ref: " + ref + "\n";
    }

    /** The shipped chain with the HTTP call replaced by {@code CannedCall}: every link but the socket. */
    public static String canned() {
        String chain = shippedChain();
        String canned = chain.replace("ref: integratorCall", "ref: \"#class:dev.integrator.chain.CannedCall\"");
        if (canned.equals(chain)) {
            throw new IllegalStateException(CHAIN + " no longer names integratorCall");
        }
        return canned;
    }

    /** The chain template as the integrator jar ships it. */
    static String shippedChain() {
        try (InputStream in = Integrator.class.getClassLoader().getResourceAsStream(CHAIN)) {
            if (in == null) {
                throw new IllegalStateException(CHAIN + " is not in the integrator jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The repository's definitions plus generated ones up to {@code total} operations: a contract
     * github.bench.v1 whose operations each list issues with the github.issues.v2 schemas, and one route each.
     * Returns the mapping keys the generated operations need ({@code github.bench.v1.opNNN}).
     */
    static List<String> withOperations(Path repo, Path dir, int existing, int total) {
        copy(repo, dir);
        String issues = read(repo.resolve("contracts/github.issues.v2.yaml"));
        String schemas = issues.substring(issues.indexOf("\nschemas:\n") + 1, issues.indexOf("\noperations:\n") + 1);
        StringBuilder contract = new StringBuilder("""
                id: github.bench.v1
                provider: github
                resource: bench
                version: 1
                provenance:
                  source: "generated by the benchmark from github.issues.v2"
                  descriptionVersion: "1"
                  producedBy: "bench/run"
                  decision: "issue 6: startup with 100 operations"
                  date: "2026-11-26"
                """).append(schemas).append("operations:\n");
        StringBuilder routes = new StringBuilder("# Generated by the benchmark: one route per generated operation.\n");
        List<String> keys = new ArrayList<>();
        for (int i = 1; i <= total - existing; i++) {
            String op = String.format("op%03d", i);
            keys.add("github.bench.v1." + op);
            contract.append("  ").append(op).append(":\n")
                    .append("    operationId: bench/").append(op).append('\n')
                    .append("    dto: IssuePage\n")
                    .append("    parameters:\n")
                    .append("      owner: {in: path, required: true, schema: {type: string, minLength: 1, maxLength: 100}}\n")
                    .append("      repo: {in: path, required: true, schema: {type: string, minLength: 1, maxLength: 100}}\n")
                    .append("      state: {in: query, schema: {type: string, enum: [open, closed, all]}}\n")
                    .append("      per_page: {in: query, schema: {type: integer, minimum: 1, maximum: 100}}\n")
                    .append("      page: {in: query, schema: {type: integer, minimum: 1}}\n")
                    .append("    response:\n")
                    .append("      status: 200\n")
                    .append("      schema: {type: array, items: {$ref: \"#/$defs/issue\"}}\n");
            routes.append("- templatedRoute:\n")
                    .append("    routeTemplateRef: integrator-operation\n")
                    .append("    routeId: github.bench.").append(op).append('\n')
                    .append("    parameters:\n")
                    .append("      - {name: operation, value: github.bench.").append(op).append("}\n")
                    .append("      - {name: method, value: GET}\n")
                    .append("      - {name: path, value: \"/repos/{owner}/{repo}/issues\"}\n")
                    .append("      - {name: contract, value: github.bench.v1}\n");
        }
        write(dir.resolve("contracts/github.bench.v1.yaml"), contract.toString());
        write(dir.resolve("routes/github/bench.yaml"), routes.toString());
        return keys;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
