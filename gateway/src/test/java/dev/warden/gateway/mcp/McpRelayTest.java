package dev.warden.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.audit.AuditEvent;
import dev.warden.gateway.audit.AuditQuery;
import dev.warden.gateway.audit.SqliteAuditStore;
import dev.warden.gateway.support.TestGateway;
import dev.warden.gateway.testing.ConformanceFixtureServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ClientCapabilities;
import io.modelcontextprotocol.spec.McpSchema.CreateMessageResult;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import io.modelcontextprotocol.spec.McpSchema.LoggingMessageNotification;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.Root;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Relays between an upstream and the client whose tool call it is serving, with two clients calling the same
 * upstream at once so that a message sent to the wrong one would show: progress, log messages under each client's
 * own level, sampling and roots requests answered by the calling client, and cancellation reaching the upstream.
 */
@DisplayName("Relays between upstreams and the calling MCP client")
class McpRelayTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dir;
    static FixtureGateway fg;
    static ConformanceFixtureServer fixture;
    static TestGateway gw;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        fg = FixtureGateway.start(dir, "fixture");
        fixture = fg.fixture();
        gw = fg.gw();
        token = gw.token("relay-tester", "admin");
    }

    @AfterAll
    static void stop() {
        if (fg != null) fg.close();
    }

    private static McpSyncClient client(Consumer<McpClient.SyncSpec> setup) {
        var transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + gw.gateway.port())
                .endpoint("/mcp").requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                .build();
        McpClient.SyncSpec spec = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20));
        setup.accept(spec);
        McpSyncClient client = spec.build();
        client.initialize();
        return client;
    }

    /**
     * Runs a blocking client call on its own thread: the common pool may have a single worker on a small machine,
     * which would run the two "concurrent" calls one after the other, blocking what the SDK client needs meanwhile.
     */
    private static <T> CompletableFuture<T> concurrently(java.util.function.Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, task -> Thread.ofVirtual().start(task));
    }

    private static String text(CallToolResult result) { return ((TextContent) result.content().get(0)).text(); }

    @Test
    void progressOfEachCallReachesOnlyTheClientThatMadeItWithItsOwnToken() throws Exception {
        List<ProgressNotification> seenByA = new CopyOnWriteArrayList<>();
        List<ProgressNotification> seenByB = new CopyOnWriteArrayList<>();
        try (McpSyncClient a = client(s -> s.progressConsumer(seenByA::add));
             McpSyncClient b = client(s -> s.progressConsumer(seenByB::add))) {
            var callA = concurrently(() -> a.callTool(new CallToolRequest("test_tool_with_progress",
                    Map.of(), Map.of("progressToken", "token-of-a"))));
            var callB = concurrently(() -> b.callTool(new CallToolRequest("test_tool_with_progress",
                    Map.of(), Map.of("progressToken", "token-of-b"))));
            callA.get(20, TimeUnit.SECONDS);
            callB.get(20, TimeUnit.SECONDS);
            await(() -> seenByA.size() >= 3 && seenByB.size() >= 3); // consumers run asynchronously in the SDK
        }
        assertThat(seenByA).extracting(ProgressNotification::progress).containsExactlyInAnyOrder(0.0, 50.0, 100.0);
        assertThat(seenByA).extracting(ProgressNotification::progressToken).containsOnly("token-of-a");
        assertThat(seenByB).extracting(ProgressNotification::progress).containsExactlyInAnyOrder(0.0, 50.0, 100.0);
        assertThat(seenByB).extracting(ProgressNotification::progressToken).containsOnly("token-of-b");
    }

    @Test
    void aSamplingRequestIsAnsweredByTheClientWhoseCallAskedForIt() throws Exception {
        try (McpSyncClient a = client(s -> s.capabilities(ClientCapabilities.builder().sampling().build())
                .sampling(req -> CreateMessageResult.builder(Role.ASSISTANT, "answer of a", "model-a").build()));
             McpSyncClient b = client(s -> s.capabilities(ClientCapabilities.builder().sampling().build())
                     .sampling(req -> CreateMessageResult.builder(Role.ASSISTANT, "answer of b", "model-b").build()))) {
            var callA = concurrently(() -> a.callTool(new CallToolRequest("test_sampling",
                    Map.of("prompt", "from a"))));
            var callB = concurrently(() -> b.callTool(new CallToolRequest("test_sampling",
                    Map.of("prompt", "from b"))));
            assertThat(text(callA.get(20, TimeUnit.SECONDS))).isEqualTo("LLM response: answer of a");
            assertThat(text(callB.get(20, TimeUnit.SECONDS))).isEqualTo("LLM response: answer of b");
        }
    }

    @Test
    void aClientThatDeclaredNoSamplingIsNotAskedAndTheUpstreamLearnsWhy() {
        try (McpSyncClient plain = client(s -> {})) {
            CallToolResult result = plain.callTool(new CallToolRequest("test_sampling", Map.of("prompt", "hi")));
            assertThat(result.isError()).isTrue();
            assertThat(text(result)).contains("did not declare the 'sampling' capability");
        }
    }

    @Test
    void aRootsRequestDuringACallIsAnsweredByTheCallingClient() {
        try (McpSyncClient withRoots = client(s -> s.capabilities(ClientCapabilities.builder().roots(true).build())
                .roots(new Root("file:///home/relay/project", "project")))) {
            CallToolResult result = withRoots.callTool(new CallToolRequest("test_roots", Map.of()));
            assertThat(result.isError()).isFalse();
            assertThat(text(result)).isEqualTo("roots: [file:///home/relay/project]");
        }
    }

    @Test
    void logMessagesAboutACallFollowTheCallingClientsOwnLevel() throws InterruptedException {
        List<LoggingMessageNotification> verbose = new CopyOnWriteArrayList<>();
        List<LoggingMessageNotification> quiet = new CopyOnWriteArrayList<>();
        try (McpSyncClient v = client(s -> s.loggingConsumer(verbose::add));
             McpSyncClient q = client(s -> s.loggingConsumer(quiet::add))) {
            v.setLoggingLevel(LoggingLevel.DEBUG);
            q.setLoggingLevel(LoggingLevel.WARNING);
            v.callTool(new CallToolRequest("test_tool_with_logging", Map.of()));
            q.callTool(new CallToolRequest("test_tool_with_logging", Map.of()));
            await(() -> verbose.size() >= 3);
        }
        // Any order: the SDK's client hands each notification to its consumer asynchronously, so two can swap
        // after they left Warden in order (seen once in four runs).
        assertThat(verbose).extracting(LoggingMessageNotification::data)
                .containsExactlyInAnyOrder("Tool execution started", "Tool processing data", "Tool execution completed");
        assertThat(quiet).isEmpty();
    }

    @Test
    void overTheLegacySseTransportProgressAndSamplingReachTheClientOnItsStream() throws InterruptedException {
        List<ProgressNotification> progress = new CopyOnWriteArrayList<>();
        var transport = HttpClientSseClientTransport.builder("http://127.0.0.1:" + gw.gateway.port())
                .sseEndpoint("/sse")
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token)).build();
        try (McpSyncClient legacy = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20))
                .progressConsumer(progress::add)
                .capabilities(ClientCapabilities.builder().sampling().build())
                .sampling(req -> CreateMessageResult.builder(Role.ASSISTANT, "answer over sse", "model-sse").build())
                .build()) {
            legacy.initialize();
            legacy.callTool(new CallToolRequest("test_tool_with_progress", Map.of(),
                    Map.of("progressToken", "legacy-token")));
            CallToolResult sampled = legacy.callTool(new CallToolRequest("test_sampling", Map.of("prompt", "hi")));
            assertThat(text(sampled)).isEqualTo("LLM response: answer over sse");
            await(() -> progress.size() >= 3); // the SDK client hands notifications to its consumer asynchronously
        }
        assertThat(progress).extracting(ProgressNotification::progress).containsExactlyInAnyOrder(0.0, 50.0, 100.0);
        assertThat(progress).extracting(ProgressNotification::progressToken).containsOnly("legacy-token");
    }

    @Test
    void aCancelledCallIsCancelledAtTheUpstreamEndsAtOnceWithoutAnAnswerAndIsAudited() throws Exception {
        McpHttp mcp = new McpHttp(gw);
        String session = mcp.initialize(token);
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> pending = mcp.postAsync(token, session, """
                {"jsonrpc":"2.0","id":77,"method":"tools/call","params":{"name":"test_slow","arguments":{"ms":8000}}}""");
        await(() -> fixture.events().contains("test_slow:started"));
        assertThat(mcp.post(token, session, """
                {"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":77,
                 "reason":"the user pressed stop"}}""").status()).isEqualTo(202);
        await(() -> fixture.received().stream().anyMatch(b -> b.contains("notifications/cancelled")));
        HttpResponse<String> answer = pending.get(5, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(7));
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        assertThat(answer.body()).as("MCP: no response to a cancelled request").isEmpty();
        String requestId = answer.headers().firstValue("X-Request-Id").orElseThrow();
        try (SqliteAuditStore store = SqliteAuditStore.open(gw.config.audit().dbPath())) {
            assertThat(store.query(new AuditQuery(null, null, null, null, 1000))).filteredOn(e ->
                    requestId.equals(e.requestId()) && e.type() == AuditEvent.Type.TOOL_CALL)
                    .singleElement().satisfies(e -> assertThat(e.upstreamStatus()).isEqualTo("tool_error"));
        }

        JsonNode upstreamCall = fixture.received().stream().map(JSON::readTree)
                .filter(m -> m.path("method").asString("").equals("tools/call")
                        && m.path("params").path("name").asString("").equals("test_slow")).reduce((x, y) -> y)
                .orElseThrow();
        JsonNode cancelled = fixture.received().stream().map(JSON::readTree)
                .filter(m -> m.path("method").asString("").equals("notifications/cancelled")).findFirst()
                .orElseThrow();
        assertThat(cancelled.path("params").path("requestId")).isEqualTo(upstreamCall.path("id"));
    }

    @Test
    void aSecondCallWithTheIdOfOneStillInFlightInTheSessionIsRefused() throws Exception {
        McpHttp mcp = new McpHttp(gw);
        String session = mcp.initialize(token);
        int before = (int) fixture.events().stream().filter("test_slow:started"::equals).count();
        CompletableFuture<HttpResponse<String>> first = mcp.postAsync(token, session, """
                {"jsonrpc":"2.0","id":88,"method":"tools/call","params":{"name":"test_slow","arguments":{"ms":1500}}}""");
        await(() -> fixture.events().stream().filter("test_slow:started"::equals).count() > before);
        var second = mcp.post(token, session, """
                {"jsonrpc":"2.0","id":88,"method":"tools/call","params":{"name":"test_slow","arguments":{"ms":10}}}""");
        assertThat(second.json().at("/error/code").asInt()).isEqualTo(-32600);
        assertThat(second.json().at("/error/message").asString()).contains("request id 88 is already in use");
        assertThat(first.get(10, TimeUnit.SECONDS).body()).as("the first call is untouched").contains("\"result\"");
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 10 s");
            Thread.sleep(20);
        }
    }
}
