package dev.warden.gateway.upstream;

import dev.warden.gateway.config.ServerConfig;
import io.modelcontextprotocol.spec.McpClientTransport;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * How Warden reaches one upstream MCP server: one variant per transport. Each connection attempt opens a fresh
 * {@link Link}; everything above the transport (initialize, tools, calls, reconnecting) is shared in
 * {@link Connection}.
 */
sealed interface Upstream permits StdioUpstream, StreamableHttpUpstream, SseUpstream {

    ServerConfig config();

    /** A new, not yet connected transport for one connection attempt. */
    Link open();

    static Upstream of(ServerConfig config, Duration connectTimeout) {
        return switch (config.transport()) {
            case STDIO -> new StdioUpstream(config);
            case STREAMABLE_HTTP -> new StreamableHttpUpstream(config, connectTimeout);
            case SSE -> new SseUpstream(config, connectTimeout);
        };
    }

    /** One connection's transport and what the variant knows about its health. */
    interface Link {

        McpClientTransport transport();

        /**
         * Called once the MCP session is initialized: {@code lost} must be called (once) when the variant learns
         * that the link is gone without being asked (a child process that exited). HTTP variants learn it from
         * failed requests instead, so they do nothing here.
         */
        default void watch(Consumer<String> lost) {}

        /** Why the link is already known to be dead (a child that exited), or null. Polled while connecting. */
        default String failure() {
            return null;
        }

        /**
         * Whether the server keeps state per MCP session (it gave one an {@code Mcp-Session-Id}); such a server gets
         * an upstream session per gateway client ({@link UpstreamSessionPool}). Known once initialized.
         */
        default boolean stateful() {
            return false;
        }

        /** A short description for status and logs, e.g. the child's pid or the URL. */
        String describe();

        /**
         * First step of closing, before the SDK's close: a child is asked to exit by closing its stdin (as the MCP
         * stdio transport specifies) and given up to {@code wait} to do so.
         */
        default void closeInput(Duration wait) {}

        /** Last resort after a graceful close did not finish within the grace period. */
        default void forceStop() {}

        /**
         * After the session is closed, however it ended: what the child left running (processes it started, which
         * outlive it once it exits, as a shell or {@code npx} wrapper's do) is stopped too.
         */
        default void stopped() {}

        /**
         * Calls a tool without the SDK client, for transports that have a direct path (Streamable HTTP); null
         * means "use the SDK client".
         *
         * @throws UpstreamException.Unavailable when the server cannot be reached or refused the call
         * @throws UpstreamException.Timeout     when no answer came within {@code timeout}
         */
        default Upstreams.ToolCallOutcome callTool(String tool, tools.jackson.databind.node.ObjectNode arguments,
                                                   Duration timeout) {
            return null;
        }

        /**
         * The direct path for a call relayed to an MCP client ({@link RelayTransport}): {@code relayToken} goes in the
         * request's {@code _meta.progressToken}, the upstream's other messages on the call's stream are handed to the
         * SDK client in {@link RelayTransport#context(String)}, and {@code onCancel} receives what cancels the call
         * (after which it answers {@link SdkResults#cancelled}). Null means "use the SDK client".
         */
        default Upstreams.ToolCallOutcome callTool(String tool, tools.jackson.databind.node.ObjectNode arguments,
                                                   Duration timeout, String relayToken, Consumer<Runnable> onCancel) {
            return null;
        }
    }

    /** An HTTP URL split the way the SDK's transports take it: scheme and authority, then path and query. */
    record Endpoint(String base, String path) {

        static Endpoint of(String url) {
            URI uri = URI.create(url);
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            if (uri.getRawQuery() != null) {
                path += "?" + uri.getRawQuery();
            }
            return new Endpoint(uri.getScheme() + "://" + uri.getRawAuthority(), path);
        }
    }
}
