package dev.warden.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.config.ServerRegistryLoader;
import dev.warden.gateway.support.RolePolicy;
import dev.warden.gateway.support.TestGateway;
import dev.warden.gateway.testing.HttpMcpTestServer;
import dev.warden.gateway.upstream.McpUpstreams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MCP Inspector's command line ({@code @modelcontextprotocol/inspector --cli}, pinned in
 * {@code gateway/src/test/node}) as a real client of Warden's {@code /mcp}: the README's command lines, with the
 * token passed as {@code --header "Authorization: Bearer …"}. Warden fronts one upstream, {@code postgres-mcp}
 * (an {@link HttpMcpTestServer}), whose tools a developer may list and call.
 */
@DisplayName("The MCP Inspector CLI through Warden")
class InspectorCliTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dir;
    static HttpMcpTestServer upstream;
    static TestGateway gw;

    @BeforeAll
    static void start() throws IOException {
        NodePeers.require(NodePeers.INSPECTOR, "@modelcontextprotocol/inspector");
        upstream = HttpMcpTestServer.start();
        Path registry = Files.writeString(dir.resolve("mcp_servers.yaml"), """
                servers:
                  postgres-mcp:
                    transport: streamable-http
                    url: %s
                """.formatted(upstream.streamableUrl()));
        McpUpstreams upstreams = new McpUpstreams(ServerRegistryLoader.load(registry)).start();
        upstreams.awaitFirstAttempts(Duration.ofSeconds(10));
        gw = TestGateway.start(dir, upstreams, new RolePolicy(), "mcp:\n  namespacing: always\n");
    }

    @AfterAll
    static void stop() {
        if (gw != null) gw.close();
        if (upstream != null) upstream.close();
    }

    private static JsonNode inspector(String token, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(NodePeers.INSPECTOR.toString(), "--cli",
                gw.uri("/mcp").toString(), "--transport", "http", "--header", "Authorization: Bearer " + token));
        command.addAll(List.of(args));
        // Its catalog of servers goes to the test's directory, not the user's home.
        NodePeers.Run run = NodePeers.run(command, Map.of("MCP_CATALOG_PATH", dir.resolve("catalog.json").toString(),
                "HOME", dir.toString()), dir, 120);
        assertThat(run.exitCode()).as("inspector %s\nstdout:\n%s\nstderr:\n%s", List.of(args), run.stdout(),
                run.stderr()).isZero();
        return JSON.readTree(run.stdout());
    }

    @Test
    void listsTheToolsADeveloperMaySeeUnderTheirNamespacedNames() throws Exception {
        JsonNode listed = inspector(gw.token("dev", "developer"), "--method", "tools/list");
        List<String> names = new ArrayList<>();
        listed.path("tools").forEach(t -> names.add(t.path("name").asString()));
        assertThat(names).contains("postgres-mcp__echo", "postgres-mcp__add", "postgres-mcp__slow",
                "postgres-mcp__fail");
    }

    @Test
    void callsAToolWithArgumentsAndPrintsItsResult() throws Exception {
        JsonNode result = inspector(gw.token("dev", "developer"), "--method", "tools/call", "--tool-name",
                "postgres-mcp__echo", "--tool-arg", "text=hello from the inspector");
        assertThat(result.path("isError").asBoolean()).isFalse();
        assertThat(result.path("content").get(0).path("text").asString()).isEqualTo("hello from the inspector");
    }

    @Test
    void seesNothingWithATokenWhoseRoleGrantsNothing() throws Exception {
        JsonNode listed = inspector(gw.token("viewer", "analyst"), "--method", "tools/list");
        assertThat(listed.path("tools").isArray()).isTrue();
        assertThat(listed.path("tools").size()).isZero();
    }
}
