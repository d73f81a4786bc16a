package dev.warden.gateway.upstream;

import dev.warden.gateway.config.ServerConfig;
import dev.warden.gateway.upstream.Upstreams.ToolCallOutcome;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;

/** An upstream reached over Streamable HTTP; only the registry's configured headers are sent. */
record StreamableHttpUpstream(ServerConfig config, Duration connectTimeout) implements Upstream {

    @Override
    public Link open() {
        return new HttpLink(new StreamableHttpTransport(UpstreamHttp.client(), URI.create(config.url()),
                config.headers(), config.name()), config.url());
    }

    /**
     * HTTP links have no process to watch: a dead server shows up as failed requests and pings, a forgotten
     * session as a 404.
     */
    record HttpLink(StreamableHttpTransport transport, String describe) implements Link {
        @Override
        public void watch(Consumer<String> lost) { transport.onLost(lost); }

        @Override
        public ToolCallOutcome callTool(String tool, ObjectNode arguments, Duration timeout) {
            return transport.callTool(tool, arguments, timeout);
        }

        @Override
        public ToolCallOutcome callTool(String tool, ObjectNode arguments, Duration timeout, String relayToken,
                                        Consumer<Runnable> onCancel) {
            return transport.callTool(tool, arguments, timeout, relayToken, onCancel);
        }
    }
}
