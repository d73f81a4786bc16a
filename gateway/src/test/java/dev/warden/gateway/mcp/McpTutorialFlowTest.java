package dev.warden.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.gateway.support.TestGateway;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
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
 * The tutorial's flow as an MCP client lives it: the shipped Rego policy, the demo SQL and code-hosting servers as
 * child processes over stdio, and the SDK's client connecting to {@code /mcp} with a token per role.
 */
@DisplayName("The tutorial's flow over MCP: shipped policy, demo servers over stdio, the SDK client")
class McpTutorialFlowTest {
    @TempDir
    static Path dir;
    static TestGateway gw;

    @BeforeAll
    static void start() throws Exception {
        String java = "[\"--enable-native-access=ALL-UNNAMED\", \"-cp\", \"" + System.getProperty("java.class.path")
                + "\", \"dev.warden.demo.DemoServers\"";
        Files.writeString(dir.resolve("mcp_servers.yaml"), """
                servers:
                  postgres-mcp:
                    command: java
                    args: %s, "sql", "--db", "%s"]
                    metadata: {sensitivity_level: high}
                  github-mcp:
                    command: java
                    args: %s, "code", "--data", "%s"]
                    metadata: {sensitivity_level: medium}
                """.formatted(java, dir.resolve("demo.db"), java, dir.resolve("code")));
        gw = TestGateway.startReal(dir, "servers:\n  config: mcp_servers.yaml\n");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        for (String server : List.of("postgres-mcp", "github-mcp")) {
            while (!"connected".equals(gw.get("/health", null).json()
                    .at("/components/upstreams/" + server + "/status").asString(""))) {
                if (Instant.now().isAfter(deadline)) throw new AssertionError(server + " did not connect");
                Thread.sleep(100);
            }
        }
    }

    @AfterAll
    static void stop() {
        if (gw != null) gw.close();
    }

    private static McpSyncClient connect(String sub, String role) {
        var transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + gw.gateway.port())
                .endpoint("/mcp").requestBuilder(HttpRequest.newBuilder()
                        .header("Authorization", "Bearer " + gw.token(sub, role)))
                .build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20)).build();
        client.initialize();
        return client;
    }

    private static List<String> tools(McpSyncClient client) {
        return client.listTools().tools().stream().map(Tool::name).toList();
    }

    @Test
    void eachRoleSeesOnlyItsToolsUnderServerNamespaces() {
        try (McpSyncClient admin = connect("root", "admin");
             McpSyncClient developer = connect("alice", "developer");
             McpSyncClient analyst = connect("bob", "analyst")) {
            assertThat(tools(admin)).contains("github-mcp__create_issue", "postgres-mcp__list_tables");
            assertThat(tools(developer)).containsExactlyInAnyOrder("postgres-mcp__execute_query",
                    "postgres-mcp__list_tables", "github-mcp__get_repo", "github-mcp__list_issues",
                    "github-mcp__get_pull_request");
            assertThat(tools(analyst)).containsExactly("postgres-mcp__execute_query");
        }
    }

    @Test
    void anAnalystsSelectReturnsRealRowsAndWhatTheyMayNotUseReadsAsUnknown() {
        try (McpSyncClient analyst = connect("bob", "analyst")) {
            CallToolResult rows = analyst.callTool(new CallToolRequest("postgres-mcp__execute_query",
                    Map.of("query", "SELECT username, email FROM users WHERE id <= 2 ORDER BY id")));
            assertThat(rows.isError()).isFalse();
            assertThat(((TextContent) rows.content().get(0)).text()).contains("alice@example.com")
                    .contains("bob@example.com");
            assertThatThrownBy(() -> analyst.callTool(new CallToolRequest("postgres-mcp__execute_query",
                    Map.of("query", "DROP TABLE users")))).isInstanceOf(McpError.class)
                    .hasMessageContaining("Unknown tool: postgres-mcp__execute_query");
            assertThatThrownBy(() -> analyst.callTool(new CallToolRequest("github-mcp__get_repo",
                    Map.of("repo", "warden")))).isInstanceOf(McpError.class).hasMessageContaining("Unknown tool");
        }
    }

    @Test
    void aDevelopersDropIsRefusedWhileAnAdminMayCreateAnIssue() {
        try (McpSyncClient developer = connect("alice", "developer"); McpSyncClient admin = connect("root", "admin")) {
            assertThatThrownBy(() -> developer.callTool(new CallToolRequest("postgres-mcp__execute_query",
                    Map.of("query", "DROP TABLE users")))).isInstanceOf(McpError.class);
            assertThat(developer.callTool(new CallToolRequest("postgres-mcp__list_tables", Map.of())).isError())
                    .isFalse();
            assertThat(tools(admin)).contains("github-mcp__create_issue");
        }
    }
}
