package dev.warden.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.config.ServerRegistryLoader;
import dev.warden.gateway.support.RolePolicy;
import dev.warden.gateway.support.TestGateway;
import dev.warden.gateway.support.TestGateway.Response;
import dev.warden.gateway.testing.HttpMcpTestServer;
import dev.warden.gateway.testing.HttpMcpTestServer.Received;
import dev.warden.gateway.upstream.McpUpstreams;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upstream sessions per gateway session: a real Warden in front of a stateful Streamable HTTP server (the SDK's,
 * which records every request's headers), the same server's stateless endpoint, and the demo code server over stdio.
 */
@DisplayName("A stateful upstream gives each MCP client of Warden a session of its own")
class UpstreamSessionsTest {
    private static final AtomicInteger IDS = new AtomicInteger(100);

    @TempDir
    static Path dir;
    static HttpMcpTestServer server;
    static TestGateway gw;
    static McpUpstreams upstreams;
    static String token;
    static McpHttp mcp;

    @BeforeAll
    static void start() throws Exception {
        server = HttpMcpTestServer.start("sessions");
        String java = "[\"--enable-native-access=ALL-UNNAMED\", \"-cp\", \"" + System.getProperty("java.class.path")
                + "\", \"dev.warden.demo.DemoServers\"";
        Path registry = Files.writeString(dir.resolve("mcp_servers.yaml"), """
                servers:
                  docs:
                    transport: streamable-http
                    url: %s
                  plain:
                    transport: streamable-http
                    url: %s
                  code:
                    command: java
                    args: %s, "code", "--data", "%s"]
                """.formatted(server.streamableUrl(), server.statelessUrl(), java, dir.resolve("code")));
        upstreams = new McpUpstreams(ServerRegistryLoader.load(registry)).start();
        assertThat(upstreams.awaitFirstAttempts(Duration.ofSeconds(60))).as("all upstreams connected").isTrue();
        gw = TestGateway.start(dir.resolve("gateway"), upstreams, new RolePolicy(), "");
        token = gw.token("alice", "admin");
        mcp = new McpHttp(gw);
    }

    @AfterAll
    static void stop() {
        if (gw != null) gw.close();
        if (server != null) server.close();
    }

    @Test
    void twoClientsCallingTheSameToolAreSeenUnderTwoSessionsNeitherTheShared() {
        String a = mcp.initialize(token);
        String b = mcp.initialize(token);

        assertThat(echo(mcp, token, a, "docs", "first of a")).isEqualTo("first of a");
        String sessionOfA = lastSession("tools/call");
        assertThat(echo(mcp, token, b, "docs", "first of b")).isEqualTo("first of b");
        String sessionOfB = lastSession("tools/call");
        echo(mcp, token, a, "docs", "second of a");
        String againOfA = lastSession("tools/call");

        assertThat(sessionOfA).isNotNull().isNotEqualTo(sessionOfB);
        assertThat(againOfA).as("a client's later calls reuse its session").isEqualTo(sessionOfA);
        assertThat(List.of(sessionOfA, sessionOfB)).doesNotContain(sharedSession(server, "/mcp"));
    }

    @Test
    void resourcesAndPromptsOfAClientGoToItsOwnSessionToo() {
        String a = mcp.initialize(token);
        echo(mcp, token, a, "docs", "hello");
        String sessionOfA = lastSession("tools/call");

        Response read = mcp.call(token, a, IDS.incrementAndGet(), "resources/read",
                "{\"uri\":\"warden://docs/docs://readme\"}");
        assertThat(read.json().at("/result/contents/0/text").asString()).contains("readme of sessions");
        assertThat(lastSession("resources/read")).isEqualTo(sessionOfA);

        Response prompt = mcp.call(token, a, IDS.incrementAndGet(), "prompts/get",
                "{\"name\":\"docs__greet\",\"arguments\":{\"name\":\"Ada\"}}");
        assertThat(prompt.json().at("/result/messages/0/content/text").asString()).contains("Hello, Ada");
        assertThat(lastSession("prompts/get")).isEqualTo(sessionOfA);
    }

    @Test
    void endingAGatewaySessionEndsItsUpstreamSession() {
        String a = mcp.initialize(token);
        echo(mcp, token, a, "docs", "soon gone");
        String sessionOfA = lastSession("tools/call");
        int before = upstreams.clientSessions("docs");

        Response deleted = gw.send(mcp.request(token, a).DELETE().build());

        assertThat(deleted.status()).isEqualTo(204);
        eventually("the upstream got DELETE for the client's session", () -> server.received().stream()
                .anyMatch(r -> r.method().equals("DELETE") && sessionOfA.equals(r.session())));
        assertThat(upstreams.clientSessions("docs")).isEqualTo(before - 1);
    }

    @Test
    void aLegacySseClientGetsItsOwnSessionToo() {
        var transport = HttpClientSseClientTransport.builder("http://127.0.0.1:" + gw.gateway.port())
                .sseEndpoint("/sse")
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token)).build();
        String own;
        // Its stream's end ends the upstream session (ClientRelays.ended, tested there); the SDK's SSE client does
        // not close its connection on close(), so Warden's stream outlives it here.
        try (McpSyncClient legacy = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20)).build()) {
            legacy.initialize();
            CallToolResult result = legacy.callTool(new CallToolRequest("docs__echo", Map.of("text", "over sse")));
            assertThat(((TextContent) result.content().get(0)).text()).isEqualTo("over sse");
            own = lastSession("tools/call");
            assertThat(own).isNotEqualTo(sharedSession(server, "/mcp"));
        }
    }

    @Test
    void aRestInvocationStillUsesTheSharedSession() {
        Response r = gw.post("/tools/invoke", token,
                "{\"server_name\":\"docs\",\"tool_name\":\"echo\",\"parameters\":{\"text\":\"over rest\"}}");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(lastSession("tools/call")).isEqualTo(sharedSession(server, "/mcp"));
    }

    @Test
    void statelessAndStdioUpstreamsKeepTheSharedSession() {
        String a = mcp.initialize(token);
        String b = mcp.initialize(token);

        assertThat(echo(mcp, token, a, "plain", "stateless a")).isEqualTo("stateless a");
        assertThat(echo(mcp, token, b, "plain", "stateless b")).isEqualTo("stateless b");
        for (String session : List.of(a, b)) {
            Response repo = mcp.call(token, session, IDS.incrementAndGet(), "tools/call",
                    "{\"name\":\"code__get_repo\",\"arguments\":{\"owner\":\"acme\",\"repo\":\"payments-api\"}}");
            assertThat(repo.json().at("/result/isError").asBoolean(true)).as(repo.body()).isFalse();
        }

        assertThat(upstreams.clientSessions("plain")).isZero();
        assertThat(upstreams.clientSessions("code")).isZero();
        assertThat(server.received().stream().filter(r -> r.path().equals("/stateless")
                && "initialize".equals(r.rpc()))).as("only the shared connection initialized").hasSize(1);
    }

    @Test
    void pastTheCapClientsShareTheGatewaysSessionAndIdleSessionsAreClosed() throws Exception {
        try (HttpMcpTestServer capped = HttpMcpTestServer.start("capped")) {
            Path registry = Files.writeString(dir.resolve("capped.yaml"), """
                    servers:
                      docs:
                        transport: streamable-http
                        url: %s
                    """.formatted(capped.streamableUrl()));
            McpUpstreams one = new McpUpstreams(ServerRegistryLoader.load(registry),
                    McpUpstreams.Options.defaults().withUpstreamSessionsPerServer(1)).start();
            one.awaitFirstAttempts(Duration.ofSeconds(20));
            try (TestGateway small = TestGateway.start(dir.resolve("capped"), one, new RolePolicy(),
                    "mcp:\n  session_idle_timeout: 2s\n")) {
                McpHttp client = new McpHttp(small);
                String t = small.token("bob", "admin");
                String a = client.initialize(t);
                String b = client.initialize(t);

                echo(client, t, a, "docs", "a has the place");
                String sessionOfA = last(capped, "tools/call");
                echo(client, t, b, "docs", "b shares");
                String sessionOfB = last(capped, "tools/call");

                String shared = sharedSession(capped, "/mcp");
                assertThat(sessionOfA).isNotEqualTo(shared);
                assertThat(sessionOfB).as("past the cap, the shared session serves the call").isEqualTo(shared);
                assertThat(one.clientSessions("docs")).isEqualTo(1);

                // Nobody uses the sessions any more: they expire, and the upstream session of a is ended with them.
                eventually("the idle client's upstream session was deleted", () -> capped.received().stream()
                        .anyMatch(r -> r.method().equals("DELETE") && sessionOfA.equals(r.session())));
                assertThat(one.clientSessions("docs")).isZero();
            }
        }
    }

    @Test
    void aClientSessionTheUpstreamForgotIsInitializedAgainTransparently() {
        String a = mcp.initialize(token);
        echo(mcp, token, a, "docs", "before");
        String old = lastSession("tools/call");
        server.forgetSessions();

        assertThat(echo(mcp, token, a, "docs", "after")).isEqualTo("after");
        String fresh = lastSession("tools/call");

        assertThat(fresh).isNotNull().isNotEqualTo(old);
        assertThat(echo(mcp, token, a, "docs", "and again")).isEqualTo("and again");
        assertThat(lastSession("tools/call")).as("the new session is kept").isEqualTo(fresh);

        // The shared session was forgotten too: leave it reconnected for the other tests (a REST call on it meets
        // the 404 and waits for the new session; while the supervisor backs off, calls answer 502).
        eventually("the shared session is back", () -> gw.post("/tools/invoke", token,
                "{\"server_name\":\"docs\",\"tool_name\":\"echo\",\"parameters\":{\"text\":\"x\"}}").status() == 200);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** Calls {@code <server>__echo} in {@code session} and returns the text it answered. */
    private static String echo(McpHttp client, String token, String session, String upstream, String text) {
        Response r = client.call(token, session, IDS.incrementAndGet(), "tools/call",
                "{\"name\":\"" + upstream + "__echo\",\"arguments\":{\"text\":\"" + text + "\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().at("/result/isError").asBoolean(true)).as(r.body()).isFalse();
        return r.json().at("/result/content/0/text").asString();
    }

    /** The session of the last POST of {@code rpc} the shared test server received at {@code /mcp}. */
    private static String lastSession(String rpc) {
        return last(server, rpc);
    }

    private static String last(HttpMcpTestServer upstream, String rpc) {
        List<Received> posts = upstream.received().stream()
                .filter(r -> r.path().equals("/mcp") && rpc.equals(r.rpc())).toList();
        assertThat(posts).as("the upstream received " + rpc).isNotEmpty();
        return posts.getLast().session();
    }

    /**
     * The shared connection's session: the one its tools/list requests carry (a client's own session never lists).
     * After a reconnection, the newest.
     */
    private static String sharedSession(HttpMcpTestServer upstream, String path) {
        return upstream.received().stream()
                .filter(r -> r.path().equals(path) && "tools/list".equals(r.rpc()) && r.session() != null)
                .map(Received::session).filter(Objects::nonNull).reduce((first, second) -> second).orElseThrow();
    }

    private static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting until " + what);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what);
            }
        }
    }
}
