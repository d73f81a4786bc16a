package dev.warden.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.support.TestGateway;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden serve} as its own process, stopped the way a service manager stops it (SIGTERM). */
class ServeProcessTest {
    @TempDir
    Path dir;

    @Test
    void whatTheGatewayLogsWhileItStopsOnSigtermIsWrittenToTheLog() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.createDirectories(dir.resolve("policies"));
        Files.writeString(dir.resolve("policies/gateway.rego"), TestGateway.shippedPolicy());
        Files.writeString(dir.resolve("servers.yaml"), "servers: {}\n");
        Files.writeString(dir.resolve("warden.yaml"), """
                gateway: {host: 127.0.0.1, port: %d, environment: development}
                jwt: {algorithms: [HS256], secret: %s}
                policy: {dir: %s}
                audit: {db_path: %s}
                servers: {config: %s}
                """.formatted(port, TestGateway.SECRET, dir.resolve("policies"), dir.resolve("audit.db"),
                dir.resolve("servers.yaml")));
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path log = dir.resolve("warden.log");
        // The logging configuration the gateway ships with, not the tests' own.
        Path logback = Path.of("src/main/resources/logback.xml").toAbsolutePath();
        Process warden = new ProcessBuilder(List.of(java, "-Dlogback.configurationFile=" + logback, "-cp",
                System.getProperty("java.class.path"), "dev.warden.gateway.Main", "serve", "--config",
                dir.resolve("warden.yaml").toString()))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!Files.readString(log).contains("listening on")) {
                assertThat(warden.isAlive()).as("warden serve is running: %s", Files.readString(log)).isTrue();
                assertThat(System.nanoTime()).as("warden serve listens within 30 s").isLessThan(deadline);
                Thread.sleep(100);
            }
            warden.destroy(); // SIGTERM, once started (before, the JVM stops with no gateway to stop)
            assertThat(warden.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(log)).contains("stopping the gateway").contains("gateway stopped");
        } finally {
            warden.destroyForcibly();
        }
    }

}
