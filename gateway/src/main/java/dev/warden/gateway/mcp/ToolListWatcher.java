package dev.warden.gateway.mcp;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tells open client streams when the merged tool list changes ({@code notifications/tools/list_changed}): an
 * upstream added, removed or changed a tool, or an upstream came or went. One background virtual thread compares
 * a fingerprint of the merged list every {@code interval}, and only while at least one stream is open.
 *
 * <pre>{@code
 * ToolListWatcher watcher = new ToolListWatcher(tools::fingerprint, Duration.ofSeconds(2));
 * watcher.subscribe(stream);   // the stream now receives list_changed notifications
 * }</pre>
 */
final class ToolListWatcher {
    private static final Logger log = LoggerFactory.getLogger(ToolListWatcher.class);
    private static final ObjectNode LIST_CHANGED = JsonNodeFactory.instance.objectNode().put("jsonrpc", "2.0")
            .put("method", "notifications/tools/list_changed");

    private final IntSupplier fingerprint;
    private final Duration interval;
    private final Set<SseStream> subscribers = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;
    private volatile Integer last;
    private Thread thread;

    ToolListWatcher(IntSupplier fingerprint, Duration interval) {
        this.fingerprint = fingerprint;
        this.interval = interval;
    }

    /** From now on {@code stream} is told of changes (compared with the list as it is at this call). */
    void subscribe(SseStream stream) {
        subscribers.add(stream);
        if (last == null) last = fingerprint.getAsInt();
        synchronized (this) {
            if (thread == null && !stopped) thread = Thread.ofVirtual().name("mcp-tool-list-watcher").start(this::run);
        }
    }

    void unsubscribe(SseStream stream) { subscribers.remove(stream); }

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
            if (subscribers.isEmpty()) {
                last = null; // nobody to tell: start afresh with the next subscriber
                continue;
            }
            int now = fingerprint.getAsInt();
            Integer before = last;
            if (before != null && now != before) {
                log.info("the merged tool list changed; notifying {} open MCP streams", subscribers.size());
                subscribers.forEach(s -> s.outbox().add(LIST_CHANGED));
            }
            last = now;
        }
    }
}
