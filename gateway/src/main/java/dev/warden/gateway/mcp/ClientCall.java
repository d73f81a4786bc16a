package dev.warden.gateway.mcp;

import dev.warden.gateway.upstream.CallRelay;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One client's {@code tools/call} POST while it runs at an upstream, as the upstream side sees it
 * ({@link CallRelay}): the upstream's progress, log messages and requests are written to the POST's own response,
 * which becomes an SSE stream ({@code text/event-stream}) the first time there is something to send before the
 * result, provided the client accepts one; a call that produces nothing is answered with plain JSON as before.
 *
 * <pre>{@code
 * ClientCall call = new ClientCall(relays, owner, sessionId, requestId, progressToken, resp, acceptsSse);
 * relays.started(call);
 * try { call.finish(protocol.respond(request, exchange.with(call))); } finally { relays.finished(call); }
 * }</pre>
 *
 * <p>Writes come from the upstream's transport threads and from the request's own thread, so they are serialized
 * on this object. A client that goes away does not cancel the call (MCP: a disconnect is not a cancellation).
 */
final class ClientCall implements CallRelay {
    private static final Logger log = LoggerFactory.getLogger(ClientCall.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Which capability a client must have declared for each relayed request. */
    private static final Map<String, String> CAPABILITY = Map.of("sampling/createMessage", "sampling",
            "elicitation/create", "elicitation", "roots/list", "roots");
    private static final Set<String> NOTIFICATIONS = Set.of("notifications/progress", "notifications/message");

    private final ClientRelays relays;
    private final String owner;
    private final String sessionId;
    private final JsonNode requestId;
    private final JsonNode progressToken;
    private final HttpServletResponse resp;
    private final boolean acceptsSse;
    private final List<Runnable> cancelHooks = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<JsonNode>> outstanding = new CopyOnWriteArrayList<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private boolean streaming;
    private boolean gone;

    ClientCall(ClientRelays relays, String owner, String sessionId, JsonNode requestId, JsonNode progressToken,
               HttpServletResponse resp, boolean acceptsSse) {
        this.relays = relays;
        this.owner = owner;
        this.sessionId = sessionId;
        this.requestId = requestId;
        this.progressToken = progressToken;
        this.resp = resp;
        this.acceptsSse = acceptsSse;
    }

    static String key(String owner, String sessionId, JsonNode requestId) {
        return owner + "\n" + (sessionId == null ? "" : sessionId) + "\n" + requestId;
    }

    String key() { return key(owner, sessionId, requestId); }

    boolean cancelled() { return cancelled.get(); }

    @Override
    public JsonNode progressToken() { return progressToken; }

    @Override
    public void notify(String method, ObjectNode params) {
        if (!NOTIFICATIONS.contains(method) || cancelled.get()) return;
        if (method.equals("notifications/message")) {
            int level = ClientRelays.LEVELS.indexOf(params.path("level").asString(""));
            if (level >= 0 && level < relays.state(sessionId).minLevel()) return;
        }
        ObjectNode message = NODES.objectNode().put("jsonrpc", "2.0").put("method", method);
        message.set("params", params);
        send(message);
    }

    @Override
    public CompletableFuture<JsonNode> request(String method, ObjectNode params) {
        String capability = CAPABILITY.get(method);
        if (capability == null) return refuse(McpError.METHOD_NOT_FOUND, "Warden does not relay " + method);
        JsonNode declared = relays.state(sessionId).capabilities();
        if (declared != null && !declared.has(capability)) {
            return refuse(McpError.METHOD_NOT_FOUND, "the client did not declare the '" + capability
                    + "' capability, so it cannot answer " + method);
        }
        if (!acceptsSse) {
            return refuse(McpError.METHOD_NOT_FOUND, "the client's tools/call did not accept text/event-stream, so "
                    + "Warden cannot send it " + method);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        String id = relays.expect(owner, answer);
        outstanding.add(answer);
        answer.whenComplete((r, e) -> outstanding.remove(answer));
        ObjectNode message = NODES.objectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        message.set("params", params);
        if (!send(message)) {
            answer.completeExceptionally(new RelayException(McpError.INTERNAL_ERROR, "the client's connection is "
                    + "gone; " + method + " could not be sent"));
        }
        return answer;
    }

    @Override
    public void onCancel(Runnable hook) {
        cancelHooks.add(hook);
        if (cancelled.get()) hook.run();
    }

    private static CompletableFuture<JsonNode> refuse(int code, String message) {
        return CompletableFuture.failedFuture(new RelayException(code, message));
    }

    /** The client cancelled the call: the upstream is told, and requests sent for it are abandoned. */
    void cancel() {
        if (!cancelled.compareAndSet(false, true)) return;
        cancelHooks.forEach(Runnable::run);
        abandonRequests();
    }

    /** Requests to the client still unanswered when the call ends get an error for the upstream. */
    void abandonRequests() {
        for (CompletableFuture<JsonNode> f : outstanding) {
            f.completeExceptionally(new RelayException(McpError.INTERNAL_ERROR, "the tool call this request belonged "
                    + "to has ended"));
        }
    }

    /**
     * The call's JSON-RPC answer: the last event of the stream when one was opened, else a JSON body. A cancelled
     * call is not answered on a stream (the client expects no answer), only ended.
     */
    synchronized void finish(ObjectNode answer) throws IOException {
        if (!streaming) {
            Wire.json(resp, 200, answer);
            return;
        }
        if (cancelled.get() || gone) return;
        try {
            write(answer);
        } catch (IOException e) {
            log.debug("client of tools/call {} left before its result: {}", requestId, e.toString());
        }
    }

    /** Writes one message as an SSE event, opening the stream first if needed; false when that is impossible. */
    private synchronized boolean send(ObjectNode message) {
        if (gone || !acceptsSse) return false;
        try {
            if (!streaming) {
                resp.setStatus(200);
                resp.setContentType("text/event-stream");
                resp.setCharacterEncoding("UTF-8");
                resp.setHeader("Cache-Control", "no-cache");
                streaming = true;
            }
            write(message);
            return true;
        } catch (IOException | IllegalStateException e) {
            gone = true; // the client went away: the call still runs to its end (a disconnect is not a cancellation)
            log.debug("client of tools/call {} is gone: {}", requestId, e.toString());
            return false;
        }
    }

    private void write(JsonNode message) throws IOException {
        OutputStream out = resp.getOutputStream();
        out.write(("event: message\ndata: " + Wire.JSON.writeValueAsString(message) + "\n\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
