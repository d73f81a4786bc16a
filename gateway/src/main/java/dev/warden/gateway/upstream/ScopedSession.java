package dev.warden.gateway.upstream;

import dev.warden.gateway.upstream.Upstreams.ToolCallOutcome;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.node.ObjectNode;

/**
 * One gateway client's own MCP session at a stateful Streamable HTTP upstream: its link (a transport without the
 * GET stream), an SDK client initialized on it, the relays of the calls made on it, and its resources and prompts
 * requests. Opened and closed by {@link UpstreamSessionPool}; the tool list and the other listings stay with the
 * connection's shared session.
 *
 * <pre>{@code
 * ScopedSession s = ScopedSession.open(upstream.openForClient(), "docs", options, Duration.ofSeconds(5));
 * ToolCallOutcome out = s.call("summarize", args, Duration.ofSeconds(30), relay);
 * s.close(Duration.ofSeconds(2));   // DELETE of the upstream session
 * }</pre>
 *
 * @param lost completed with a reason once the session is known to be unusable (the server forgot it, the link
 *             broke); the pool then opens a new one at the next request
 */
record ScopedSession(Upstream.Link link, McpAsyncClient client, RelayTransport relays, ServerFeatures features,
                     CompletableFuture<String> lost) {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ScopedSession.class);

    /**
     * Initializes a new upstream session on {@code link} within {@code timeout}.
     *
     * @throws UpstreamException.Unavailable when the server could not be reached or did not initialize in time
     */
    static ScopedSession open(Upstream.Link link, String name, McpUpstreams.Options options, Duration timeout) {
        CompletableFuture<String> lost = new CompletableFuture<>();
        RelayTransport relays = new RelayTransport(link.transport(), name);
        McpAsyncClient client = SdkClients.spec(relays, options).build();
        // Subscriptions stay with the shared session, so this one has none to renew.
        ServerFeatures features = new ServerFeatures(name, List::of, lost,
                java.util.concurrent.ConcurrentHashMap.newKeySet());
        ScopedSession session = new ScopedSession(link, client, relays, features, lost);
        CompletableFuture<McpSchema.InitializeResult> init = client.initialize().toFuture();
        try {
            McpSchema.InitializeResult result = init.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            features.bind(client, result.capabilities());
            link.watch(lost::complete);
            return session;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            session.close(Duration.ZERO);
            throw failed(name, "interrupted", e);
        } catch (TimeoutException e) {
            init.cancel(true);
            session.close(Duration.ZERO);
            throw failed(name, "no answer to initialize within " + Durations.human(timeout), e);
        } catch (ExecutionException e) {
            session.close(Duration.ZERO);
            throw failed(name, Durations.reason(e.getCause()), e.getCause());
        }
    }

    private static UpstreamException.Unavailable failed(String name, String why, Throwable cause) {
        return new UpstreamException.Unavailable(name, "upstream '" + name + "': could not open an MCP session for "
                + "this client: " + why, cause);
    }

    /**
     * A tool call on this session, on the transport's direct path; with a relay, the upstream's messages about it
     * go to the client and the client may cancel it, as on the shared session.
     */
    ToolCallOutcome call(String tool, ObjectNode arguments, Duration timeout, CallRelay relay) {
        try {
            if (relay == CallRelay.NONE) return direct(link.callTool(tool, arguments, timeout));
            String token = relays.register(relay);
            try {
                return direct(link.callTool(tool, arguments, timeout, token, relay::onCancel));
            } finally {
                relays.unregister(token);
            }
        } catch (UpstreamException.Unavailable e) {
            if (Connection.looksBroken(e.getCause())) lost.complete("connection broke: " + Durations.reason(e.getCause()));
            throw e;
        }
    }

    private static ToolCallOutcome direct(ToolCallOutcome outcome) {
        if (outcome == null) throw new IllegalStateException("per-client upstream sessions need a link with a direct "
                + "tools/call path (Streamable HTTP)");
        return outcome;
    }

    /** Sends {@code logging/setLevel} when the server offers logging; a failure is logged, never thrown. */
    void setLoggingLevel(String level, Duration timeout) {
        McpSchema.ServerCapabilities caps = client.getServerCapabilities();
        if (caps == null || caps.logging() == null) return;
        McpSchema.LoggingLevel parsed = McpSchema.LoggingLevel.valueOf(level.toUpperCase(java.util.Locale.ROOT));
        client.setLoggingLevel(parsed).timeout(timeout).subscribe(null, e -> LOG.debug(
                "upstream: logging/setLevel {} on a client's session failed: {}", level, Durations.reason(e)));
    }

    /**
     * Ends the session: the transport's close sends {@code DELETE} with the session id, so the server can free it.
     * Waits at most {@code grace}.
     */
    void close(Duration grace) {
        lost.complete("closed");
        if (!Durations.awaitQuietly(client.closeGracefully().toFuture(), grace)) {
            client.close();
        }
    }

    /** Whether {@code failure} says the server no longer knows the session (so it never ran the request). */
    static boolean forgotten(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof io.modelcontextprotocol.spec.McpTransportSessionNotFoundException) return true;
        }
        return false;
    }
}
