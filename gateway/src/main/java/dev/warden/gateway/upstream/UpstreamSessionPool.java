package dev.warden.gateway.upstream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upstream MCP sessions one stateful Streamable HTTP server holds for gateway clients, keyed by gateway session
 * id: a client's first forwarded request ({@code tools/call}, {@code resources/read}, {@code prompts/get},
 * {@code completion/complete}) opens its own upstream session, its later requests reuse it, and the end of its
 * gateway session closes it ({@code DELETE} upstream). So a server that keeps state per session (a shell's working
 * directory, a browser tab, a transaction) keeps one client's state apart from another's, as if each had connected
 * to it directly.
 *
 * <p>At most {@code max} sessions are open per server: past that, {@link #run} answers null and the caller uses
 * the shared session (logged once per server). A session the server forgot (404) is initialized again and the
 * request that got the 404, which the server never ran, is sent again once, within its deadline. Thread-safe; no
 * lock is shared between clients, and a client's session is opened under its own lock, so two first requests of
 * one client open one session.
 *
 * <pre>{@code
 * var pool = new UpstreamSessionPool("docs", upstream::openForClient, options, 1000);
 * ToolCallOutcome out = pool.run(gatewaySessionId, timeout, "tools/call 'x'", (s, left) -> s.call("x", args, left, relay));
 * pool.end(gatewaySessionId);   // the client's gateway session ended
 * }</pre>
 */
final class UpstreamSessionPool {
    private static final Logger log = LoggerFactory.getLogger(UpstreamSessionPool.class);

    private final String name;
    private final Supplier<Upstream.Link> links;
    private final McpUpstreams.Options options;
    private final int max;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    /** Slots taken, counted apart from the map so that two new clients cannot both take the last place. */
    private final AtomicInteger taken = new AtomicInteger();
    private final AtomicBoolean warnedFull = new AtomicBoolean();
    private volatile boolean closed;
    /** The last level a client asked upstreams to log at; given to every session opened later too. */
    private volatile String loggingLevel;

    /** One gateway session's place: its upstream session once open, and the lock under which it is (re)opened. */
    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        volatile ScopedSession current;
        /** Set (under the lock) when the gateway session ended: nothing is opened for it any more. */
        boolean ended;
    }

    /**
     * @param links opens a new link for one client's session
     * @param max   how many client sessions may be open at once at this server
     */
    UpstreamSessionPool(String name, Supplier<Upstream.Link> links, McpUpstreams.Options options, int max) {
        this.name = name;
        this.links = links;
        this.options = options;
        this.max = max;
    }

    /**
     * Runs {@code request} on the upstream session of gateway session {@code scope}, opening it first if needed;
     * null when the pool is full (or closing) and the shared session must serve the request.
     *
     * @param what names the request in the log, e.g. {@code tools/call 'echo'}
     * @throws UpstreamException.Unavailable when no session could be opened, or as the request fails
     */
    <T> T run(String scope, Duration timeout, String what, BiFunction<ScopedSession, Duration, T> request) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ScopedSession s = acquire(scope, deadline);
        if (s == null) return null;
        try {
            return request.apply(s, left(deadline));
        } catch (UpstreamException.Unavailable e) {
            if (!ScopedSession.forgotten(e)) throw e;
            // The server answered 404 to the session: it never ran the request, so it is safe to send it again once
            // on a new session, within the request's own deadline.
            s.lost().complete("the server forgot the session");
            ScopedSession fresh = acquire(scope, deadline);
            if (fresh == null) throw e;
            log.info("upstream '{}' had forgotten the session of an MCP client; initialized a new one and sent {} "
                    + "again", name, what);
            return request.apply(fresh, left(deadline));
        }
    }

    /** The client's usable session, opened if it has none; null when the pool is full or closing. */
    private ScopedSession acquire(String scope, long deadline) {
        Slot slot = slots.get(scope);
        if (slot == null) {
            slot = reserve(scope);
            if (slot == null) return null;
        }
        ScopedSession s = slot.current;
        if (s != null && !s.lost().isDone()) return s;
        slot.lock.lock();
        try {
            if (slot.ended || closed) return null;
            s = slot.current;
            if (s != null && !s.lost().isDone()) return s;
            if (s != null) retire(s);
            Duration handshake = Duration.ofNanos(Math.min(options.connectTimeout().toNanos(),
                    Math.max(1_000_000, deadline - System.nanoTime())));
            s = ScopedSession.open(links.get(), name, options, handshake);
            String level = loggingLevel;
            if (level != null) s.setLoggingLevel(level, options.connectTimeout());
            slot.current = s;
            log.debug("upstream '{}': opened an MCP session for a gateway client ({} open)", name, taken.get());
            return s;
        } finally {
            slot.lock.unlock();
        }
    }

    /** A new slot for {@code scope}, or null (logged once) when {@code max} are taken. */
    private Slot reserve(String scope) {
        if (closed) return null;
        if (taken.incrementAndGet() > max) {
            taken.decrementAndGet();
            if (warnedFull.compareAndSet(false, true)) {
                log.warn("upstream '{}' holds its maximum of {} per-client MCP sessions "
                        + "(mcp.max_upstream_sessions_per_server); further clients share the gateway's own session "
                        + "with it", name, max);
            }
            return null;
        }
        Slot fresh = new Slot();
        Slot raced = slots.putIfAbsent(scope, fresh);
        if (raced != null) taken.decrementAndGet();
        return raced != null ? raced : fresh;
    }

    /**
     * The gateway session ended: its upstream session is closed in the background (the {@code DELETE} must not hold
     * up the client's own request).
     */
    void end(String scope) {
        Slot slot = slots.remove(scope);
        if (slot == null) return;
        taken.decrementAndGet();
        Thread.ofVirtual().name("upstream-" + name + "-end-session").start(() -> finish(slot));
    }

    /** Closes every client session (the connection is closing: shutdown, reload), waiting for them. */
    void closeAll() {
        closed = true;
        List<Thread> closing = new ArrayList<>();
        for (String scope : List.copyOf(slots.keySet())) {
            Slot slot = slots.remove(scope);
            if (slot == null) continue;
            taken.decrementAndGet();
            closing.add(Thread.ofVirtual().name("upstream-" + name + "-end-session").start(() -> finish(slot)));
        }
        for (Thread t : closing) {
            try {
                t.join(options.stopGrace().plusSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Forwards {@code logging/setLevel} to every open client session, and to those opened later. */
    void setLoggingLevel(String level) {
        loggingLevel = level;
        for (Slot slot : slots.values()) {
            ScopedSession s = slot.current;
            if (s != null && !s.lost().isDone()) s.setLoggingLevel(level, options.connectTimeout());
        }
    }

    /** How many client sessions hold a place at this server. */
    int size() { return taken.get(); }

    private void finish(Slot slot) {
        slot.lock.lock(); // waits for a session being opened, so that it is closed too
        try {
            slot.ended = true;
            ScopedSession s = slot.current;
            slot.current = null;
            if (s != null) {
                s.close(options.stopGrace());
                log.debug("upstream '{}': closed the MCP session of a gateway client that ended", name);
            }
        } finally {
            slot.lock.unlock();
        }
    }

    /** Closes a session that was replaced (forgotten or broken), off the request's thread. */
    private void retire(ScopedSession s) {
        Thread.ofVirtual().name("upstream-" + name + "-retire-session").start(() -> s.close(options.stopGrace()));
    }

    private static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
    }
}
