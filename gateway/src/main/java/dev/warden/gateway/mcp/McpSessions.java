package dev.warden.gateway.mcp;

import dev.warden.gateway.auth.Principal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * The live MCP sessions of this gateway instance, in memory. A session is bound to the principal that created it
 * (never authenticate by session id alone): looking it up with another principal's token finds nothing, exactly
 * like an unknown id. Sessions unused for the idle timeout are forgotten. Thread-safe.
 *
 * <pre>{@code
 * McpSession s = sessions.create(principal, "2025-11-25", clientInfo);   // header Mcp-Session-Id: s.id()
 * sessions.find(s.id(), principal);                                       // Optional.of(s), and touches it
 * sessions.end(s.id(), principal);                                        // DELETE /mcp
 * }</pre>
 */
final class McpSessions {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final Duration idleTimeout;
    private final int maxSessions;
    private final Clock clock;

    private record Entry(McpSession session, Instant lastUsed) {}

    McpSessions(Duration idleTimeout, int maxSessions, Clock clock) {
        this.idleTimeout = idleTimeout;
        this.maxSessions = maxSessions;
        this.clock = clock;
    }

    /**
     * A new session for {@code who}.
     *
     * @throws McpError when {@code mcp.max_sessions} sessions are live
     */
    McpSession create(Principal who, String protocolVersion, JsonNode clientInfo) {
        if (sessions.size() >= maxSessions) {
            sweep();
            if (sessions.size() >= maxSessions) {
                throw new McpError(McpError.INTERNAL_ERROR, "the gateway holds its maximum of " + maxSessions
                        + " MCP sessions; end unused sessions with DELETE /mcp or retry later");
            }
        }
        Instant now = clock.instant();
        McpSession session = new McpSession(newId(), ownerKey(who), protocolVersion, clientInfo, now);
        sessions.put(session.id(), new Entry(session, now));
        return session;
    }

    /** The live session with this id owned by {@code who}, marked as used now; empty when unknown or expired. */
    Optional<McpSession> find(String id, Principal who) {
        Entry e = sessions.get(id);
        if (e == null || !e.session().owner().equals(ownerKey(who))) return Optional.empty();
        Instant now = clock.instant();
        if (expired(e, now)) {
            sessions.remove(id, e);
            return Optional.empty();
        }
        sessions.replace(id, e, new Entry(e.session(), now));
        return Optional.of(e.session());
    }

    /** Whether the session still exists and has not expired (without counting this as a use). */
    boolean live(String id) {
        Entry e = sessions.get(id);
        return e != null && !expired(e, clock.instant());
    }

    /** Ends the session; false when {@code who} has no live session with this id. */
    boolean end(String id, Principal who) {
        if (find(id, who).isEmpty()) return false;
        return sessions.remove(id) != null;
    }

    int size() { return sessions.size(); }

    /** Drops every expired session (called when the table is full, and periodically by the endpoint). */
    void sweep() {
        Instant now = clock.instant();
        sessions.entrySet().removeIf(e -> expired(e.getValue(), now));
    }

    private boolean expired(Entry e, Instant now) { return e.lastUsed().plus(idleTimeout).isBefore(now); }

    /** The identity a session is bound to: the token's subject (the same user on a fresh token keeps it). */
    static String ownerKey(Principal who) { return who.subject(); }

    private static String newId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
