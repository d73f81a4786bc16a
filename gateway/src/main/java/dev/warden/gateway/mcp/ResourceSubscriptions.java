package dev.warden.gateway.mcp;

import dev.warden.gateway.routing.ResourceCatalog.Target;
import dev.warden.gateway.upstream.Upstreams;
import dev.warden.gateway.upstream.Upstreams.Answer;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Which client sessions subscribed to which upstream resource. The gateway holds one upstream subscription per
 * resource, however many sessions want it: the first subscriber makes the gateway subscribe, the last one leaving
 * makes it unsubscribe. An update the upstream announces is sent, under the URI the client knows, to each subscribed
 * session's stream. A session that has ended (deleted, expired, its legacy stream closed) is dropped at the next
 * update of its resource, or when any session subscribes (a sweep in the background), releasing the upstream
 * subscription it was the last to hold.
 *
 * <pre>{@code
 * ResourceSubscriptions subs = new ResourceSubscriptions(upstreams, streams, sessions::live, resources::exposed);
 * upstreams.addListener(subs);
 * subs.subscribe(sessionId, new Target("docs", "file:///README.md"), timeout);
 * }</pre>
 */
final class ResourceSubscriptions implements Upstreams.Listener {
    private static final Logger log = LoggerFactory.getLogger(ResourceSubscriptions.class);
    private static final Duration UNSUBSCRIBE_TIMEOUT = Duration.ofSeconds(10);

    private final Upstreams upstreams;
    private final ClientStreams streams;
    private final Predicate<String> live;
    private final Function<Target, String> exposed;
    /**
     * Sessions per resource, with the lock that orders its subscribe and unsubscribe calls upstream (a lock, not a
     * monitor: the upstream call may wait, and a virtual thread must not pin its carrier meanwhile). Entries are
     * never removed, so that a resource keeps one lock.
     */
    private final Map<Target, Subscribers> sessions = new ConcurrentHashMap<>();

    private record Subscribers(ReentrantLock lock, Set<String> ids) {
        Subscribers() { this(new ReentrantLock(), new LinkedHashSet<>()); }
    }

    /**
     * @param live    whether a session id still stands for a session
     * @param exposed the URI clients see for a server's resource
     */
    ResourceSubscriptions(Upstreams upstreams, ClientStreams streams, Predicate<String> live,
                          Function<Target, String> exposed) {
        this.upstreams = upstreams;
        this.streams = streams;
        this.live = live;
        this.exposed = exposed;
    }

    /** Subscribes the session; only the first subscriber of a resource reaches the upstream. */
    Answer subscribe(String session, Target target, Duration timeout) {
        Thread.ofVirtual().name("mcp-subscriptions-sweep").start(this::sweep);
        Subscribers subscribers = sessions.computeIfAbsent(target, t -> new Subscribers());
        subscribers.lock().lock();
        try {
            if (!subscribers.ids().isEmpty()) {
                subscribers.ids().add(session);
                return new Answer.Result(JsonNodeFactory.instance.objectNode());
            }
            Answer answer = upstreams.subscribeResource(target.server(), target.uri(), timeout);
            if (answer instanceof Answer.Result) subscribers.ids().add(session);
            return answer;
        } finally {
            subscribers.lock().unlock();
        }
    }

    /** Unsubscribes the session; the last subscriber leaving ends the upstream subscription. */
    void unsubscribe(String session, Target target) {
        Subscribers subscribers = sessions.get(target);
        if (subscribers == null) return;
        subscribers.lock().lock();
        try {
            if (subscribers.ids().remove(session) && subscribers.ids().isEmpty()) release(target);
        } finally {
            subscribers.lock().unlock();
        }
    }

    /** Called by the upstream connection: tell the subscribed sessions, off the SDK's thread. */
    @Override
    public void resourceUpdated(String server, String uri) {
        Target target = new Target(server, uri);
        if (!sessions.containsKey(target)) return;
        Thread.ofVirtual().name("mcp-resource-updated").start(() -> deliver(target));
    }

    private void deliver(Target target) {
        Subscribers subscribers = sessions.get(target);
        List<String> now;
        subscribers.lock().lock();
        try {
            if (subscribers.ids().isEmpty()) return;
            subscribers.ids().removeIf(live.negate());
            if (subscribers.ids().isEmpty()) {
                release(target);
                return;
            }
            now = List.copyOf(subscribers.ids());
        } finally {
            subscribers.lock().unlock();
        }
        ObjectNode note = JsonNodeFactory.instance.objectNode().put("jsonrpc", "2.0")
                .put("method", "notifications/resources/updated");
        note.putObject("params").put("uri", exposed.apply(target));
        int sent = 0;
        for (String session : now) {
            if (streams.send(session, note)) sent++;
        }
        log.debug("resource {} of '{}' updated; told {} of {} subscribed sessions", target.uri(), target.server(),
                sent, now.size());
    }

    /** Drops the sessions that ended, releasing the subscriptions nobody holds any more. */
    private void sweep() {
        sessions.forEach((target, subscribers) -> {
            subscribers.lock().lock();
            try {
                if (subscribers.ids().removeIf(live.negate()) && subscribers.ids().isEmpty()) release(target);
            } finally {
                subscribers.lock().unlock();
            }
        });
    }

    private void release(Target target) {
        try {
            if (upstreams.unsubscribeResource(target.server(), target.uri(), UNSUBSCRIBE_TIMEOUT)
                    instanceof Answer.Refused r) {
                log.debug("upstream '{}' refused to unsubscribe from {}: {}", target.server(), target.uri(), r.message());
            }
        } catch (RuntimeException e) {
            log.debug("unsubscribing from {} of '{}' failed: {}", target.uri(), target.server(), e.getMessage());
        }
    }
}
