package dev.warden.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.routing.ResourceCatalog.Target;
import dev.warden.gateway.support.FakeUpstreams;
import dev.warden.gateway.upstream.Upstreams.Answer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

@DisplayName("Resource subscriptions: one upstream subscription per resource, updates to each subscribed session")
class ResourceSubscriptionsTest {
    static final Target README = new Target("docs", "docs://readme");
    static final Duration TIMEOUT = Duration.ofSeconds(1);

    /** Records subscribe and unsubscribe calls instead of making them. */
    static final class CountingUpstreams extends FakeUpstreamsAdapter {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public Answer subscribeResource(String server, String uri, Duration timeout) {
            calls.add("subscribe " + uri);
            return new Answer.Result(JsonNodeFactory.instance.objectNode());
        }

        @Override
        public Answer unsubscribeResource(String server, String uri, Duration timeout) {
            calls.add("unsubscribe " + uri);
            return new Answer.Result(JsonNodeFactory.instance.objectNode());
        }
    }

    /** Delegates the abstract methods to a {@link FakeUpstreams} with one server. */
    abstract static class FakeUpstreamsAdapter implements dev.warden.gateway.upstream.Upstreams {
        private final FakeUpstreams fake = new FakeUpstreams().server("docs", true, Map.of());

        @Override public List<dev.warden.gateway.config.ServerConfig> servers() { return fake.servers(); }

        @Override
        public java.util.Optional<dev.warden.gateway.config.ServerConfig> server(String name) {
            return fake.server(name);
        }

        @Override public UpstreamStatus status(String name) { return fake.status(name); }

        @Override public List<ToolInfo> tools(String server) { return fake.tools(server); }

        @Override
        public ToolCallOutcome callTool(String server, String tool, tools.jackson.databind.node.ObjectNode arguments,
                                        Duration timeout) {
            return fake.callTool(server, tool, arguments, timeout);
        }

        @Override public void close() { }
    }

    private final CountingUpstreams upstreams = new CountingUpstreams();
    private final ClientStreams streams = new ClientStreams(Duration.ofHours(1), List.of());
    private final Set<String> live = ConcurrentHashMap.newKeySet();
    private final ResourceSubscriptions subscriptions = new ResourceSubscriptions(upstreams, streams, live::contains,
            t -> "warden://" + t.server() + "/" + t.uri());

    private SseStream session(String id) {
        live.add(id);
        SseStream stream = new SseStream();
        streams.open(id, stream);
        return stream;
    }

    @Test
    void theFirstSubscriberSubscribesUpstreamAndTheLastToLeaveUnsubscribes() {
        session("a");
        session("b");
        subscriptions.subscribe("a", README, TIMEOUT);
        subscriptions.subscribe("b", README, TIMEOUT);
        assertThat(upstreams.calls).containsExactly("subscribe docs://readme");
        subscriptions.unsubscribe("a", README);
        assertThat(upstreams.calls).containsExactly("subscribe docs://readme");
        subscriptions.unsubscribe("b", README);
        assertThat(upstreams.calls).containsExactly("subscribe docs://readme", "unsubscribe docs://readme");
    }

    @Test
    void anUpdateReachesEverySubscribedSessionUnderTheClientsUri() throws InterruptedException {
        SseStream a = session("a");
        SseStream b = session("b");
        SseStream other = session("c");
        subscriptions.subscribe("a", README, TIMEOUT);
        subscriptions.subscribe("b", README, TIMEOUT);
        subscriptions.resourceUpdated("docs", "docs://readme");
        for (SseStream s : List.of(a, b)) {
            JsonNode note = s.outbox().poll(5, TimeUnit.SECONDS);
            assertThat(note).isNotNull();
            assertThat(note.get("method").asString()).isEqualTo("notifications/resources/updated");
            assertThat(note.at("/params/uri").asString()).isEqualTo("warden://docs/docs://readme");
        }
        assertThat(other.outbox()).isEmpty();
    }

    @Test
    void anEndedSessionIsDroppedAtTheNextUpdateAndReleasesTheUpstreamSubscription() throws InterruptedException {
        session("gone");
        subscriptions.subscribe("gone", README, TIMEOUT);
        live.remove("gone");
        subscriptions.resourceUpdated("docs", "docs://readme");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!upstreams.calls.contains("unsubscribe docs://readme") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(upstreams.calls).containsExactly("subscribe docs://readme", "unsubscribe docs://readme");
    }
}
