package dev.integrator.cli;

import dev.integrator.ConfigurationException;
import dev.integrator.Home;
import dev.integrator.contract.Contract;
import dev.integrator.contract.ContractDiff;
import dev.integrator.contract.ContractLoader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code integrator diff <provider>.<resource> vN vM}: each change, breaking or not; exit 1 when any breaks. */
final class DiffCommand {

    private DiffCommand() {
    }

    static int run(Path home, String[] args, PrintStream out, PrintStream err) {
        if (args.length != 3 || !args[1].matches("v\\d+") || !args[2].matches("v\\d+")) {
            err.println("usage: integrator diff <provider>.<resource> vN vM");
            return Main.USAGE;
        }
        List<String> problems = new ArrayList<>();
        Map<String, Contract> contracts = ContractLoader.loadAll(Home.of(home).contracts(), problems);
        if (!problems.isEmpty()) {
            throw new ConfigurationException("contracts", problems);
        }
        Contract from = contracts.get(args[0] + "." + args[1]);
        Contract to = contracts.get(args[0] + "." + args[2]);
        if (from == null || to == null) {
            err.println("no contract " + (from == null ? args[0] + "." + args[1] : args[0] + "." + args[2]) + " in contracts/");
            return Main.USAGE;
        }
        List<ContractDiff.Change> changes = ContractDiff.diff(from, to);
        changes.forEach(out::println);
        long breaking = changes.stream().filter(ContractDiff.Change::breaking).count();
        out.println(changes.size() + " change(s), " + breaking + " breaking");
        return breaking == 0 ? Main.OK : Main.ERROR;
    }
}
