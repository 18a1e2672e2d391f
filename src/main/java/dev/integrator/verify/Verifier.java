package dev.integrator.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.integrator.ConfigurationException;
import dev.integrator.Home;
import dev.integrator.OperationId;
import dev.integrator.chain.OperationSpec;
import dev.integrator.contract.Contract;
import dev.integrator.contract.ContractLoader;
import dev.integrator.contract.ContractLock;
import dev.integrator.contract.ContractOperation;
import dev.integrator.contract.SchemaFields;
import dev.integrator.fixture.Fixture;
import dev.integrator.fixture.Fixtures;
import dev.integrator.fixture.Sentinels;
import dev.integrator.internal.ChainTemplate;
import dev.integrator.internal.OperationResolver;
import dev.integrator.json.Json;
import dev.integrator.normalize.DtoMapping;
import dev.integrator.normalize.Mappings;
import dev.integrator.ops.OpsNotes;
import dev.integrator.provider.ProviderLoader;
import dev.integrator.runtime.Integrator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code integrator verify}: contracts, fixtures, lock, routes and ops notes agree. Every check runs and every
 * problem is listed (file first); clean means exit 0.
 */
public final class Verifier {

    public static final int MIN_GOOD = 3;
    public static final int MIN_BAD = 5;
    static final long MAX_CONTRACT_BYTES = 64 * 1024;
    static final long MAX_FIXTURE_BYTES = 256 * 1024;

    private final Home home;
    private final List<String> problems = new ArrayList<>();

    private Verifier(Home home) {
        this.home = home;
    }

    public static List<String> verify(Path home) {
        Verifier v = new Verifier(Home.of(home));
        v.run();
        return v.problems;
    }

    private void run() {
        textFiles();
        problems.addAll(ChainTemplate.shipped().problems(OperationResolver.READS));
        // Loaded once: the integrator and the sentinels run on these, and their problems are listed here only.
        Map<String, Contract> contracts = ContractLoader.loadAll(home.contracts(), problems);
        lock();
        reads(EventChecks.check(home, problems));
        List<Fixture> fixtures = fixtures(contracts);
        Integrator integrator = null;
        try {
            integrator = Integrator.builder().home(home.root()).contracts(contracts).env(Map.of()).start();
        } catch (ConfigurationException e) {
            e.problems().forEach(problems::add);
        }
        if (integrator != null) {
            try (Integrator started = integrator) {
                List<OperationSpec> operations = List.copyOf(started.operations().all());
                usage(contracts, operations);
                routeFileNames();
                reads(contracts);
                opsNotes(started, operations, contracts);
            }
            sentinels(contracts, fixtures.stream().filter(f -> contracts.containsKey(f.contract())
                    && !contracts.get(f.contract()).status().equals("retired")).toList());
        }
    }

    /** ASCII only, and within a size budget, for every definition file. */
    private void textFiles() {
        for (String dir : List.of("contracts", "fixtures", "routes")) {
            for (Path f : files(home.root().resolve(dir))) {
                try {
                    byte[] bytes = Files.readAllBytes(f);
                    long budget = dir.equals("contracts") ? MAX_CONTRACT_BYTES : MAX_FIXTURE_BYTES;
                    if (bytes.length > budget) {
                        problems.add(rel(f) + ": " + bytes.length + " bytes, over the budget of " + budget);
                    }
                    for (int i = 0, line = 1, col = 1; i < bytes.length; i++, col++) {
                        if (bytes[i] == '\n') {
                            line++;
                            col = 0;
                        } else if (bytes[i] < 0 || bytes[i] == 0) {
                            problems.add(rel(f) + ":" + line + ":" + col + ": non-ASCII byte 0x" + String.format("%02x", bytes[i] & 0xff));
                            break;
                        }
                    }
                } catch (IOException e) {
                    problems.add(rel(f) + ": cannot read: " + e.getMessage());
                }
            }
        }
    }

    private void lock() {
        try {
            Map<String, String> locked = ContractLock.read(home.root());
            Map<String, String> current = ContractLock.current(home.root());
            current.forEach((key, hash) -> {
                if (!locked.containsKey(key)) {
                    problems.add(ContractLock.describe(key) + ": not in contracts/contracts.lock; run `integrator lock` once it is final");
                } else if (!locked.get(key).equals(hash)) {
                    problems.add(ContractLock.describe(key) + ": changed since it was locked; "
                            + (key.startsWith("fixtures/") ? "a locked fixture changes only deliberately (`integrator lock --force " + key + "`)"
                                    : "a locked version never changes: add the next version instead"));
                }
            });
            locked.keySet().stream().filter(key -> !current.containsKey(key))
                    .forEach(key -> problems.add(ContractLock.describe(key) + ": locked but missing; "
                            + (key.startsWith("fixtures/") ? "a known regression would no longer be replayed" : "a route or fixture may need it")));
        } catch (IOException e) {
            problems.add("contracts/contracts.lock: " + e.getMessage());
        }
    }

    private List<Fixture> fixtures(Map<String, Contract> contracts) {
        List<Fixture> fixtures;
        try {
            fixtures = Fixtures.loadAll(home.fixtures());
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
            return List.of();
        }
        Map<String, List<Fixture>> byContract = fixtures.stream().collect(Collectors.groupingBy(Fixture::contract, TreeMap::new, Collectors.toList()));
        byContract.forEach((id, list) -> {
            Contract c = contracts.get(id);
            if (c == null) {
                problems.add("fixtures/" + id + ": no contract " + id);
                return;
            }
            for (Fixture f : list) {
                OperationId op = operationOf(f);
                if (op == null || !op.resourceId().equals(c.provider() + "." + c.resource()) || !c.operations().containsKey(op.operation())) {
                    problems.add("fixtures/" + f.name() + ": operation " + f.operation() + " is not in contract " + id);
                }
            }
        });
        for (Contract c : contracts.values()) {
            List<Fixture> list = byContract.getOrDefault(c.id(), List.of());
            long good = list.stream().filter(Fixture::good).count();
            long bad = list.size() - good;
            if (good < MIN_GOOD || bad < MIN_BAD) {
                problems.add("fixtures/" + c.id() + ": " + good + " good and " + bad + " bad fixtures; every contract version needs at least "
                        + MIN_GOOD + " good and " + MIN_BAD + " bad");
            }
        }
        return fixtures;
    }

    private static OperationId operationOf(Fixture f) {
        try {
            return OperationId.parse(f.operation());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Every contract version is used by a route, or marked deprecated or retired. */
    private void usage(Map<String, Contract> contracts, List<OperationSpec> operations) {
        Set<String> used = operations.stream().map(OperationSpec::contractId).collect(Collectors.toSet());
        contracts.values().stream().filter(c -> !used.contains(c.id()) && !c.mayBeUnused())
                .forEach(c -> problems.add("contracts/" + c.id() + ".yaml: no route uses it; route an operation to it or set status: deprecated"));
    }

    /** routes/<provider>/<resource>.yaml holds only operations of that provider and resource. */
    private void routeFileNames() {
        for (Path f : files(home.routes())) {
            Path rel = home.routes().relativize(f);
            String name = f.getFileName().toString();
            if (rel.getNameCount() != 2 || name.equals(ProviderLoader.FILE_NAME)) {
                continue;
            }
            String prefix = rel.getName(0) + "." + name.substring(0, name.length() - ".yaml".length()) + ".";
            try {
                for (JsonNode entry : Json.YAML.readTree(f.toFile())) {
                    for (JsonNode param : entry.path("templatedRoute").path("parameters")) {
                        if (param.path("name").asText().equals("operation") && !param.path("value").asText().startsWith(prefix)) {
                            problems.add(rel(f) + ": operation " + param.path("value").asText() + " belongs in its own resource file, "
                                    + "not in one for " + prefix + "*");
                        }
                    }
                }
            } catch (IOException e) {
                problems.add(rel(f) + ": " + e.getMessage());
            }
        }
    }

    /**
     * Every field a DTO mapping reads (but those it tolerates missing) is required and typed by the contract, and a
     * converted value's type is one its conversion takes (null only where the component can hold it).
     */
    private void reads(Map<String, Contract> contracts) {
        // Problems building the mappings were reported when the integrator started; here only their reads count.
        Map<String, DtoMapping> mappings = Mappings.build(contracts, Map.of(), new ArrayList<>());
        for (Contract c : contracts.values()) {
            if (c.status().equals("retired")) {
                continue;
            }
            for (ContractOperation op : c.operations().values()) {
                DtoMapping mapping = mappings.get(c.id() + "." + op.name());
                if (mapping == null) {
                    problems.add("contracts/" + c.id() + ".yaml: operation " + op.name() + " has no DTO mapping");
                    continue;
                }
                Map<String, SchemaFields.Field> fields = SchemaFields.of(op.responseDocument());
                for (String read : mapping.reads()) {
                    if (DtoMapping.isOptional(read)) {
                        continue;
                    }
                    String pointer = DtoMapping.pointer(read);
                    SchemaFields.Field field = fields.get(pointer);
                    if (field == null || !field.required() || field.types().isEmpty()) {
                        problems.add("contracts/" + c.id() + ".yaml: operation " + op.name() + ": the " + mapping.dto() + " mapping reads "
                                + pointer + ", which the response schema must require and type"
                                + (field == null ? " (not declared)" : !field.required() ? " (not required)" : " (no type)"));
                    }
                }
                mapping.types().forEach((pointer, accepted) -> {
                    SchemaFields.Field field = fields.get(pointer);
                    if (field != null && !field.types().isEmpty() && !accepted.containsAll(field.types())) {
                        problems.add("contracts/" + c.id() + ".yaml: operation " + op.name() + ": the " + mapping.dto() + " mapping reads "
                                + pointer + " as one of " + new java.util.TreeSet<>(accepted) + ", but the response schema types it "
                                + field.types());
                    }
                });
            }
        }
    }

    private void opsNotes(Integrator integrator, List<OperationSpec> operations, Map<String, Contract> contracts) {
        for (String provider : operations.stream().map(op -> op.provider().config().provider()).collect(Collectors.toCollection(java.util.TreeSet::new))) {
            Path note = home.opsNotes(provider);
            String expected = OpsNotes.render(integrator.provider(provider).config(),
                    operations.stream().filter(op -> op.provider().config().provider().equals(provider)).toList(), contracts);
            try {
                if (!Files.exists(note)) {
                    problems.add(rel(note) + ": missing; run `integrator docs`");
                } else if (!Files.readString(note, StandardCharsets.UTF_8).equals(expected)) {
                    problems.add(rel(note) + ": stale or edited by hand; run `integrator docs` (it is generated from routes/ and contracts/)");
                }
            } catch (IOException e) {
                problems.add(rel(note) + ": " + e.getMessage());
            }
        }
    }

    private void sentinels(Map<String, Contract> contracts, List<Fixture> fixtures) {
        try (Sentinels sentinels = new Sentinels(home, contracts)) {
            for (Fixture f : fixtures) {
                Sentinels.Result result = sentinels.replay(f);
                if (!result.passed()) {
                    problems.add("fixtures/" + f.name() + ": " + result.problem());
                }
            }
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
        }
    }

    private List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            problems.add(rel(dir) + ": cannot list: " + e.getMessage());
            return List.of();
        }
    }

    private String rel(Path p) {
        return home.relative(p);
    }
}
