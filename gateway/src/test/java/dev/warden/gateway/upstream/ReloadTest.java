package dev.warden.gateway.upstream;

import static dev.warden.gateway.upstream.Registry.args;
import static dev.warden.gateway.upstream.Registry.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.gateway.config.ServerConfig;
import dev.warden.gateway.config.ServerConfig.Transport;
import dev.warden.gateway.testing.HttpMcpTestServer;
import dev.warden.gateway.upstream.Upstreams.UpstreamStatus.State;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReloadTest {

    @Test
    void keepsUnchangedConnectionsAndSwapsTheRest() {
        try (HttpMcpTestServer server = HttpMcpTestServer.start();
             McpUpstreams upstreams = new McpUpstreams(List.of(
                     Registry.http("stays", Transport.STREAMABLE_HTTP, server.streamableUrl(), Map.of()),
                     Registry.http("goes", Transport.SSE, server.sseUrl(), Map.of())), Registry.fastOptions()).start()) {
            assertThat(upstreams.awaitFirstAttempts(Duration.ofSeconds(20))).isTrue();

            ServerConfig stays = Registry.http("stays", Transport.STREAMABLE_HTTP, server.streamableUrl(), Map.of());
            ServerConfig restyled = new ServerConfig(stays.name(), stays.transport(), null, List.of(), Map.of(), null,
                    stays.url(), Map.of(), "now with a description", true, Map.of("sensitivity_level", "low"),
                    Duration.ofSeconds(5));
            var summary = upstreams.reload(List.of(restyled,
                    Registry.http("arrives", Transport.SSE, server.sseUrl(), Map.of())));

            assertThat(summary.added()).containsExactly("arrives");
            assertThat(summary.changed()).containsExactly("stays");
            assertThat(summary.removed()).containsExactly("goes");
            // Only description, metadata and timeout changed: the same session serves on without a reconnect.
            assertThat(upstreams.status("stays").state()).isEqualTo(State.CONNECTED);
            assertThat(upstreams.server("stays").orElseThrow().description()).isEqualTo("now with a description");
            assertThat(upstreams.callTool("stays", "echo", args("text", "same session"), Duration.ofSeconds(5))
                    .content().get(0).get("text").asString()).isEqualTo("same session");
            assertThat(server.requestHeaders().stream().map(h -> h.get("mcp-session-id"))
                    .filter(java.util.Objects::nonNull).distinct()).as("Streamable HTTP sessions").hasSize(1);

            assertThatThrownBy(() -> upstreams.status("goes")).isInstanceOf(IllegalArgumentException.class);
            eventually(Duration.ofSeconds(20), "the new server connects",
                    () -> upstreams.status("arrives").state() == State.CONNECTED);
            assertThat(upstreams.servers()).extracting(ServerConfig::name).containsExactly("stays", "arrives");
        }
    }

    @Test
    void disablingAServerClosesItsConnection() {
        try (HttpMcpTestServer server = HttpMcpTestServer.start();
             McpUpstreams upstreams = new McpUpstreams(List.of(
                     Registry.http("docs", Transport.STREAMABLE_HTTP, server.streamableUrl(), Map.of())),
                     Registry.fastOptions()).start()) {
            assertThat(upstreams.awaitFirstAttempts(Duration.ofSeconds(20))).isTrue();
            upstreams.reload(List.of(Registry.disabled(
                    Registry.http("docs", Transport.STREAMABLE_HTTP, server.streamableUrl(), Map.of()))));
            assertThat(upstreams.status("docs").state()).isEqualTo(State.DISABLED);
            assertThatThrownBy(() -> upstreams.tools("docs")).isInstanceOf(UpstreamException.Unavailable.class);
        }
    }

    @Test
    void aRegistryWithDuplicateNamesIsRefusedAndTheOldOneStays() {
        try (McpUpstreams upstreams = new McpUpstreams(List.of(
                Registry.disabled(Registry.http("a", Transport.SSE, "http://127.0.0.1:9/sse", Map.of()))))) {
            ServerConfig twin = Registry.http("b", Transport.SSE, "http://127.0.0.1:9/sse", Map.of());
            assertThatThrownBy(() -> upstreams.reload(List.of(twin, twin)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("duplicate upstream server name 'b'");
            assertThat(upstreams.servers()).extracting(ServerConfig::name).containsExactly("a");
        }
    }
}
