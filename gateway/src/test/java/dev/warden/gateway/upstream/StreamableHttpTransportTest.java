package dev.warden.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.warden.gateway.upstream.Upstreams.ToolCallOutcome;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Streamable HTTP client transport against a real HTTP server that answers the way MCP servers do: a JSON
 * body, an event stream with notifications before the answer, JSON-RPC errors, HTTP errors, a forgotten session,
 * and silence.
 */
class StreamableHttpTransportTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** What the test server does with the next POST: write the answer for the request it got. */
    interface Script {
        void answer(HttpExchange exchange, JsonNode request) throws Exception;
    }

    record Seen(String method, Map<String, List<String>> headers, JsonNode body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicReference<Script> script = new AtomicReference<>();
    private HttpServer server;
    private StreamableHttpTransport transport;
    private final List<McpSchema.JSONRPCMessage> delivered = new CopyOnWriteArrayList<>();
    private final List<String> lost = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/mcp", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                JsonNode request = body.length == 0 ? null : JSON.readTree(body);
                seen.add(new Seen(exchange.getRequestMethod(), Map.copyOf(exchange.getRequestHeaders()), request));
                if (!exchange.getRequestMethod().equals("POST")) {
                    exchange.sendResponseHeaders(405, -1);
                } else if (request.has("method") && !request.has("id")) {
                    exchange.sendResponseHeaders(202, -1); // a notification
                } else {
                    script.get().answer(exchange, request);
                }
            } catch (Exception e) {
                // the client went away (timeout test)
            }
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        transport = new StreamableHttpTransport(UpstreamHttp.client(),
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mcp"),
                Map.of("X-Team", "platform"), "fixture");
        transport.onLost(lost::add);
        transport.connect(m -> m.doOnNext(delivered::add)).block();
    }

    @AfterEach
    void stop() {
        transport.closeGracefully().block();
        server.stop(0);
    }

    private static void json(HttpExchange ex, int status, String body, Map<String, String> headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static String result(JsonNode request, String resultJson) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + request.get("id") + ",\"result\":" + resultJson + "}";
    }

    private ToolCallOutcome call(Duration timeout) {
        ObjectNode args = JSON.createObjectNode().put("message", "hi");
        return transport.callTool("echo", args, timeout);
    }

    @Test
    void aJsonAnswerBecomesTheOutcomeAndTheRequestCarriesMcpHeaders() {
        script.set((ex, req) -> json(ex, 200, result(req,
                "{\"content\":[{\"type\":\"text\",\"text\":\"hi\",\"annotations\":{\"audience\":[\"user\"]}}],"
                        + "\"structuredContent\":{\"n\":1}}"), Map.of()));

        ToolCallOutcome out = call(Duration.ofSeconds(5));

        assertThat(out.isError()).isFalse();
        assertThat(out.content().get(0).get("text").asString()).isEqualTo("hi");
        assertThat(out.content().get(0).has("annotations")).as("kept as the upstream sent it").isTrue();
        assertThat(out.structuredContent().get("n").asInt()).isEqualTo(1);
        Seen post = seen.get(0);
        assertThat(post.body().get("method").asString()).isEqualTo("tools/call");
        assertThat(post.body().at("/params/arguments/message").asString()).isEqualTo("hi");
        assertThat(post.header("Accept")).contains("application/json").contains("text/event-stream");
        assertThat(post.header("Mcp-Method")).isEqualTo("tools/call");
        assertThat(post.header("X-Team")).isEqualTo("platform");
        assertThat(post.header("Mcp-Session-Id")).as("no session was ever given").isNull();
    }

    @Test
    void aCookieAnUpstreamSetsForOneCallIsNeverSentWithTheNextAndHostNamesTheEndpoint() {
        // One client serves every user of the gateway: a cookie set in the answer to one user's call must not
        // reach the upstream with another user's.
        script.set((ex, req) -> json(ex, 200, result(req, "{\"content\":[]}"),
                Map.of("Set-Cookie", "session=alice-only; Path=/")));

        call(Duration.ofSeconds(5));
        call(Duration.ofSeconds(5));

        assertThat(seen).hasSize(2);
        assertThat(seen.get(1).header("Cookie")).isNull();
        assertThat(seen.get(0).header("Host")).isEqualTo("127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void anEventStreamAnswerIsReadPastNotificationsWhichReachTheSdkClient() {
        script.set((ex, req) -> {
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            var out = ex.getResponseBody();
            out.write(("id: 1\ndata:\n\n" // a priming event with no data
                    + "event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\","
                    + "\"params\":{\"progressToken\":\"t\",\"progress\":1}}\n\n"
                    + ": keep-alive comment\n"
                    + "data: " + result(req, "{\"content\":[{\"type\":\"text\",\"text\":\"done\"}]}") + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
        });

        ToolCallOutcome out = call(Duration.ofSeconds(5));

        assertThat(out.content().get(0).get("text").asString()).isEqualTo("done");
        assertThat(delivered).singleElement().isInstanceOfSatisfying(McpSchema.JSONRPCNotification.class,
                n -> assertThat(n.method()).isEqualTo("notifications/progress"));
    }

    @Test
    void aJsonRpcErrorIsAToolLevelErrorNamingTheUpstreamsMessage() {
        script.set((ex, req) -> json(ex, 200, "{\"jsonrpc\":\"2.0\",\"id\":" + req.get("id")
                + ",\"error\":{\"code\":-32602,\"message\":\"Unknown tool: echo\"}}", Map.of()));

        ToolCallOutcome out = call(Duration.ofSeconds(5));

        assertThat(out.isError()).isTrue();
        assertThat(out.content().get(0).get("text").asString()).isEqualTo("upstream error -32602: Unknown tool: echo");
    }

    @Test
    void anHttpErrorIsUnavailableWithTheStatusAndDoesNotEndTheSession() {
        script.set((ex, req) -> json(ex, 500, "{\"error\":\"database down\"}", Map.of()));

        assertThatThrownBy(() -> call(Duration.ofSeconds(5)))
                .isInstanceOf(UpstreamException.Unavailable.class)
                .hasMessageContaining("HTTP 500").hasMessageContaining("database down");
        assertThat(lost).isEmpty();
    }

    @Test
    void theSessionFromInitializeIsSentOnEveryRequestAndA404MeansTheServerForgotIt() {
        script.set((ex, req) -> json(ex, 200, result(req, "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                + "\"serverInfo\":{\"name\":\"fixture\",\"version\":\"1\"}}"), Map.of("Mcp-Session-Id", "s-123")));
        transport.sendMessage(new McpSchema.JSONRPCRequest("2.0", "initialize", "init-1", Map.of())).block();
        awaitDelivered(1);

        script.set((ex, req) -> json(ex, 200, result(req, "{\"content\":[]}"), Map.of()));
        call(Duration.ofSeconds(5));
        Seen second = seen.get(seen.size() - 1);
        assertThat(second.header("Mcp-Session-Id")).isEqualTo("s-123");
        assertThat(second.header("MCP-Protocol-Version")).isEqualTo("2025-06-18");

        script.set((ex, req) -> json(ex, 404, "{\"error\":\"unknown session\"}", Map.of()));
        assertThatThrownBy(() -> call(Duration.ofSeconds(5))).isInstanceOf(UpstreamException.Unavailable.class)
                .hasMessageContaining("no longer knows the session");
        assertThat(lost).singleElement().asString().contains("no longer knows session");
    }

    @Test
    void aCallWithoutAnswerTimesOutAndTheServerIsToldItIsCancelled() throws Exception {
        script.set((ex, req) -> Thread.sleep(5_000));

        assertThatThrownBy(() -> call(Duration.ofMillis(300)))
                .isInstanceOf(UpstreamException.Timeout.class).hasMessageContaining("within 300ms");

        String id = seen.get(0).body().get("id").asString();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (seen.stream().noneMatch(s -> s.body() != null && s.body().path("method").asString("")
                .equals("notifications/cancelled")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(seen).anySatisfy(s -> {
            assertThat(s.body().path("method").asString("")).isEqualTo("notifications/cancelled");
            assertThat(s.body().at("/params/requestId").asString()).isEqualTo(id);
        });
    }

    private void awaitDelivered(int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (delivered.size() < count && System.nanoTime() < deadline) {
            Mono.delay(Duration.ofMillis(10)).block();
        }
        assertThat(delivered).hasSizeGreaterThanOrEqualTo(count);
    }
}
