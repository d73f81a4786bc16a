package dev.warden.gateway.mcp;

import dev.warden.gateway.auth.Principal;
import dev.warden.gateway.upstream.CallRelay.RelayException;
import dev.warden.gateway.upstream.Upstreams;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The client-side bookkeeping of relays between MCP clients and upstreams: what each session's client can do
 * (its {@code initialize} capabilities) and which log messages it wants ({@code logging/setLevel}), the tool calls in
 * flight (so that {@code notifications/cancelled} finds them), and the requests Warden sent to clients on behalf of
 * an upstream (so that the client's answer, a separate POST, finds its way back). Thread-safe.
 *
 * <pre>{@code
 * relays.started(session.id(), params.path("capabilities"));     // at initialize
 * relays.setLevel(session.id(), "warning");                       // logging/setLevel
 * relays.cancel(owner, sessionId, requestId, reason);             // notifications/cancelled
 * relays.answer(who, response);                                   // a client's JSON-RPC response
 * }</pre>
 */
final class ClientRelays {
    /** Severity order of MCP log levels (RFC 5424), least severe first. */
    static final List<String> LEVELS = List.of("debug", "info", "notice", "warning", "error", "critical", "alert",
            "emergency");
    private static final Logger log = LoggerFactory.getLogger(ClientRelays.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Upstreams upstreams;
    private final Map<String, SessionState> sessions = new ConcurrentHashMap<>();
    private final Map<String, ClientCall> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    /** The most verbose level any client asked for; upstreams are never set less verbose than this. */
    private volatile int upstreamLevel = Integer.MAX_VALUE;

    /** What one session's client declared and asked for. */
    record SessionState(JsonNode capabilities, int minLevel) {}

    /** A request sent to a client for an upstream, awaiting the client's answer. */
    private record Pending(String owner, CompletableFuture<JsonNode> answer) {}

    ClientRelays(Upstreams upstreams) { this.upstreams = upstreams; }

    /** A session began; {@code capabilities} as its client sent them in {@code initialize}. */
    void started(String sessionId, JsonNode capabilities) {
        sessions.put(sessionId, new SessionState(capabilities, 0));
    }

    /**
     * A session ended (deleted, expired, or its legacy stream closed): its state is forgotten and the upstream
     * sessions opened for it are closed.
     */
    void ended(String sessionId) {
        sessions.remove(sessionId);
        upstreams.sessionEnded(sessionId);
    }

    /** Forgets the state of sessions that are no longer live. */
    void sweep(Predicate<String> live) { sessions.keySet().removeIf(id -> !live.test(id)); }

    /** The session's state; for a stateless request (null id), a client that declared nothing. */
    SessionState state(String sessionId) {
        SessionState s = sessionId == null ? null : sessions.get(sessionId);
        return s != null ? s : new SessionState(null, 0);
    }

    /**
     * {@code logging/setLevel}: the session's own filter, and the upstreams asked for at least this much (never less
     * than another client asked for, since their connections are shared).
     *
     * @throws McpError {@code -32602} naming the valid levels
     */
    void setLevel(String sessionId, String level) {
        int index = LEVELS.indexOf(level);
        if (index < 0) {
            throw new McpError(McpError.INVALID_PARAMS, "logging/setLevel: \"level\" must be one of " + LEVELS
                    + ", got '" + level + "'");
        }
        if (sessionId != null) {
            sessions.computeIfPresent(sessionId, (id, s) -> new SessionState(s.capabilities(), index));
        }
        boolean forward;
        synchronized (this) {
            forward = index < upstreamLevel;
            if (forward) upstreamLevel = index;
        }
        if (forward) upstreams.setLoggingLevel(level);
    }

    /**
     * Registers a call so that the client can cancel it; {@link #finished} removes it.
     *
     * @throws McpError -32600 when a call with the same request id is still in flight in the same session (MCP: a
     *                  request id is not reused within a session; a cancellation could name only one of the two).
     *                  Without a session (stateless mode) ids are each client's own, and the later call is the one
     *                  a cancellation reaches.
     */
    void started(ClientCall call) {
        if (call.sessionId() == null) {
            inFlight.put(call.key(), call);
            return;
        }
        if (inFlight.putIfAbsent(call.key(), call) != null) {
            throw new McpError(McpError.INVALID_REQUEST, "request id " + call.requestId() + " is already in use by a "
                    + "tools/call in flight in this session; give each request its own id").withId(call.requestId());
        }
    }

    void finished(ClientCall call) {
        inFlight.remove(call.key(), call);
        call.abandonRequests();
    }

    /** {@code notifications/cancelled} from a client: cancels its call with that request id, if still running. */
    void cancel(String owner, String sessionId, JsonNode requestId, String reason) {
        ClientCall call = inFlight.get(ClientCall.key(owner, sessionId, requestId));
        if (call == null) {
            log.debug("cancellation of request {} that is not in flight (finished already?)", requestId);
            return;
        }
        log.info("client cancelled tools/call {}{}", requestId, reason == null ? "" : ": " + reason);
        call.cancel();
    }

    /** A new id for a request to a client, whose answer must come from {@code owner}. */
    String expect(String owner, CompletableFuture<JsonNode> answer) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String id = "warden-" + HexFormat.of().formatHex(bytes);
        pending.put(id, new Pending(owner, answer));
        answer.whenComplete((r, e) -> pending.remove(id));
        return id;
    }

    /** A client's JSON-RPC response: completes the request Warden sent it, when it is one and came from its owner. */
    void answer(Principal who, JsonNode id, ObjectNode response) {
        Pending p = id != null && id.isString() ? pending.get(id.asString()) : null;
        if (p == null || !p.owner().equals(McpSessions.ownerKey(who))) {
            log.debug("ignoring a client response to unknown request {}", id);
            return;
        }
        JsonNode error = response.get("error");
        if (error != null && error.isObject()) {
            p.answer().completeExceptionally(new RelayException(error.path("code").asInt(McpError.INTERNAL_ERROR),
                    error.path("message").asString("the client answered with an error"), error.get("data")));
        } else {
            JsonNode result = response.get("result");
            p.answer().complete(result != null ? result : response.objectNode());
        }
    }
}
