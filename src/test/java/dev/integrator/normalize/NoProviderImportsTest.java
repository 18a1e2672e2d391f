package dev.integrator.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.integrator.contract.Contract;
import dev.integrator.contract.ContractLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Mapping is generic: the normalize package knows no provider's records, which the contracts name instead. */
class NoProviderImportsTest {

    @Test
    void normalize_imports_no_package_of_provider_records() throws IOException {
        List<String> records = ContractLoader.loadAll(Path.of("contracts"), new ArrayList<>()).values().stream()
                .map(Contract::records).distinct().toList();
        List<String> imports;
        try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/integrator/normalize"))) {
            imports = files.flatMap(f -> {
                try {
                    return Files.readAllLines(f).stream().filter(line -> line.startsWith("import "));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }

        assertThat(records).contains("dev.integrator.github");
        assertThat(imports).noneMatch(line -> records.stream().anyMatch(p -> line.startsWith("import " + p + ".")));
    }
}
