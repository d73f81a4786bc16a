package dev.warden.gateway.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --config} option shared by {@code serve} and {@code token}, so both read the same configuration.
 * Without it: {@code $WARDEN_CONFIG}, else {@code ./warden.yaml}, else {@code examples/warden.yaml}.
 */
final class ConfigOption {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "warden.yaml to use (default: $WARDEN_CONFIG, ./warden.yaml, then examples/warden.yaml)")
    Path file;

    Path resolve() {
        if (file != null) return file;
        String env = System.getenv("WARDEN_CONFIG");
        if (env != null && !env.isBlank()) return Path.of(env);
        Path local = Path.of("warden.yaml");
        return Files.isRegularFile(local) ? local : Path.of("examples", "warden.yaml");
    }
}
