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
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The live MCP sessions of this gateway instance, in memory. A session is bound to the principal that created it
 * (never authenticate by session id alone): looking it up with another principal's token finds nothing, exactly
 * like an unknown id. Sessions unused for the idle timeout are forgotten; whoever made the table is told of every
 * session that ends, so that its upstream sessions are closed. Thread-safe.
 *
 * <pre>{@code
 * McpSession s = sessions.create(principal, "2025-11-25", clientInfo);   // header Mcp-Session-Id: s.id()
 * sessions.find(s.id(), principal);                                       // Optional.of(s), and touches it
 * sessions.end(s.id(), principal);                                        // DELETE /mcp
 * }</pre>
 */
final class McpSessions {
    private static final Logger log = LoggerFactory.getLogger(McpSessions.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final Duration idleTimeout;
    private final int maxSessions;
    private final int maxPerOwner;
    private final Clock clock;
    /** When the table was last reported full (WARN at most once a minute, however many are refused). */
    private volatile Instant lastFullWarning = Instant.MIN;
    private final Consumer<String> onEnd;
    private volatile Thread sweeper;

    private record Entry(McpSession session, Instant lastUsed) {}

    McpSessions(Duration idleTimeout, int maxSessions, Clock clock) {
        this(idleTimeout, maxSessions, maxSessions, clock, id -> { });
    }

    /**
     * @param onEnd told the id of every session that ends, however it ends (deleted, found expired, swept); it
     *              closes what the session held elsewhere (its upstream sessions) and must return quickly
     */
    McpSessions(Duration idleTimeout, int maxSessions, int maxPerOwner, Clock clock, Consumer<String> onEnd) {
        this.idleTimeout = idleTimeout;
        this.maxSessions = maxSessions;
        this.maxPerOwner = maxPerOwner;
        this.clock = clock;
        this.onEnd = onEnd;
    }

    /**
     * Sweeps expired sessions every {@code interval} from now on, so that a client that vanished without DELETE
     * releases what its session held within about one idle timeout.
     */
    synchronized void startSweeping(Duration interval) {
        if (sweeper != null) return;
        sweeper = Thread.ofVirtual().name("mcp-session-sweeper").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(interval);
                } catch (InterruptedException e) {
                    return;
                }
                sweep();
            }
        });
    }

    /** Stops the sweeper (the gateway is stopping). */
    synchronized void stopSweeping() {
        if (sweeper != null) sweeper.interrupt();
        sweeper = null;
    }

    /**
     * A new session for {@code who}.
     *
     * @throws McpError HTTP 429 when {@code who}'s subject holds {@code mcp.max_sessions_per_subject} live sessions,
     *                  HTTP 503 when the gateway holds {@code mcp.max_sessions}: one caller cannot take every session
     *                  and lock everyone else out
     */
    McpSession create(Principal who, String protocolVersion, JsonNode clientInfo) {
        String owner = ownerKey(who);
        if (sessions.size() >= maxSessions || heldBy(owner) >= maxPerOwner) sweep();
        if (heldBy(owner) >= maxPerOwner) {
            throw McpError.http(429, McpError.INVALID_REQUEST, "you hold the maximum of " + maxPerOwner + " MCP sessions"
                    + " per user (mcp.max_sessions_per_subject); end unused ones with DELETE /mcp, or let them expire");
        }
        if (sessions.size() >= maxSessions) {
            Instant now = clock.instant();
            if (lastFullWarning.isBefore(now.minus(Duration.ofMinutes(1)))) {
                lastFullWarning = now;
                log.warn("MCP sessions: the gateway holds its maximum of {} (mcp.max_sessions); initialize is refused"
                        + " until sessions end or expire", maxSessions);
            }
            throw McpError.http(503, McpError.INTERNAL_ERROR, "the gateway holds its maximum of " + maxSessions
                    + " MCP sessions; end unused sessions with DELETE /mcp or retry later");
        }
        Instant now = clock.instant();
        McpSession session = new McpSession(newId(), owner, protocolVersion, clientInfo, now);
        sessions.put(session.id(), new Entry(session, now));
        return session;
    }

    /** The live session with this id owned by {@code who}, marked as used now; empty when unknown or expired. */
    Optional<McpSession> find(String id, Principal who) {
        Entry e = sessions.get(id);
        if (e == null || !e.session().owner().equals(ownerKey(who))) return Optional.empty();
        Instant now = clock.instant();
        if (expired(e, now)) {
            if (sessions.remove(id, e)) ended(id);
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
        if (sessions.remove(id) == null) return false;
        ended(id);
        return true;
    }

    int size() { return sessions.size(); }

    /** The sessions this owner holds (counted when one is created: initialize is rare next to the calls). */
    private int heldBy(String owner) {
        if (maxPerOwner >= maxSessions) return 0; // no share smaller than the whole table
        int n = 0;
        for (Entry e : sessions.values()) if (e.session().owner().equals(owner)) n++;
        return n;
    }

    /** Drops every expired session (called when the table is full, and periodically by the endpoint). */
    void sweep() {
        Instant now = clock.instant();
        sessions.forEach((id, e) -> {
            if (expired(e, now) && sessions.remove(id, e)) ended(id);
        });
    }

    private void ended(String id) {
        try {
            onEnd.accept(id);
        } catch (RuntimeException e) {
            log.warn("cleaning up after MCP session {}… failed", id.substring(0, Math.min(8, id.length())), e);
        }
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
