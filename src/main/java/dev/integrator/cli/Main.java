package dev.integrator.cli;

import dev.integrator.ConfigurationException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * {@code integrator <command>}. Exit codes: 0 ok, 1 the envelope holds an error (or a check found problems, or a
 * drift file cannot be read or written), 2 usage error, 3 the definitions are broken (every problem is listed on
 * stderr), 4 live sentinels without credentials.
 */
public final class Main {

    static final int OK = 0;
    static final int ERROR = 1;
    static final int USAGE = 2;
    static final int BROKEN = 3;

    private static final String USAGE_TEXT = """
            usage: integrator call <operation> [name=value ...]   one call; prints the envelope as JSON
                   integrator demo                                a tour against an embedded sandbox GitHub
                   integrator run                                 the service: every operation on queue integrator.<operation>
                   integrator dlq list | replay --id <id> | --all dead letters of the configured broker
                   integrator verify                              contracts, fixtures, lock, routes and ops notes agree
                   integrator lock [--force <key>]                 record the hash of new contract versions and fixtures
                   integrator diff <provider>.<resource> vN vM    breaking and other changes between versions
                   integrator docs                                regenerate ops/integrations/<provider>/README.md
                   integrator sentinels [--live]                  replay every fixture; --live probes the real provider
                   integrator drift list                          recorded contract violations, one line each
                   integrator drift fixture <id> [<name>]         a drift sample as fixtures/<contract>/bad/<name>.json
            environment: GITHUB_BASE_URL, GITHUB_TOKEN, INTEGRATOR_HOME (folder with routes/ and contracts/),
                         INTEGRATOR_DRIFT_DIR (drift samples; default <INTEGRATOR_HOME>/data/drift),
                         INTEGRATOR_LOG_FORMAT (json|text), INTEGRATOR_LOG (level of integrator's events),
                         INTEGRATOR_MANAGEMENT_HOST/_PORT (run: health and metrics; default 127.0.0.1:8080)""";

    private Main() {
    }

    public static void main(String[] args) {
        logDefaults(args, System.getenv());
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /**
     * The service logs JSON events at INFO (one per attempt and per call) for a log pipeline; the other commands
     * serve a person at a terminal and log readable text, warnings only. The environment overrides either. Set
     * before the first logger exists, since the logging configuration reads them once.
     */
    private static void logDefaults(String[] args, Map<String, String> env) {
        boolean service = args.length > 0 && args[0].equals("run");
        if (!env.containsKey("INTEGRATOR_LOG_FORMAT")) {
            System.setProperty("INTEGRATOR_LOG_FORMAT", service ? "json" : "text");
        }
        if (!env.containsKey("INTEGRATOR_LOG")) {
            System.setProperty("INTEGRATOR_LOG", service ? "INFO" : "WARN");
        }
    }

    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Path home = Path.of(env.getOrDefault("INTEGRATOR_HOME", "."));
        if (args.length == 0) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "call" -> CallCommand.run(home, rest, env, out, err);
                case "demo" -> DemoCommand.run(home, out, err);
                case "run" -> RunCommand.run(home, env, out);
                case "dlq" -> DlqCommand.run(home, rest, env, out, err);
                case "verify" -> VerifyCommand.run(home, out);
                case "lock" -> LockCommand.run(home, rest, out, err);
                case "diff" -> DiffCommand.run(home, rest, out, err);
                case "docs" -> DocsCommand.run(home, out);
                case "sentinels" -> SentinelsCommand.run(home, rest, env, out, err);
                case "drift" -> DriftCommand.run(home, rest, env, out, err);
                case "help", "--help", "-h" -> {
                    out.println(USAGE_TEXT);
                    yield OK;
                }
                default -> {
                    err.println("unknown command '" + args[0] + "'\n" + USAGE_TEXT);
                    yield USAGE;
                }
            };
        } catch (ConfigurationException e) {
            err.println("integrator cannot start: " + e.getMessage());
            return BROKEN;
        }
    }
}
