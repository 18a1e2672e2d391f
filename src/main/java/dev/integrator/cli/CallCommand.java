package dev.integrator.cli;

import dev.integrator.Envelope;
import dev.integrator.Integrator;
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
                err.println("parameter '" + name + "' given twice; pass a list as name=a,b");
                return Main.USAGE;
            }
        }
        try (Integrator integrator = Integrator.builder().home(home).env(env).start()) {
            if (!integrator.operations().contains(operation)) {
                err.println("unknown operation '" + operation + "'; known: " + String.join(", ",
                        integrator.operations().all().stream().map(op -> op.id()).sorted().toList()));
                return Main.USAGE;
            }
            Envelope envelope = integrator.call(operation, params);
            EnvelopePrinter.print(out, envelope);
            return envelope.ok() ? Main.OK : Main.ERROR;
        }
    }
}
