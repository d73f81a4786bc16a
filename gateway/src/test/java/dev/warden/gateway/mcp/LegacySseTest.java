package dev.warden.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.gateway.support.FakeUpstreams;
import dev.warden.gateway.support.RolePolicy;
import dev.warden.gateway.support.TestGateway;
import dev.warden.gateway.support.TestGateway.Response;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The legacy HTTP+SSE transport (/sse + /messages) for older clients")
class LegacySseTest {
    @TempDir
    static Path dir;
    static TestGateway gw;

    @BeforeAll
    static void start() {
        gw = TestGateway.start(dir, new FakeUpstreams()
                .server("postgres-mcp", true, Map.of(), "execute_query", "fail")
                .server("docs-mcp", true, Map.of(), "search"), new RolePolicy(), "");
    }

    @AfterAll
    static void stop() { gw.close(); }

    private static McpSyncClient client(String token) {
        var transport = HttpClientSseClientTransport.builder("http://127.0.0.1:" + gw.gateway.port())
                .sseEndpoint("/sse")
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                .build();
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(10)).build();
    }

    @Test
    void anSdkSseClientListsAndCallsToolsThroughWarden() {
        try (McpSyncClient client = client(gw.token("alice", "developer"))) {
            assertThat(client.initialize().serverInfo().name()).isEqualTo("warden");
            assertThat(client.listTools().tools()).extracting(Tool::name)
                    .containsExactly("postgres-mcp__execute_query", "postgres-mcp__fail");
            CallToolResult r = client.callTool(new CallToolRequest("postgres-mcp__execute_query",
                    Map.of("query", "SELECT 1", "password", "x")));
            assertThat(r.isError()).isFalse();
            assertThat(r.structuredContent()).isEqualTo(Map.of("echo", Map.of("query", "SELECT 1")));
            assertThatThrownBy(() -> client.callTool(new CallToolRequest("docs-mcp__search", Map.of())))
                    .isInstanceOf(McpError.class).hasMessageContaining("Unknown tool");
        }
    }

    @Test
    void theStreamNeedsATokenAndItsSessionBelongsToWhoeverOpenedIt() throws Exception {
        assertThat(gw.get("/sse", null).status()).isEqualTo(401);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(gw.uri("/sse"))
                .header("Authorization", "Bearer " + gw.token("alice", "developer")).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader events = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("text/event-stream"));
            assertThat(events.readLine()).isEqualTo("event: endpoint");
            String endpoint = events.readLine().substring("data: ".length());
            assertThat(endpoint).matches("/messages\\?sessionId=[A-Za-z0-9_-]{43}");
            Response stranger = gw.post(endpoint, gw.token("mallory", "admin"), "{\"jsonrpc\":\"2.0\",\"id\":1,"
                    + "\"method\":\"ping\"}");
            assertThat(stranger.status()).isEqualTo(404);
            Response batch = gw.post(endpoint, gw.token("alice", "developer"), "[]");
            assertThat(batch.status()).isEqualTo(400);
            assertThat(batch.json().at("/error/message").asString()).contains("batches are not supported");
            Response ping = gw.post(endpoint, gw.token("alice", "developer"), "{\"jsonrpc\":\"2.0\",\"id\":7,"
                    + "\"method\":\"ping\"}");
            assertThat(ping.status()).isEqualTo(202);
            assertThat(events.readLine()).isEmpty();
            assertThat(events.readLine()).isEqualTo("event: message");
            assertThat(events.readLine()).isEqualTo("data: {\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}");
        }
        assertThat(gw.post("/messages?sessionId=nope", gw.token("alice", "developer"),
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").status()).isEqualTo(404);
    }

    @Test
    void anOpenStreamDoesNotHoldUpShutdown(@TempDir Path other) throws Exception {
        TestGateway own = TestGateway.start(other, new FakeUpstreams(), new RolePolicy(), "");
        HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(own.uri("/sse"))
                .header("Authorization", "Bearer " + own.token("alice", "developer")).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader events = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            assertThat(events.readLine()).isEqualTo("event: endpoint");
            long t0 = System.nanoTime();
            own.close();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void oneUserCannotHoldMoreLegacyStreamsThanTheirShareSoOthersStillGetOne() throws Exception {
        try (TestGateway small = TestGateway.start(dir.resolve("small"), new FakeUpstreams()
                .server("postgres-mcp", true, Map.of(), "execute_query"), new RolePolicy(),
                "mcp:\n  max_sessions: 3\n  max_sessions_per_subject: 2\n")) {
            HttpClient http = HttpClient.newHttpClient();
            String alice = small.token("alice", "developer");
            java.util.function.Function<String, HttpResponse<InputStream>> open = token -> {
                try {
                    return http.send(HttpRequest.newBuilder(small.uri("/sse")).header("Authorization",
                            "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            HttpResponse<InputStream> first = open.apply(alice);
            HttpResponse<InputStream> second = open.apply(alice);
            HttpResponse<InputStream> third = open.apply(alice);
            try {
                assertThat(first.statusCode()).isEqualTo(200);
                assertThat(second.statusCode()).isEqualTo(200);
                assertThat(third.statusCode()).isEqualTo(429);
                assertThat(new String(third.body().readAllBytes(), StandardCharsets.UTF_8))
                        .contains("legacy SSE sessions per user (mcp.max_sessions_per_subject)");
                HttpResponse<InputStream> bob = open.apply(small.token("bob", "developer"));
                assertThat(bob.statusCode()).as("bob still gets the last one").isEqualTo(200);
                bob.body().close();
            } finally {
                first.body().close();
                second.body().close();
            }
        }
    }
}
