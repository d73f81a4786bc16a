package dev.warden.gateway.mcp;

import dev.warden.gateway.upstream.CallRelay;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
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
 * <p>Messages come from the upstream's transport threads; once there is one, a writer thread of this call sends
 * them and then the answer, so that a slow client never holds up the upstream connection. A client that goes away
 * does not cancel the call (MCP: a disconnect is not a cancellation), unless it speaks revision 2026-07-28
 * ({@link #stateless}), where closing the stream is how a client cancels.
 */
final class ClientCall implements CallRelay {
    private static final Logger log = LoggerFactory.getLogger(ClientCall.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Which capability a client must have declared for each relayed request. */
    static final Map<String, String> CAPABILITY = Map.of("sampling/createMessage", "sampling",
            "elicitation/create", "elicitation", "roots/list", "roots");
    private static final Set<String> NOTIFICATIONS = Set.of("notifications/progress", "notifications/message");
    private static final ObjectNode END = NODES.objectNode();

    private final ClientRelays relays;
    private final String owner;
    private final String sessionId;
    private final JsonNode requestId;
    private final JsonNode progressToken;
    private final HttpServletResponse resp;
    private final boolean acceptsSse;
    /** The legacy transport's session stream, which carries everything instead of the POST's response; or null. */
    private final Consumer<ObjectNode> sessionStream;
    /**
     * The least severe log level to relay, from the request itself (revision 2026-07-28); -1 for the session's
     * ({@code logging/setLevel}).
     */
    private final int ownMinLevel;
    /**
     * For one POST of a client of revision 2026-07-28 ({@link StatelessCall} is the call across its POSTs): what
     * runs when the client closes the response, which cancels the call in that revision; null otherwise.
     */
    private final Runnable onGone;
    private final List<Runnable> cancelHooks = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<JsonNode>> outstanding = new CopyOnWriteArrayList<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    /** Messages for the writer thread, ending with {@link #END}. */
    private final BlockingQueue<ObjectNode> pending = new LinkedBlockingQueue<>();
    private Thread writer;
    private boolean finished;
    private boolean gone;

    /** A call over Streamable HTTP: relayed messages go on the POST's response, {@code resp}. */
    ClientCall(ClientRelays relays, String owner, String sessionId, JsonNode requestId, JsonNode progressToken,
               HttpServletResponse resp, boolean acceptsSse) {
        this(relays, owner, sessionId, requestId, progressToken, resp, acceptsSse, null, null, -1);
    }

    /**
     * One POST of a call from a client of revision 2026-07-28, which has no session: relayed notifications go on its
     * response, log messages only from {@code minLogLevel} up (past the last level: none); the client closing the
     * response runs {@code onGone} (in that revision, a cancellation). Requests to the client do not come here:
     * {@link StatelessCall} turns them into {@code input_required} results.
     */
    static ClientCall stateless(ClientRelays relays, String owner, JsonNode requestId, JsonNode progressToken,
                                HttpServletResponse resp, boolean acceptsSse, int minLogLevel, Runnable onGone) {
        return new ClientCall(relays, owner, null, requestId, progressToken, resp, acceptsSse, null, onGone,
                minLogLevel);
    }

    /** A call over the legacy HTTP+SSE transport: relayed messages and the answer go on the session's stream. */
    ClientCall(ClientRelays relays, String owner, String sessionId, JsonNode requestId, JsonNode progressToken,
               Consumer<ObjectNode> sessionStream) {
        this(relays, owner, sessionId, requestId, progressToken, null, true, sessionStream, null, -1);
    }

    private ClientCall(ClientRelays relays, String owner, String sessionId, JsonNode requestId,
                       JsonNode progressToken, HttpServletResponse resp, boolean acceptsSse,
                       Consumer<ObjectNode> sessionStream, Runnable onGone, int ownMinLevel) {
        this.sessionStream = sessionStream;
        this.onGone = onGone;
        this.ownMinLevel = ownMinLevel;
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

    String sessionId() { return sessionId; }

    JsonNode requestId() { return requestId; }

    boolean cancelled() { return cancelled.get(); }

    @Override
    public JsonNode progressToken() { return progressToken; }

    @Override
    public void notify(String method, ObjectNode params) {
        if (!NOTIFICATIONS.contains(method) || cancelled.get()) return;
        if (method.equals("notifications/message")) {
            int level = ClientRelays.LEVELS.indexOf(params.path("level").asString(""));
            if (onGone != null ? level < ownMinLevel : level >= 0 && level < relays.state(sessionId).minLevel()) return;
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

    /** The client's session: a stateful upstream runs the call on that session's own upstream session. */
    @Override
    public String gatewaySession() { return sessionId; }

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
     * call is not answered on a stream (the client expects no answer), only ended; one that had opened no stream
     * gets an empty one, or, from a client that takes no event stream, the answer after all. Returns once everything is
     * written (or the client is gone), since the response ends when the request's thread returns.
     */
    /**
     * Answers with an error that refuses the request as a whole: with the error's HTTP status when nothing was sent
     * yet, else as the last event of the stream.
     */
    void fail(McpError e) throws IOException {
        synchronized (this) {
            if (writer == null && sessionStream == null) {
                finished = true;
                Wire.error(resp, requestId, e);
                return;
            }
        }
        finish(JsonRpc.error(requestId, e));
    }

    void finish(ObjectNode answer) throws IOException {
        Thread writing;
        synchronized (this) {
            finished = true;
            if (sessionStream != null) {
                if (!cancelled.get()) sessionStream.accept(answer);
                return;
            }
            if (writer == null) {
                if (cancelled.get() && acceptsSse && !gone) { // no answer to a cancelled request: an empty stream
                    resp.setStatus(200);
                    resp.setContentType("text/event-stream");
                    resp.setHeader("Cache-Control", "no-cache");
                    return;
                }
                Wire.json(resp, 200, answer);
                return;
            }
            if (!cancelled.get()) pending.add(answer);
            pending.add(END);
            writing = writer;
        }
        try {
            writing.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Queues one message for the client; false when it cannot be sent. Over Streamable HTTP a writer thread of
     * this call sends the queue as SSE events, so that a slow client holds up only its own call, never the upstream
     * connection's reader that relays to every client.
     */
    private synchronized boolean send(ObjectNode message) {
        if (finished) return false;
        if (sessionStream != null) {
            sessionStream.accept(message);
            return true;
        }
        if (gone || !acceptsSse) return false;
        if (writer == null) writer = Thread.ofVirtual().name("mcp-relay-" + requestId).start(this::writeAll);
        pending.add(message);
        return true;
    }

    /** The writer: opens the event stream, then writes queued messages until the end of the call. */
    private void writeAll() {
        try {
            resp.setStatus(200);
            resp.setContentType("text/event-stream");
            resp.setCharacterEncoding("UTF-8");
            resp.setHeader("Cache-Control", "no-cache");
            resp.setHeader("X-Accel-Buffering", "no"); // a proxy in between must not hold events back
            OutputStream out = resp.getOutputStream();
            for (ObjectNode next = pending.take(); next != END; next = pending.take()) {
                out.write(("event: message\ndata: " + Wire.JSON.writeValueAsString(next) + "\n\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException | IllegalStateException e) {
            // The client went away: the call still runs to its end (a disconnect is not a cancellation), except for
            // a client of revision 2026-07-28, whose way to cancel is closing the stream.
            synchronized (this) {
                gone = true;
            }
            log.debug("client of tools/call {} is gone: {}", requestId, e.toString());
            if (onGone != null) onGone.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
