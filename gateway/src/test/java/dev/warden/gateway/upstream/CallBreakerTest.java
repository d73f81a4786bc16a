package dev.warden.gateway.upstream;

import static dev.warden.gateway.upstream.Registry.args;
import static dev.warden.gateway.upstream.Registry.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.gateway.config.ServerConfig.Transport;
import dev.warden.gateway.testing.HttpMcpTestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallBreakerTest {

    private static McpUpstreams.Options withBreaker(CallBreaker.Settings settings) {
        McpUpstreams.Options o = Registry.fastOptions();
        return new McpUpstreams.Options(o.clock(), o.connectTimeout(), o.backoff(), o.stableAfter(), o.pingInterval(),
                o.stopGrace(), settings);
    }

    @Test
    void refusesCallsFastAfterRepeatedTimeoutsThenTriesAgain() {
        var settings = new CallBreaker.Settings(4, 4, 50, Duration.ofMillis(800));
        try (HttpMcpTestServer server = HttpMcpTestServer.start();
             McpUpstreams upstreams = new McpUpstreams(List.of(
                     Registry.http("hangs", Transport.STREAMABLE_HTTP, server.streamableUrl(), Map.of())),
                     withBreaker(settings)).start()) {
            assertThat(upstreams.awaitFirstAttempts(Duration.ofSeconds(20))).isTrue();
            for (int i = 0; i < 4; i++) {
                assertThatThrownBy(() -> upstreams.callTool("hangs", "slow", args("ms", 1000), Duration.ofMillis(100)))
                        .isInstanceOf(UpstreamException.Timeout.class);
            }
            long start = System.nanoTime();
            assertThatThrownBy(() -> upstreams.callTool("hangs", "echo", args("text", "x"), Duration.ofSeconds(5)))
                    .isInstanceOf(UpstreamException.Unavailable.class)
                    .hasMessage("upstream 'hangs' is refusing calls for up to 800ms: too many of its recent calls "
                            + "timed out or failed");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100));
            assertThat(upstreams.status("hangs").detail()).contains("refusing calls");

            eventually(Duration.ofSeconds(5), "a trial call is let through and succeeds", () -> {
                try {
                    return upstreams.callTool("hangs", "echo", args("text", "ok"), Duration.ofSeconds(5)).isError() == false;
                } catch (UpstreamException.Unavailable stillOpen) {
                    return false;
                }
            });
            assertThat(upstreams.status("hangs").detail()).doesNotContain("refusing calls");
        }
    }

    @Test
    void toolLevelErrorsAreAnswersNotFailures() {
        var settings = new CallBreaker.Settings(4, 4, 50, Duration.ofSeconds(30));
        try (HttpMcpTestServer server = HttpMcpTestServer.start();
             McpUpstreams upstreams = new McpUpstreams(List.of(
                     Registry.http("grumpy", Transport.STREAMABLE_HTTP, server.streamableUrl(), Map.of())),
                     withBreaker(settings)).start()) {
            assertThat(upstreams.awaitFirstAttempts(Duration.ofSeconds(20))).isTrue();
            for (int i = 0; i < 10; i++) {
                assertThat(upstreams.callTool("grumpy", "fail", args(), Duration.ofSeconds(5)).isError()).isTrue();
            }
            assertThat(upstreams.callTool("grumpy", "echo", args("text", "fine"), Duration.ofSeconds(5)).isError()).isFalse();
        }
    }
}
