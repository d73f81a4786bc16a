package dev.warden.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.auth.JwtAuthenticator;
import dev.warden.gateway.auth.Principal;
import dev.warden.gateway.config.ConfigLoader;
import dev.warden.gateway.config.WardenConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCommandsTest {
    static final String SECRET = "cli-test-secret-0123456789abcdefghijklmnop";

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = WardenCommand.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path config() throws IOException {
        Files.createDirectories(dir.resolve("policies"));
        Path file = dir.resolve("warden.yaml");
        Files.writeString(file, """
                jwt:
                  secret: %s
                  issuer: warden
                  audience: warden-gateway
                policy:
                  dir: %s
                audit:
                  db_path: %s
                """.formatted(SECRET, dir.resolve("policies"), dir.resolve("data/audit.db")));
        return file;
    }

    @Test
    void tokenMintsAJwtTheGatewayAccepts() throws IOException {
        Path file = config();
        Run r = run("token", "--config", file.toString(), "--sub", "alice", "--email", "alice@example.com",
                "--roles", "developer,analyst", "--teams", "eng", "--ttl", "2h");
        assertThat(r.exit()).as(r.err()).isZero();
        WardenConfig config = new ConfigLoader(Map.of(), dir).load(file);
        Principal p = new JwtAuthenticator(config.jwt(), Clock.systemUTC()).authenticate("Bearer " + r.out().strip());
        assertThat(p).isEqualTo(new Principal("alice", "alice@example.com", List.of("developer", "analyst"),
                List.of("eng")));
    }

    @Test
    void blankNamesEmptyRolesAndControlCharactersAreRefusedBeforeAnythingIsWritten() throws IOException {
        String file = config().toString();
        Run emptySub = run("token", "--config", file, "--sub", " ");
        assertThat(emptySub.exit()).isNotZero();
        assertThat(emptySub.err()).contains("--sub must not be empty").doesNotContain("\tat ");
        assertThat(emptySub.out()).isEmpty();

        Run emptyRole = run("token", "--config", file, "--sub", "alice", "--roles", ",admin,");
        assertThat(emptyRole.err()).contains("--roles (entry '') must not be empty");

        Run newline = run("apikey", "create", "--config", file, "--name", "edge\ngateway");
        assertThat(newline.exit()).isNotZero();
        assertThat(newline.err()).contains("--name must not contain control characters");
        assertThat(run("apikey", "list", "--config", file).out()).doesNotContain("edge");
    }

    @Test
    void aBadTtlOrConfigIsAClearErrorNotAStackTrace() throws IOException {
        Run badTtl = run("token", "--config", config().toString(), "--sub", "a", "--ttl", "forever");
        assertThat(badTtl.exit()).isNotZero();
        assertThat(badTtl.err()).contains("'forever' is not a lifetime");

        Files.writeString(dir.resolve("servers.yaml"), "servers:\n  pg:\n    transport: carrier-pigeon\n");
        Files.writeString(dir.resolve("warden.yaml"), Files.readString(dir.resolve("warden.yaml"))
                + "servers:\n  config: " + dir.resolve("servers.yaml") + "\n");
        Run badServer = run("serve", "--config", dir.resolve("warden.yaml").toString());
        assertThat(badServer.exit()).isEqualTo(1);
        assertThat(badServer.err()).startsWith("error: ").contains("pg").contains("transport").doesNotContain("\tat ");

        Run missing = run("serve", "--config", dir.resolve("nope.yaml").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).startsWith("error: invalid configuration: config file").contains("nope.yaml")
                .doesNotContain("\tat ");
    }
}
