package dev.warden.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.gateway.auth.Principal;
import dev.warden.gateway.config.ServerConfig;
import dev.warden.gateway.upstream.CallRelay.RelayException;
import dev.warden.gateway.upstream.Upstreams;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/** The client-side bookkeeping of relays: levels, answers to relayed requests, and cancellations, per owner. */
class ClientRelaysTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Principal ALICE = new Principal("alice", "alice@example.com", List.of("developer"), List.of());
    private static final Principal MALLORY = new Principal("mallory", "m@example.com", List.of("developer"), List.of());

    private final List<String> forwardedLevels = new CopyOnWriteArrayList<>();
    private final ClientRelays relays = new ClientRelays(new LevelRecorder());

    @Test
    void anUnknownLogLevelIsRefusedNamingTheValidOnes() {
        assertThatThrownBy(() -> relays.setLevel("s1", "verbose")).isInstanceOf(McpError.class)
                .hasMessageContaining("'verbose'").hasMessageContaining("debug, info, notice, warning");
        assertThat(forwardedLevels).isEmpty();
    }

    @Test
    void upstreamsAreOnlyEverAskedForMoreVerboseLogging() {
        relays.setLevel("s1", "warning");
        relays.setLevel("s2", "error");   // less verbose than asked before: the upstreams keep warning
        relays.setLevel("s3", "debug");
        relays.setLevel("s1", "info");
        assertThat(forwardedLevels).containsExactly("warning", "debug");
    }

    @Test
    void eachSessionKeepsItsOwnLevelAndCapabilities() {
        relays.started("s1", JSON.readTree("{\"sampling\":{}}"));
        relays.started("s2", JSON.readTree("{}"));
        relays.setLevel("s1", "error");
        assertThat(relays.state("s1").minLevel()).isEqualTo(ClientRelays.LEVELS.indexOf("error"));
        assertThat(relays.state("s2").minLevel()).isZero();
        assertThat(relays.state("s1").capabilities().has("sampling")).isTrue();
        relays.ended("s1");
        assertThat(relays.state("s1").capabilities()).isNull();
    }

    @Test
    void aRelayedRequestIsCompletedOnlyByAnAnswerFromItsOwner() throws Exception {
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        String id = relays.expect(McpSessions.ownerKey(ALICE), answer);
        relays.answer(MALLORY, StringNode.valueOf(id), response(id, "{\"result\":{\"text\":\"forged\"}}"));
        assertThat(answer).isNotDone();
        relays.answer(ALICE, StringNode.valueOf(id), response(id, "{\"result\":{\"text\":\"genuine\"}}"));
        assertThat(answer.get().path("text").asString()).isEqualTo("genuine");
    }

    @Test
    void anErrorAnswerFailsTheRelayedRequestWithTheClientsCodeAndMessage() {
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        String id = relays.expect(McpSessions.ownerKey(ALICE), answer);
        relays.answer(ALICE, StringNode.valueOf(id), response(id,
                "{\"error\":{\"code\":-1,\"message\":\"User rejected sampling request\"}}"));
        assertThatThrownBy(answer::get).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(RelayException.class).hasMessage("User rejected sampling request")
                .satisfies(e -> assertThat(((RelayException) e).code()).isEqualTo(-1));
    }

    @Test
    void aCancellationReachesOnlyTheOwnersCallWithThatRequestId() {
        ClientCall call = new ClientCall(relays, "alice", "s1", JSON.readTree("7"), null, null, true);
        AtomicInteger cancelled = new AtomicInteger();
        call.onCancel(cancelled::incrementAndGet);
        relays.started(call);
        relays.cancel("mallory", "s1", JSON.readTree("7"), "not yours");
        relays.cancel("alice", "s1", JSON.readTree("8"), "another request");
        assertThat(cancelled).hasValue(0);
        relays.cancel("alice", "s1", JSON.readTree("7"), "user pressed stop");
        relays.cancel("alice", "s1", JSON.readTree("7"), "twice");
        assertThat(cancelled).hasValue(1);
        assertThat(call.cancelled()).isTrue();
        relays.finished(call);
    }

    private static ObjectNode response(String id, String rest) {
        ObjectNode message = (ObjectNode) JSON.readTree(rest);
        message.put("jsonrpc", "2.0").put("id", id);
        return message;
    }

    /** Upstreams that only record the log levels they are asked for. */
    private final class LevelRecorder implements Upstreams {
        @Override public List<ServerConfig> servers() { return List.of(); }

        @Override public Optional<ServerConfig> server(String name) { return Optional.empty(); }

        @Override public UpstreamStatus status(String name) { throw new IllegalArgumentException(name); }

        @Override public List<ToolInfo> tools(String server) { return List.of(); }

        @Override public ToolCallOutcome callTool(String server, String tool, ObjectNode arguments, Duration timeout) {
            throw new UnsupportedOperationException("no calls in this test");
        }

        @Override public void setLoggingLevel(String level) { forwardedLevels.add(level); }

        @Override public void close() {}
    }
}
