package dev.warden.gateway.upstream;

import static dev.warden.gateway.upstream.Registry.args;
import static dev.warden.gateway.upstream.Registry.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.gateway.config.ServerConfig.Transport;
import dev.warden.gateway.testing.HttpMcpTestServer;
import dev.warden.gateway.upstream.Upstreams.ToolCallOutcome;
import dev.warden.gateway.upstream.Upstreams.ToolInfo;
import dev.warden.gateway.upstream.Upstreams.UpstreamStatus.State;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HttpUpstreamTest {

    private HttpMcpTestServer server;

    @BeforeEach
    void startServer() {
        server = HttpMcpTestServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private McpUpstreams connect(dev.warden.gateway.config.ServerConfig... servers) {
        McpUpstreams upstreams = new McpUpstreams(List.of(servers), Registry.fastOptions()).start();
        upstreams.awaitFirstAttempts(Duration.ofSeconds(20));
        return upstreams;
    }

    @Test
    void callsToolsOverStreamableHttp() {
        try (McpUpstreams upstreams = connect(Registry.http("docs", Transport.STREAMABLE_HTTP, server.streamableUrl(), Map.of()))) {
            assertThat(upstreams.status("docs").state()).isEqualTo(State.CONNECTED);
            assertThat(upstreams.status("docs").detail()).contains(server.streamableUrl()).contains("4 tools");
            assertThat(upstreams.tools("docs")).extracting(ToolInfo::name).containsExactly("echo", "add", "slow", "fail");

            ToolCallOutcome sum = upstreams.callTool("docs", "add", args("a", 2, "b", 40), Duration.ofSeconds(5));
            assertThat(sum.structuredContent().get("sum").asDouble()).isEqualTo(42.0);
            ToolCallOutcome failed = upstreams.callTool("docs", "fail", args(), Duration.ofSeconds(5));
            assertThat(failed.isError()).isTrue();
            assertThat(failed.content().get(0).get("text").asString()).isEqualTo("this tool always fails");
        }
    }

    @Test
    void aCallToAServerThatForgotTheSessionIsMadeAgainOnANewSession() {
        try (McpUpstreams upstreams = connect(Registry.http("docs", Transport.STREAMABLE_HTTP, server.streamableUrl(), Map.of()))) {
            upstreams.callTool("docs", "echo", args("text", "before"), Duration.ofSeconds(5));
            server.forgetSessions();

            ToolCallOutcome after = upstreams.callTool("docs", "echo", args("text", "after"), Duration.ofSeconds(10));

            assertThat(after.isError()).isFalse();
            assertThat(after.content().get(0).get("text").asString()).contains("after");
            assertThat(upstreams.status("docs").state()).isEqualTo(State.CONNECTED);
            assertThat(server.requestHeaders().stream().map(h -> h.get("mcp-session-id"))
                    .filter(java.util.Objects::nonNull).distinct()).as("a new session was initialized").hasSize(2);
        }
    }

    @Test
    void callsToolsOverLegacySse() {
        try (McpUpstreams upstreams = connect(Registry.http("legacy", Transport.SSE, server.sseUrl(), Map.of()))) {
            assertThat(upstreams.status("legacy").state()).isEqualTo(State.CONNECTED);
            ToolCallOutcome echo = upstreams.callTool("legacy", "echo", args("text", "over sse"), Duration.ofSeconds(5));
            assertThat(echo.content().get(0).get("text").asString()).isEqualTo("over sse");
        }
    }

    @Test
    void aSlowToolTimesOutAndTheConnectionStaysUsable() {
        try (McpUpstreams upstreams = connect(Registry.http("docs", Transport.STREAMABLE_HTTP, server.streamableUrl(), Map.of()))) {
            assertThatThrownBy(() -> upstreams.callTool("docs", "slow", args("ms", 3000), Duration.ofMillis(300)))
                    .isInstanceOf(UpstreamException.Timeout.class)
                    .hasMessage("upstream 'docs' did not answer tools/call 'slow' within 300ms");
            assertThat(upstreams.callTool("docs", "echo", args("text", "still here"), Duration.ofSeconds(5))
                    .content().get(0).get("text").asString()).isEqualTo("still here");
        }
    }

    @Test
    void sendsOnlyTheConfiguredHeaders() {
        try (McpUpstreams upstreams = connect(Registry.http("docs", Transport.STREAMABLE_HTTP, server.streamableUrl(),
                Map.of("X-Api-Key", "upstream-own-key")))) {
            upstreams.callTool("docs", "echo", args("text", "hi"), Duration.ofSeconds(5));
            assertThat(server.requestHeaders()).isNotEmpty().allSatisfy(headers -> {
                assertThat(headers).containsEntry("x-api-key", "upstream-own-key");
                assertThat(headers).doesNotContainKeys("authorization", "cookie");
            });
        }
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"STREAMABLE_HTTP", "SSE"})
    void refreshesToolsWhenTheServerSaysTheyChanged(Transport transport) {
        String url = transport == Transport.SSE ? server.sseUrl() : server.streamableUrl();
        try (McpUpstreams upstreams = connect(Registry.http("docs", transport, url, Map.of()))) {
            // A notification can only travel on an open server-to-client stream: wait for the client to open it.
            eventually(Duration.ofSeconds(5), "the client listens for notifications", () -> server.streamsOpened() > 0);
            server.addTool("late_tool");
            eventually(Duration.ofSeconds(10), "the new tool is listed",
                    () -> upstreams.tools("docs").stream().anyMatch(t -> t.name().equals("late_tool")));
        }
    }

    @Test
    void aStoppedServerIsUnavailableAndReconnectsWhenBack() {
        try (McpUpstreams upstreams = connect(Registry.http("docs", Transport.STREAMABLE_HTTP, server.streamableUrl(), Map.of()))) {
            server.stop();
            assertThatThrownBy(() -> upstreams.callTool("docs", "echo", args("text", "x"), Duration.ofSeconds(5)))
                    .isInstanceOf(UpstreamException.Unavailable.class).hasMessageContaining("upstream 'docs'");
            eventually(Duration.ofSeconds(10), "the server is marked down", () -> upstreams.status("docs").state() != State.CONNECTED);

            server.restart();
            eventually(Duration.ofSeconds(20), "it reconnects", () -> upstreams.status("docs").state() == State.CONNECTED);
            assertThat(upstreams.callTool("docs", "echo", args("text", "back"), Duration.ofSeconds(5))
                    .content().get(0).get("text").asString()).isEqualTo("back");
        }
    }

    @Test
    void aResourceSubscriptionIsRenewedWhenTheServerComesBack() {
        java.util.List<String> updates = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (McpUpstreams upstreams = connect(Registry.http("docs", Transport.STREAMABLE_HTTP, server.streamableUrl(), Map.of()))) {
            upstreams.addListener((name, uri) -> updates.add(name + " " + uri));
            assertThat(upstreams.subscribeResource("docs", "docs://readme", Duration.ofSeconds(5)))
                    .isInstanceOf(Upstreams.Answer.Result.class);
            eventually(Duration.ofSeconds(5), "the client listens for notifications", () -> server.streamsOpened() > 0);
            server.updateReadme("second edition");
            eventually(Duration.ofSeconds(10), "the update is announced", () -> updates.contains("docs docs://readme"));

            server.stop();
            eventually(Duration.ofSeconds(10), "the server is marked down", () -> upstreams.status("docs").state() != State.CONNECTED);
            int streams = server.streamsOpened();
            server.restart();
            eventually(Duration.ofSeconds(20), "it reconnects", () -> upstreams.status("docs").state() == State.CONNECTED);
            eventually(Duration.ofSeconds(5), "the new session listens", () -> server.streamsOpened() > streams);
            updates.clear();
            server.updateReadme("third edition");
            eventually(Duration.ofSeconds(10), "the renewed subscription announces the update",
                    () -> updates.contains("docs docs://readme"));
        }
    }

    @Test
    void oneDeadOrSlowUpstreamNeverHoldsUpAnother() throws Exception {
        try (McpUpstreams upstreams = connect(
                Registry.http("dead", Transport.STREAMABLE_HTTP, "http://127.0.0.1:9/mcp", Map.of()),
                Registry.http("busy", Transport.STREAMABLE_HTTP, server.streamableUrl(), Map.of()),
                Registry.http("live", Transport.SSE, server.sseUrl(), Map.of()))) {
            assertThat(upstreams.status("dead").state()).isEqualTo(State.DOWN);
            assertThat(upstreams.status("dead").detail()).contains("connection refused");
            assertThatThrownBy(() -> upstreams.tools("dead")).isInstanceOf(UpstreamException.Unavailable.class)
                    .hasMessageStartingWith("upstream 'dead' is down: ").hasMessageContaining("connection refused");

            CompletableFuture<ToolCallOutcome> slow = CompletableFuture.supplyAsync(
                    () -> upstreams.callTool("busy", "slow", args("ms", 2000), Duration.ofSeconds(10)));
            long start = System.nanoTime();
            assertThat(upstreams.callTool("live", "echo", args("text", "quick"), Duration.ofSeconds(5)).isError()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(slow.get().content().get(0).get("text").asString()).isEqualTo("done");
        }
    }

    @Test
    void aDisabledServerIsListedButNeverContacted() {
        try (McpUpstreams upstreams = connect(
                Registry.disabled(Registry.http("off", Transport.STREAMABLE_HTTP, server.streamableUrl(), Map.of())))) {
            assertThat(upstreams.servers()).extracting(s -> s.name()).containsExactly("off");
            assertThat(upstreams.status("off").state()).isEqualTo(State.DISABLED);
            assertThatThrownBy(() -> upstreams.callTool("off", "echo", args(), Duration.ofSeconds(1)))
                    .isInstanceOf(UpstreamException.Unavailable.class)
                    .hasMessage("upstream 'off' is disabled in the server registry");
            assertThat(server.requestHeaders()).isEmpty();
            assertThatThrownBy(() -> upstreams.status("nope")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no upstream server named 'nope'");
        }
    }
}
