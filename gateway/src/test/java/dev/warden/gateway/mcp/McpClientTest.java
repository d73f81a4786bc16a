package dev.warden.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.gateway.config.ServerRegistryLoader;
import dev.warden.gateway.support.RolePolicy;
import dev.warden.gateway.support.TestGateway;
import dev.warden.gateway.testing.HttpMcpTestServer;
import dev.warden.gateway.upstream.McpUpstreams;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.InitializeResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MCP Java SDK's own client, connected to Warden's {@code /mcp}, in front of two real MCP servers over
 * Streamable HTTP that offer the same tool names ({@code echo}, {@code add}, {@code slow}, {@code fail}).
 */
@DisplayName("A real MCP client through Warden to real upstream MCP servers")
class McpClientTest {
    @TempDir
    static Path dir;
    static HttpMcpTestServer postgres;
    static HttpMcpTestServer docs;
    static TestGateway gw;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        postgres = HttpMcpTestServer.start();
        docs = HttpMcpTestServer.start();
        Path registry = Files.writeString(dir.resolve("mcp_servers.yaml"), """
                servers:
                  postgres-mcp:
                    transport: streamable-http
                    url: %s
                    timeout: 1s
                  docs-mcp:
                    transport: streamable-http
                    url: %s
                """.formatted(postgres.streamableUrl(), docs.streamableUrl()));
        McpUpstreams upstreams = new McpUpstreams(ServerRegistryLoader.load(registry)).start();
        upstreams.awaitFirstAttempts(Duration.ofSeconds(10));
        gw = TestGateway.start(dir, upstreams, new RolePolicy(), "");
    }

    @AfterAll
    static void stop() {
        gw.close();
        postgres.close();
        docs.close();
    }

    private static McpSyncClient client(String token) {
        var transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + gw.gateway.port())
                .endpoint("/mcp")
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                .build();
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(10)).build();
    }

    private static List<String> toolNames(McpSyncClient client) {
        return client.listTools().tools().stream().map(Tool::name).toList();
    }

    @Test
    void theClientInitializesAndSeesWardenAsOneServer() {
        try (McpSyncClient client = client(gw.token("alice", "developer"))) {
            InitializeResult init = client.initialize();
            assertThat(init.serverInfo().name()).isEqualTo("warden");
            assertThat(init.protocolVersion()).isEqualTo("2025-11-25");
            assertThat(init.capabilities().tools()).isNotNull();
            client.ping();
        }
    }

    @Test
    void aDeveloperAndAnAdminSeeDifferentNamespacedToolLists() {
        try (McpSyncClient dev = client(gw.token("alice", "developer"));
             McpSyncClient root = client(gw.token("root", "admin"))) {
            dev.initialize();
            root.initialize();
            assertThat(toolNames(dev)).containsExactlyInAnyOrder("postgres-mcp__echo", "postgres-mcp__add",
                    "postgres-mcp__slow", "postgres-mcp__fail");
            assertThat(toolNames(root)).contains("postgres-mcp__add", "docs-mcp__add", "docs-mcp__echo")
                    .hasSize(8);
            Tool add = root.listTools().tools().stream().filter(t -> t.name().equals("docs-mcp__add")).findFirst()
                    .orElseThrow();
            assertThat(add.description()).isEqualTo("Adds two numbers");
            assertThat(add.inputSchema()).containsKey("properties");
        }
    }

    @Test
    void callsAreRoutedToTheRightServerAndReturnItsResult() {
        try (McpSyncClient root = client(gw.token("root", "admin"))) {
            root.initialize();
            CallToolResult sum = root.callTool(new CallToolRequest("docs-mcp__add", Map.of("a", 2, "b", 3)));
            assertThat(sum.isError()).isFalse();
            assertThat(((TextContent) sum.content().get(0)).text()).isEqualTo("5.0");
            assertThat(sum.structuredContent()).isEqualTo(Map.of("sum", 5.0));
            CallToolResult echo = root.callTool(new CallToolRequest("postgres-mcp__echo", Map.of("text", "hi")));
            assertThat(((TextContent) echo.content().get(0)).text()).isEqualTo("hi");
        }
    }

    @Test
    void aToolErrorIsAnErrorResultAndAHiddenToolIsUnknown() {
        try (McpSyncClient dev = client(gw.token("alice", "developer"))) {
            dev.initialize();
            CallToolResult fail = dev.callTool(new CallToolRequest("postgres-mcp__fail", Map.of()));
            assertThat(fail.isError()).isTrue();
            assertThat(((TextContent) fail.content().get(0)).text()).isEqualTo("this tool always fails");
            assertThatThrownBy(() -> dev.callTool(new CallToolRequest("docs-mcp__echo", Map.of("text", "x"))))
                    .isInstanceOf(McpError.class).hasMessageContaining("Unknown tool: docs-mcp__echo");
        }
    }

    @Test
    void anUpstreamThatTimesOutIsAClearErrorAndTheSessionCarriesOn() {
        try (McpSyncClient dev = client(gw.token("alice", "developer"))) {
            dev.initialize();
            Instant t0 = Instant.now();
            assertThatThrownBy(() -> dev.callTool(new CallToolRequest("postgres-mcp__slow", Map.of("ms", 3000))))
                    .isInstanceOf(McpError.class).hasMessageContaining("postgres-mcp")
                    .hasMessageContaining("did not answer in time");
            assertThat(Duration.between(t0, Instant.now())).isLessThan(Duration.ofMillis(2900));
            assertThat(toolNames(dev)).contains("postgres-mcp__echo");
        }
    }
}
