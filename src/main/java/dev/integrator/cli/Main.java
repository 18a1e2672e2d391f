package dev.integrator.cli;

import dev.integrator.ConfigurationException;
import dev.integrator.observe.LogRedaction;
import dev.integrator.redact.Redactor;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * {@code integrator <command>}, with the exit codes of {@link #EXIT_CODES}. A failure nothing expected ends as one
 * masked line on stderr and {@link #FAILED}, never as a stack trace; {@code call} prints an INTERNAL envelope too.
 */
public final class Main {

    static final int OK = 0;
    static final int ERROR = 1;
    static final int USAGE = 2;
    static final int BROKEN = 3;
    static final int NO_CREDENTIALS = 4;
    static final int NOT_FOUND = 5;
    static final int FAILED = 6;

    /** 7 is bin/integrator's own: the jar could not be built. README's exit-code table says the same. */
    static final String EXIT_CODES = """
            exit codes: 0 ok
                        1 the envelope holds an error (call); a check found problems (verify, lock, diff,
                          sentinels, demo); the ingress did not answer 2xx (webhooks replay)
                        2 usage error: unknown command or operation, malformed arguments
                        3 the definitions or the environment are broken (every problem is listed on stderr)
                        4 sentinels --live without credentials
                        5 not found: dlq replay --id names no dead letter
                        6 integrator failed unexpectedly: call prints an INTERNAL envelope; one line on stderr
                        7 bin/integrator could not build the jar""";

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
                   integrator webhooks replay <file> --provider <p> --event <e> [--url <url>]
                                                                  sign a payload, post it to run's ingress
            environment: GITHUB_BASE_URL, GITHUB_TOKEN, INTEGRATOR_HOME (folder with routes/ and contracts/),
                         INTEGRATOR_DRIFT_DIR (drift samples; default <INTEGRATOR_HOME>/data/drift),
                         INTEGRATOR_LOG_FORMAT (json|text), INTEGRATOR_LOG (level of integrator's events),
                         INTEGRATOR_MANAGEMENT_HOST/_PORT (run: health and metrics; default 127.0.0.1:8080),
                         INTEGRATOR_WEBHOOK_HOST/_PORT (run: POST /webhooks/<provider>; default 127.0.0.1:8081)
            """ + EXIT_CODES;

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
        if (args.length == 0) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            Path home = Path.of(env.getOrDefault("INTEGRATOR_HOME", "."));
            return switch (args[0]) {
                case "call" -> CallCommand.run(home, rest, env, out, err);
                case "demo" -> DemoCommand.run(home, out);
                case "run" -> RunCommand.run(home, env, out);
                case "dlq" -> DlqCommand.run(home, rest, env, out, err);
                case "verify" -> VerifyCommand.run(home, out);
                case "lock" -> LockCommand.run(home, rest, out, err);
                case "diff" -> DiffCommand.run(home, rest, out, err);
                case "docs" -> DocsCommand.run(home, out);
                case "sentinels" -> SentinelsCommand.run(home, rest, env, out, err);
                case "drift" -> DriftCommand.run(home, rest, env, out, err);
                case "webhooks" -> WebhooksCommand.run(home, rest, env, out, err);
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
        } catch (RuntimeException e) {
            return failed(e, env, err);
        }
    }

    /**
     * One line on stderr naming the failure, with the values of secret-named variables masked (the failure may have
     * come before any provider registered its credentials for masking); the stack trace only at DEBUG.
     */
    static int failed(RuntimeException e, Map<String, String> env, PrintStream err) {
        err.println("integrator failed unexpectedly: " + describe(e, env) + " (exit " + FAILED + "; INTEGRATOR_LOG=DEBUG logs the stack trace)");
        // Looked up here, not held in a field: loading Main must not configure logging before logDefaults ran.
        LoggerFactory.getLogger("integrator.cli").debug("unexpected failure", e);
        return FAILED;
    }

    /** The exception's class and message on one line, masked. */
    private static String describe(RuntimeException e, Map<String, String> env) {
        List<String> secrets = env.entrySet().stream().filter(v -> Redactor.isSecretKey(v.getKey())).map(Map.Entry::getValue).toList();
        String message = e.getMessage() == null ? "" : ": " + new Redactor(secrets).inline(LogRedaction.mask(e.getMessage()));
        return e.getClass().getSimpleName() + message.replaceAll("\\s+", " ");
    }
}
