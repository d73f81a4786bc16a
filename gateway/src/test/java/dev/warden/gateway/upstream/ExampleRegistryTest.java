package dev.warden.gateway.upstream;

import static dev.warden.gateway.upstream.Registry.args;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.config.ServerConfig;
import dev.warden.gateway.config.ServerRegistryLoader;
import dev.warden.gateway.upstream.Upstreams.UpstreamStatus.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped {@code examples/mcp_servers.yaml} with the packaged demo jar, launched exactly as configured
 * ({@code java -jar demo-servers/target/warden-demo-servers.jar ...}) from the repository root. Only the data
 * paths are moved to a temporary directory. Skipped when the jar has not been packaged ({@code mvn test} alone).
 */
class ExampleRegistryTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path JAR = ROOT.resolve("demo-servers/target/warden-demo-servers.jar");

    @TempDir
    Path data;

    @Test
    void theExampleDemoServersRunFromThePackagedJar() {
        if (!Files.isRegularFile(JAR)) {
            String message = "SKIPPED: " + JAR + " not built; run `mvn package` (or ./warden) first";
            System.err.println(message);
            Assumptions.abort(message);
        }
        List<ServerConfig> servers = ServerRegistryLoader.load(ROOT.resolve("examples/mcp_servers.yaml")).stream()
                .map(this::fromRootWithTempData).toList();
        try (McpUpstreams upstreams = new McpUpstreams(servers, Registry.fastOptions()).start()) {
            upstreams.awaitFirstAttempts(Duration.ofSeconds(30));
            assertThat(upstreams.status("postgres-mcp").state()).isEqualTo(State.CONNECTED);
            assertThat(upstreams.status("github-mcp").state()).isEqualTo(State.CONNECTED);
            assertThat(upstreams.status("docs-mcp").state()).isEqualTo(State.DISABLED);
            var rows = upstreams.callTool("postgres-mcp", "execute_query", args("query", "SELECT count(*) AS n FROM orders"),
                    Duration.ofSeconds(10)).structuredContent().get("rows");
            assertThat(rows.get(0).get("n").asInt()).isEqualTo(12);
            var issue = upstreams.callTool("github-mcp", "create_issue",
                    args("owner", "acme", "repo", "infra", "title", "Rotate keys"), Duration.ofSeconds(10)).structuredContent();
            assertThat(issue.get("number").asInt()).isEqualTo(47);
        }
        assertThat(data.resolve("demo.db")).exists();
        assertThat(data.resolve("code-demo/created_issues.json")).exists();
    }

    private ServerConfig fromRootWithTempData(ServerConfig c) {
        List<String> args = c.args().stream()
                .map(a -> a.equals("data/demo.db") ? data.resolve("demo.db").toString()
                        : a.equals("data/code-demo") ? data.resolve("code-demo").toString() : a)
                .toList();
        return new ServerConfig(c.name(), c.transport(), c.command(), args, c.env(), ROOT.toString(), c.url(),
                c.headers(), c.description(), c.enabled(), c.metadata(), c.timeout());
    }
}
