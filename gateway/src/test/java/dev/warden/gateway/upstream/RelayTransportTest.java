package dev.warden.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class RelayTransportTest {

    /** The SDK's transport underneath: the test hands it what "the upstream" sends. */
    static final class Upstream implements McpClientTransport {
        Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> inbound;

        @Override
        public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
            inbound = handler;
            return Mono.empty();
        }

        void sends(McpSchema.JSONRPCMessage m) { inbound.apply(Mono.just(m)).block(); }

        @Override public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) { return Mono.empty(); }

        @Override public Mono<Void> closeGracefully() { return Mono.empty(); }

        @Override public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) { return null; }
    }

    /** A calling client: what reached it. */
    static final class Client implements CallRelay {
        final List<String> got = new CopyOnWriteArrayList<>();

        @Override public JsonNode progressToken() { return JsonNodeFactory.instance.stringNode("p-1"); }

        @Override public void notify(String method, ObjectNode params) { got.add(method + " " + params); }

        @Override public void onCancel(Runnable cancel) {}

        @Override
        public CompletableFuture<JsonNode> request(String method, ObjectNode params) {
            got.add(method);
            return new CompletableFuture<>();
        }
    }

    @Test
    void aLogMessageThatNamesNoCallIsNotGivenToTheOnlyCallInFlightButARequestIs() {
        Upstream upstream = new Upstream();
        RelayTransport relay = new RelayTransport(upstream, "everything");
        List<McpSchema.JSONRPCMessage> toSdk = new CopyOnWriteArrayList<>();
        relay.connect(in -> in.doOnNext(toSdk::add).then(Mono.empty())).block();
        Client alice = new Client();
        relay.register(alice);

        // Over stdio a log line says nothing of the call it is about: here, another user's subscription.
        upstream.sends(new McpSchema.JSONRPCNotification("notifications/message", Map.of("level", "info",
                "data", "Received Subscribe Resource request for URI: demo://root-private")));
        assertThat(alice.got).as("another user's log line").isEmpty();
        assertThat(toSdk).hasSize(1);

        // A request is what a running tool asks, and the one call in flight is waiting for its answer.
        upstream.sends(new McpSchema.JSONRPCRequest("2.0", "sampling/createMessage", 7, Map.of("messages", List.of(),
                "maxTokens", 10)));
        assertThat(alice.got).containsExactly("sampling/createMessage");
    }

    @Test
    void aResourceUpdateGoesToWardensSubscriptionsWithItsUriAndNeverToTheSdkWhichWouldReadTheResource() {
        Upstream upstream = new Upstream();
        RelayTransport relay = new RelayTransport(upstream, "everything");
        List<McpSchema.JSONRPCMessage> toSdk = new CopyOnWriteArrayList<>();
        List<String> updated = new CopyOnWriteArrayList<>();
        relay.onResourceUpdated(updated::add);
        relay.connect(in -> in.doOnNext(toSdk::add).then(Mono.empty())).block();

        upstream.sends(new McpSchema.JSONRPCNotification("notifications/resources/updated",
                Map.of("uri", "demo://resource/7")));
        assertThat(updated).containsExactly("demo://resource/7");
        assertThat(toSdk).isEmpty();
    }
}
