package dev.warden.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.config.ServerRegistryLoader;
import dev.warden.gateway.support.RolePolicy;
import dev.warden.gateway.support.TestGateway;
import dev.warden.gateway.support.TestGateway.Response;
import dev.warden.gateway.upstream.McpUpstreams;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ClientCapabilities;
import io.modelcontextprotocol.spec.McpSchema.CreateMessageResult;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Relays with an upstream over stdio, the reference server {@code @modelcontextprotocol/server-everything}: there the
 * upstream's messages come from the child's output with no request to tie them to, so progress maps back by the
 * token Warden sent, and a sampling request by the only call in flight.
 */
@DisplayName("Relays with a stdio upstream (server-everything)")
class StdioRelayTest {
    static final Path EVERYTHING = NodePeers.DIR.resolve(
            "node_modules/@modelcontextprotocol/server-everything/dist/index.js");

    @TempDir
    static Path dir;
    static TestGateway gw;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        NodePeers.require(EVERYTHING, "@modelcontextprotocol/server-everything");
        Path registry = Files.writeString(dir.resolve("mcp_servers.yaml"), """
                servers:
                  everything:
                    command: %s
                    args: ["%s", "stdio"]
                    timeout: 30s
                """.formatted(NodePeers.NODE, EVERYTHING));
        McpUpstreams upstreams = new McpUpstreams(ServerRegistryLoader.load(registry)).start();
        upstreams.awaitFirstAttempts(Duration.ofSeconds(30));
        gw = TestGateway.start(dir, upstreams, new RolePolicy(), "");
        token = gw.token("stdio-tester", "admin");
    }

    @AfterAll
    static void stop() {
        if (gw != null) gw.close();
    }

    private static McpSyncClient client(java.util.function.Consumer<McpClient.SyncSpec> setup) {
        var transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + gw.gateway.port())
                .endpoint("/mcp").requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                .build();
        McpClient.SyncSpec spec = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30));
        setup.accept(spec);
        McpSyncClient client = spec.build();
        client.initialize();
        return client;
    }

    @Test
    void progressOfALongRunningOperationReachesTheClientWithItsToken() throws InterruptedException {
        List<ProgressNotification> progress = new CopyOnWriteArrayList<>();
        try (McpSyncClient c = client(s -> s.progressConsumer(progress::add))) {
            CallToolResult result = c.callTool(new CallToolRequest("everything__trigger-long-running-operation",
                    Map.of("duration", 0.6, "steps", 3), Map.of("progressToken", "stdio-progress")));
            assertThat(((TextContent) result.content().get(0)).text()).contains("Long running operation completed");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (progress.size() < 3 && System.nanoTime() < deadline) Thread.sleep(20); // consumers run async
        }
        assertThat(progress).extracting(ProgressNotification::progress).containsExactly(1.0, 2.0, 3.0);
        assertThat(progress).extracting(ProgressNotification::progressToken).containsOnly("stdio-progress");
    }

    @Test
    void aSamplingRequestOfTheChildIsAnsweredByTheCallingClient() throws Exception {
        try (McpSyncClient c = client(s -> s.capabilities(ClientCapabilities.builder().sampling().build())
                .sampling(req -> CreateMessageResult.builder(Role.ASSISTANT, "sampled through Warden", "test-model")
                        .build()))) {
            // server-everything offers the tool once it knows its client (Warden) can sample.
            awaitTool(c, "everything__trigger-sampling-request");
            CallToolResult result = c.callTool(new CallToolRequest("everything__trigger-sampling-request",
                    Map.of("prompt", "say hi")));
            assertThat(((TextContent) result.content().get(0)).text()).contains("sampled through Warden");
        }
    }

    @Test
    void aCancelledLongRunningOperationEndsAtOnce() throws Exception {
        McpHttp mcp = new McpHttp(gw);
        String session = mcp.initialize(token);
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> pending = mcp.postAsync(token, session, """
                {"jsonrpc":"2.0","id":"long-1","method":"tools/call","params":{
                 "name":"everything__trigger-long-running-operation","arguments":{"duration":20,"steps":20},
                 "_meta":{"progressToken":"long"}}}""");
        Thread.sleep(1500); // a progress event or two
        Response cancel = mcp.post(token, session, """
                {"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"long-1"}}""");
        assertThat(cancel.status()).isEqualTo(202);
        HttpResponse<String> ended = pending.get(5, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(ended.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        assertThat(ended.body()).contains("notifications/progress").doesNotContain("Long running operation completed");
    }

    private static void awaitTool(McpSyncClient c, String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (c.listTools().tools().stream().map(Tool::name).noneMatch(name::equals)) {
            if (System.nanoTime() > deadline) throw new AssertionError(name + " was never listed");
            Thread.sleep(200);
        }
    }
}
