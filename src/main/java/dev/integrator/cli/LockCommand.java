package dev.integrator.cli;

import dev.integrator.contract.ContractLock;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code integrator lock [--force ID]}: records the hash of new contract versions and forgets deleted ones. It
 * refuses to re-lock a changed version (a released contract never changes) unless that id is forced.
 */
final class LockCommand {

    private LockCommand() {
    }

    static int run(Path home, String[] args, PrintStream out, PrintStream err) {
        String forced = null;
        if (args.length == 2 && args[0].equals("--force")) {
            forced = args[1];
        } else if (args.length != 0) {
            err.println("usage: integrator lock [--force <contract id>]");
            return Main.USAGE;
        }
        Path dir = home.resolve("contracts");
        try {
            Map<String, String> locked = ContractLock.read(dir);
            Map<String, String> current = ContractLock.current(dir);
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
                    err.println("refused  " + e.getKey() + ": changed since it was locked; add the next version instead "
                            + "(or `integrator lock --force " + e.getKey() + "` if it was never released)");
                    next.put(e.getKey(), was);
                    refused++;
                }
            }
            locked.keySet().stream().filter(id -> !current.containsKey(id)).forEach(id -> out.println("dropped  " + id + " (file deleted)"));
            ContractLock.write(dir, next);
            return refused == 0 ? Main.OK : Main.ERROR;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
