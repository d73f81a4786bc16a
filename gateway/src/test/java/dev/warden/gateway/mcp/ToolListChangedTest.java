package dev.warden.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.config.ServerRegistryLoader;
import dev.warden.gateway.support.RolePolicy;
import dev.warden.gateway.support.TestGateway;
import dev.warden.gateway.testing.HttpMcpTestServer;
import dev.warden.gateway.upstream.McpUpstreams;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("notifications/…/list_changed reaches an MCP client when an upstream's tools or prompts change")
class ToolListChangedTest {

    /** What a test does with the MCP client of a Warden that fronts {@code upstream}. */
    private interface WithClient {
        void run(McpSyncClient client) throws Exception;
    }

    /** A Warden in front of one Streamable HTTP test server, and a developer's MCP client of it set up by {@code spec}. */
    private static void withClient(Path dir, HttpMcpTestServer upstream, UnaryOperator<McpClient.SyncSpec> spec,
                                   WithClient test) throws Exception {
        Path registry = Files.writeString(dir.resolve("mcp_servers.yaml"), """
                servers:
                  postgres-mcp:
                    transport: streamable-http
                    url: %s
                """.formatted(upstream.streamableUrl()));
        McpUpstreams upstreams = new McpUpstreams(ServerRegistryLoader.load(registry)).start();
        upstreams.awaitFirstAttempts(Duration.ofSeconds(10));
        try (TestGateway gw = TestGateway.start(dir, upstreams, new RolePolicy(), "")) {
            var transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + gw.gateway.port())
                    .endpoint("/mcp").requestBuilder(HttpRequest.newBuilder()
                            .header("Authorization", "Bearer " + gw.token("alice", "developer")))
                    .build();
            try (McpSyncClient client = spec.apply(McpClient.sync(transport).requestTimeout(Duration.ofSeconds(10)))
                    .build()) {
                test.run(client);
            }
        }
    }

    @Test
    void anUpstreamAddingAToolIsAnnouncedToTheClientOnItsStream(@TempDir Path dir) throws Exception {
        CompletableFuture<List<String>> announced = new CompletableFuture<>();
        try (HttpMcpTestServer upstream = HttpMcpTestServer.start()) {
            withClient(dir, upstream, spec -> spec.toolsChangeConsumer(
                    tools -> announced.complete(tools.stream().map(Tool::name).toList())), client -> {
                assertThat(client.initialize().capabilities().tools().listChanged()).isTrue();
                assertThat(client.listTools().tools()).extracting(Tool::name).doesNotContain("postgres-mcp__fresh");
                Thread.sleep(500); // let the client open its GET stream
                upstream.addTool("fresh");
                assertThat(announced.get(15, TimeUnit.SECONDS)).contains("postgres-mcp__fresh");
            });
        }
    }

    @Test
    void anUpstreamAddingAPromptIsAnnouncedToTheClientOnItsStream(@TempDir Path dir) throws Exception {
        CompletableFuture<List<String>> announced = new CompletableFuture<>();
        try (HttpMcpTestServer upstream = HttpMcpTestServer.start()) {
            withClient(dir, upstream, spec -> spec.promptsChangeConsumer(prompts -> announced.complete(
                    prompts.stream().map(io.modelcontextprotocol.spec.McpSchema.Prompt::name).toList())), client -> {
                assertThat(client.initialize().capabilities().prompts().listChanged()).isTrue();
                Thread.sleep(500); // let the client open its GET stream
                upstream.addPrompt("fresh");
                assertThat(announced.get(15, TimeUnit.SECONDS)).contains("postgres-mcp__fresh", "postgres-mcp__greet");
            });
        }
    }
}
