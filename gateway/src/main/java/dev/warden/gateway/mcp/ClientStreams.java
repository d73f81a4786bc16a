package dev.warden.gateway.mcp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The open server-to-client streams, by session, and what the gateway pushes on them without being asked: a
 * {@code notifications/…/list_changed} when a merged list (tools, resources, prompts) changes, and messages for one
 * session (a {@code notifications/resources/updated} for a resource it subscribed to). One background virtual thread
 * compares a fingerprint of each merged list every {@code interval}, and only while at least one stream is open.
 *
 * <pre>{@code
 * ClientStreams streams = new ClientStreams(Duration.ofSeconds(2), List.of(
 *         new ClientStreams.Watched("notifications/tools/list_changed", tools::fingerprint)));
 * streams.open(sessionId, stream);    // the stream now receives list_changed notifications
 * streams.send(sessionId, message);   // false when the session has no open stream
 * }</pre>
 */
final class ClientStreams {
    private static final Logger log = LoggerFactory.getLogger(ClientStreams.class);

    /** A merged list whose changes are announced with the notification {@code method}. */
    record Watched(String method, IntSupplier fingerprint) {}

    private final Duration interval;
    private final List<Watched> watched;
    private final Map<String, SseStream> open = new ConcurrentHashMap<>();
    /** The fingerprint of each list when last compared; empty while nobody listens. */
    private final Map<String, Integer> last = new ConcurrentHashMap<>();
    private volatile boolean stopped;
    private Thread thread;

    ClientStreams(Duration interval, List<Watched> watched) {
        this.interval = interval;
        this.watched = List.copyOf(watched);
    }

    /**
     * From now on {@code stream} is the stream of {@code sessionId} and is told of list changes (compared with the
     * lists as they are at this call).
     */
    void open(String sessionId, SseStream stream) {
        open.put(sessionId, stream);
        // Computed outside any monitor: a fingerprint waits for the list fan-out.
        if (last.isEmpty()) baseline();
        synchronized (this) {
            if (thread == null && !stopped) thread = Thread.ofVirtual().name("mcp-list-watcher").start(this::run);
        }
    }

    /** Forgets {@code stream} (if it is still the session's stream: a newer GET may have replaced it). */
    void close(String sessionId, SseStream stream) { open.remove(sessionId, stream); }

    boolean isOpen(String sessionId) { return open.containsKey(sessionId); }

    /** Queues {@code message} on the session's stream; false when the session has none open. */
    boolean send(String sessionId, JsonNode message) {
        SseStream stream = open.get(sessionId);
        if (stream == null) return false;
        stream.outbox().add(message);
        return true;
    }

    void stop() {
        stopped = true;
        synchronized (this) {
            if (thread != null) thread.interrupt();
        }
    }

    private void run() {
        while (!stopped) {
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
            if (open.isEmpty()) {
                last.clear(); // nobody to tell: start afresh with the next stream
                continue;
            }
            for (Watched w : watched) {
                int now = w.fingerprint().getAsInt();
                Integer before = last.put(w.method(), now);
                if (before != null && now != before) {
                    log.info("a merged list changed; sending {} to {} open MCP streams", w.method(), open.size());
                    ObjectNode note = JsonNodeFactory.instance.objectNode().put("jsonrpc", "2.0")
                            .put("method", w.method());
                    open.values().forEach(s -> s.outbox().add(note));
                }
            }
        }
    }

    private void baseline() {
        for (Watched w : watched) last.put(w.method(), w.fingerprint().getAsInt());
    }
}
