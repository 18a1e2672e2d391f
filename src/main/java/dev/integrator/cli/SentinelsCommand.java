package dev.integrator.cli;

import dev.integrator.Envelope;
import dev.integrator.ErrorCode;
import dev.integrator.Home;
import dev.integrator.chain.OperationSpec;
import dev.integrator.chain.ProviderRuntime;
import dev.integrator.fixture.Fixture;
import dev.integrator.fixture.Fixtures;
import dev.integrator.fixture.Sentinels;
import dev.integrator.provider.ProviderConfig;
import dev.integrator.runtime.Integrator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code integrator sentinels}: every fixture replayed through the real chain against the sandbox.
 * {@code --live}: the providers' read-only probes against the real provider with the configured credentials,
 * reporting drift. Exit 0 clean, 1 a failure or drift, 4 live without credentials.
 */
final class SentinelsCommand {

    private SentinelsCommand() {
    }

    static int run(Path home, String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length == 1 && args[0].equals("--live")) {
            return live(home, env, out, err);
        }
        if (args.length != 0) {
            err.println("usage: integrator sentinels [--live]");
            return Main.USAGE;
        }
        int failed = 0;
        List<Fixture> fixtures = Fixtures.loadAll(Home.of(home).fixtures());
        try (Sentinels sentinels = new Sentinels(Home.of(home))) {
            for (Fixture f : fixtures) {
                Sentinels.Result r = sentinels.replay(f);
                out.println((r.passed() ? "pass " : "FAIL ") + f.name() + (r.passed() ? "" : ": " + r.problem()));
                failed += r.passed() ? 0 : 1;
            }
        }
        out.println((fixtures.size() - failed) + " passed, " + failed + " failed");
        return failed == 0 ? Main.OK : Main.ERROR;
    }

    private static int live(Path home, Map<String, String> env, PrintStream out, PrintStream err) {
        int problems = 0;
        boolean missingCredentials = false;
        try (Integrator integrator = Integrator.builder().home(home).env(env).start()) {
            for (ProviderRuntime runtime : integrator.operations().providers()) {
                ProviderConfig config = runtime.config();
                String provider = config.provider();
                Map<String, Map<String, Object>> probes = config.ops() == null || config.ops().probes() == null ? Map.of() : config.ops().probes();
                if (probes.isEmpty()) {
                    // Nothing to send, so no credential to ask for: a provider without probes does not stop the others.
                    continue;
                }
                String tokenEnv = config.auth() == null ? null : config.auth().tokenEnv();
                if (!probes.isEmpty() && tokenEnv != null && (env.get(tokenEnv) == null || env.get(tokenEnv).isBlank())) {
                    err.println(provider + ": no credentials: set " + tokenEnv + " to run live sentinels; nothing was sent");
                    missingCredentials = true;
                    continue;
                }
                for (var probe : probes.entrySet()) {
                    OperationSpec op = integrator.operations().get(probe.getKey());
                    if (!op.method().equals("GET")) {
                        out.println("SKIP  " + op.id() + ": live probes are read-only, and this is a " + op.method());
                        continue;
                    }
                    Envelope e = integrator.call(op.id(), probe.getValue());
                    if (e.ok()) {
                        out.println("ok    " + op.id() + " (" + op.contractId() + ")");
                    } else {
                        problems++;
                        out.println((e.error().code() == ErrorCode.CONTRACT_VIOLATION ? "DRIFT " : "ERROR ") + op.id() + " ("
                                + op.contractId() + "): " + e.error().code() + " " + e.error().message());
                    }
                }
            }
        }
        if (missingCredentials) {
            return Main.NO_CREDENTIALS;
        }
        return problems == 0 ? Main.OK : Main.ERROR;
    }
}
