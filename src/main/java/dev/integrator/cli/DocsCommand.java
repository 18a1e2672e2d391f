package dev.integrator.cli;

import dev.integrator.ConfigurationException;
import dev.integrator.Home;
import dev.integrator.chain.OperationSpec;
import dev.integrator.chain.ProviderRuntime;
import dev.integrator.contract.Contract;
import dev.integrator.contract.ContractLoader;
import dev.integrator.ops.OpsNotes;
import dev.integrator.runtime.Integrator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code integrator docs}: regenerates {@code ops/integrations/<provider>/README.md} from the definitions. */
final class DocsCommand {

    private DocsCommand() {
    }

    static int run(Path root, PrintStream out) {
        Home home = Home.of(root);
        List<String> problems = new ArrayList<>();
        Map<String, Contract> contracts = ContractLoader.loadAll(home.contracts(), problems);
        if (!problems.isEmpty()) {
            throw new ConfigurationException("contracts", problems);
        }
        // The notes describe the defaults, so the environment (a base URL pointed at a stub) must not leak in.
        try (Integrator integrator = Integrator.builder().home(root).contracts(contracts).env(Map.of()).start()) {
            List<OperationSpec> operations = List.copyOf(integrator.operations().all());
            for (ProviderRuntime provider : integrator.operations().providers()) {
                Path note = home.opsNotes(provider.config().provider());
                Files.createDirectories(note.getParent());
                Files.writeString(note, OpsNotes.render(provider.config(),
                        operations.stream().filter(op -> op.provider() == provider).toList(), contracts),
                        StandardCharsets.UTF_8);
                out.println("wrote " + home.relative(note));
            }
            return Main.OK;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
