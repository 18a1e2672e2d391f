package dev.integrator.cli;

import dev.integrator.ConfigurationException;
import dev.integrator.Envelope;
import dev.integrator.ErrorCode;
import dev.integrator.Meta;
import dev.integrator.runtime.Integrator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code integrator call <operation> name=value ...}: one call through the chain, the envelope on stdout. */
final class CallCommand {

    private CallCommand() {
    }

    static int run(Path home, String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("usage: integrator call <operation> [name=value ...]");
            return Main.USAGE;
        }
        String operation = args[0];
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0) {
                err.println("malformed argument '" + args[i] + "': expected name=value");
                return Main.USAGE;
            }
            String name = args[i].substring(0, eq);
            if (params.put(name, args[i].substring(eq + 1)) != null) {
                err.println("parameter '" + name + "' given twice; pass a list as name=a,b, or as JSON: name='[\"a,b\",\"c\"]'");
                return Main.USAGE;
            }
        }
        Envelope printed = null;
        try (Integrator integrator = Integrator.builder().home(home).env(env).start()) {
            if (!integrator.operations().contains(operation)) {
                err.println("unknown operation '" + operation + "'; known: " + String.join(", ",
                        integrator.operations().all().stream().map(op -> op.id()).sorted().toList()));
                return Main.USAGE;
            }
            Envelope envelope = integrator.call(operation, params);
            EnvelopePrinter.print(out, envelope);
            printed = envelope;
            return exitCode(envelope);
        } catch (ConfigurationException e) {
            throw e;
        } catch (RuntimeException e) {
            // Whoever reads stdout expects an envelope: a failure outside the chain is INTERNAL, as one inside it is
            // (unless the call's own envelope is out already, and only closing failed).
            if (printed == null) {
                EnvelopePrinter.print(out, Envelope.failure(new Envelope.Error(ErrorCode.INTERNAL,
                        "unexpected failure: " + e.getClass().getSimpleName(), false, null, null, null), Meta.notRun(operation, null)));
            }
            return Main.failed(e, env, err);
        }
    }

    /** INTERNAL is integrator's own failure, not the provider's or the caller's: a code of its own for scripts. */
    private static int exitCode(Envelope envelope) {
        if (envelope.ok()) {
            return Main.OK;
        }
        return envelope.error().code() == ErrorCode.INTERNAL ? Main.FAILED : Main.ERROR;
    }
}
