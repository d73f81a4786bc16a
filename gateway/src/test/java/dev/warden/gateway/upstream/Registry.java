package dev.warden.gateway.upstream;

import dev.warden.gateway.config.ServerConfig;
import dev.warden.gateway.config.ServerConfig.Transport;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Server entries and fast options for upstream tests. */
final class Registry {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private Registry() {}

    /** Short backoff and grace so that restarts happen within a test's patience. */
    static McpUpstreams.Options fastOptions() {
        return new McpUpstreams.Options(Clock.systemUTC(), Duration.ofSeconds(20),
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)), Duration.ofMinutes(1),
                Duration.ofSeconds(2), Duration.ofSeconds(2), CallBreaker.Settings.defaults());
    }

    /** The demo SQL server, launched as {@code java -cp <test classpath> dev.warden.demo.DemoServers sql}. */
    static ServerConfig demoSql(String name, Path db) {
        List<String> args = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "dev.warden.demo.DemoServers", "sql", "--db", db.toString()));
        return stdio(name, "java", args, Map.of());
    }

    static ServerConfig stdio(String name, String command, List<String> args, Map<String, String> env) {
        return new ServerConfig(name, Transport.STDIO, command, args, env, null, null, Map.of(), "", true,
                Map.of("sensitivity_level", "high"), Duration.ofSeconds(30));
    }

    static ServerConfig http(String name, Transport transport, String url, Map<String, String> headers) {
        return new ServerConfig(name, transport, null, List.of(), Map.of(), null, url, headers, "", true, Map.of(),
                Duration.ofSeconds(30));
    }

    static ServerConfig disabled(ServerConfig c) {
        return new ServerConfig(c.name(), c.transport(), c.command(), c.args(), c.env(), c.cwd(), c.url(), c.headers(),
                c.description(), false, c.metadata(), c.timeout());
    }

    static ObjectNode args(Object... keyValues) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < keyValues.length; i += 2) {
            node.set((String) keyValues[i], JSON.valueToTree(keyValues[i + 1]));
        }
        return node;
    }

    /** Polls until {@code condition} holds or fails the test after {@code max}. */
    static void eventually(Duration max, String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + max + " waiting until " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what);
            }
        }
    }
}
