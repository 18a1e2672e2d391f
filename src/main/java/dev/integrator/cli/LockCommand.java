package dev.integrator.cli;

import dev.integrator.contract.ContractLock;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code integrator lock [--force KEY]}: records the hash of new contract versions and fixtures. It refuses to
 * re-lock a changed or deleted one (a released contract never changes; a locked fixture is a regression we keep
 * replaying) unless that contract id or fixture path is forced.
 */
final class LockCommand {

    private LockCommand() {
    }

    static int run(Path home, String[] args, PrintStream out, PrintStream err) {
        String forced = null;
        if (args.length == 2 && args[0].equals("--force")) {
            forced = args[1];
        } else if (args.length != 0) {
            err.println("usage: integrator lock [--force <contract id or fixture path>]");
            return Main.USAGE;
        }
        try {
            Map<String, String> locked = ContractLock.read(home);
            Map<String, String> current = ContractLock.current(home);
            Map<String, String> next = new TreeMap<>();
            int refused = 0;
            for (var e : current.entrySet()) {
                String was = locked.get(e.getKey());
                if (was == null) {
                    out.println("locked   " + e.getKey());
                    next.put(e.getKey(), e.getValue());
                } else if (was.equals(e.getValue()) || e.getKey().equals(forced)) {
                    if (!was.equals(e.getValue())) {
                        out.println("re-locked " + e.getKey() + " (forced)");
                    }
                    next.put(e.getKey(), e.getValue());
                } else {
                    err.println("refused  " + e.getKey() + ": changed since it was locked; "
                            + "`integrator lock --force " + e.getKey() + "` if that is deliberate");
                    next.put(e.getKey(), was);
                    refused++;
                }
            }
            for (var e : locked.entrySet()) {
                if (current.containsKey(e.getKey())) {
                    continue;
                }
                if (e.getKey().equals(forced)) {
                    out.println("dropped  " + e.getKey() + " (deleted, forced)");
                } else {
                    err.println("refused  " + e.getKey() + ": deleted but locked; `integrator lock --force " + e.getKey() + "` if that is deliberate");
                    next.put(e.getKey(), e.getValue());
                    refused++;
                }
            }
            ContractLock.write(home, next);
            return refused == 0 ? Main.OK : Main.ERROR;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
