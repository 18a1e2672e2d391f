package dev.integrator.cli;

import dev.integrator.verify.Verifier;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code integrator verify}: every problem on stdout, one per line; exit 0 only when there is none. */
final class VerifyCommand {

    private VerifyCommand() {
    }

    static int run(Path home, PrintStream out) {
        List<String> problems = Verifier.verify(home);
        problems.forEach(p -> out.println("problem: " + p));
        out.println(problems.isEmpty() ? "verify: clean" : "verify: " + problems.size() + " problem(s)");
        return problems.isEmpty() ? Main.OK : Main.ERROR;
    }
}
