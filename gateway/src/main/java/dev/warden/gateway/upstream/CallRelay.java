package dev.warden.gateway.upstream;

import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The client side of one tool call while it runs at an upstream: where the upstream's messages about that call go,
 * and how the client cancels it. The MCP endpoint implements it per {@code tools/call}; {@link Connection} calls it
 * from the upstream's transport threads, so implementations must be thread-safe and must not block.
 *
 * <pre>{@code
 * upstreams.callTool("docs-mcp", "summarize", args, Duration.ofSeconds(30), relay);
 * // meanwhile: relay.notify("notifications/progress", {"progressToken": <the client's token>, "progress": 50, ...})
 * //            relay.request("sampling/createMessage", params) → the client's answer, returned to the upstream
 * }</pre>
 */
public interface CallRelay {

    /** No client to relay to (the REST API, health checks): the upstream's messages about the call are dropped. */
    CallRelay NONE = new CallRelay() {
        @Override public JsonNode progressToken() { return null; }

        @Override public void notify(String method, ObjectNode params) {}

        @Override public CompletableFuture<JsonNode> request(String method, ObjectNode params) {
            return CompletableFuture.failedFuture(new RelayException(-32601, "no client to relay " + method + " to"));
        }

        @Override public void onCancel(Runnable hook) {}
    };

    /** The client's {@code _meta.progressToken} for this call, or null when it asked for no progress. */
    JsonNode progressToken();

    /**
     * An upstream notification about this call: {@code notifications/progress} (its {@code progressToken} already
     * replaced by the client's) or {@code notifications/message}.
     */
    void notify(String method, ObjectNode params);

    /**
     * A request of the upstream to the client during this call ({@code sampling/createMessage},
     * {@code elicitation/create}, {@code roots/list}): completes with the client's result, or exceptionally with a
     * {@link RelayException} carrying the JSON-RPC error to return to the upstream.
     */
    CompletableFuture<JsonNode> request(String method, ObjectNode params);

    /** Registers what cancels the call at the upstream; run (once) when the client cancels it. */
    void onCancel(Runnable hook);

    /** A JSON-RPC error the client answered (or Warden answers for it) to a relayed request. */
    final class RelayException extends RuntimeException {
        private final int code;
        private final transient JsonNode data;

        public RelayException(int code, String message) { this(code, message, null); }

        public RelayException(int code, String message, JsonNode data) {
            super(message, null, false, false);
            this.code = code;
            this.data = data;
        }

        public int code() { return code; }

        public JsonNode data() { return data; }
    }
}
