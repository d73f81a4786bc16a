package dev.warden.gateway.upstream;

import static dev.warden.gateway.upstream.Registry.args;
import static dev.warden.gateway.upstream.Registry.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.config.ServerConfig;
import dev.warden.gateway.config.ServerConfig.Transport;
import dev.warden.gateway.testing.HttpMcpTestServer;
import dev.warden.gateway.testing.HttpMcpTestServer.Received;
import dev.warden.gateway.upstream.Upstreams.Answer;
import dev.warden.gateway.upstream.Upstreams.ToolCallOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@DisplayName("Per-client upstream sessions at a stateful Streamable HTTP server")
class UpstreamSessionPoolTest {

    private HttpMcpTestServer server;

    @BeforeEach
    void startServer() {
        server = HttpMcpTestServer.start("pool");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private ServerConfig docs() {
        return Registry.http("docs", Transport.STREAMABLE_HTTP, server.streamableUrl(), Map.of());
    }

    private McpUpstreams connect(McpUpstreams.Options options, ServerConfig... servers) {
        McpUpstreams upstreams = new McpUpstreams(List.of(servers), options).start();
        upstreams.awaitFirstAttempts(Duration.ofSeconds(20));
        return upstreams;
    }

    /** A client call of gateway session {@code session}, with nothing to relay. */
    private static CallRelay of(String session) {
        return new CallRelay() {
            @Override public JsonNode progressToken() { return null; }

            @Override public void notify(String method, ObjectNode params) {}

            @Override public CompletableFuture<JsonNode> request(String method, ObjectNode params) {
                return CompletableFuture.failedFuture(new RelayException(-32601, "no client"));
            }

            @Override public void onCancel(Runnable hook) {}

            @Override public String gatewaySession() { return session; }
        };
    }

    private List<Received> posts(String rpc) {
        return server.received().stream().filter(r -> r.path().equals("/mcp") && rpc.equals(r.rpc())).toList();
    }

    private Set<String> deleted() {
        return server.received().stream().filter(r -> r.method().equals("DELETE")).map(Received::session)
                .collect(Collectors.toSet());
    }

    @Test
    void concurrentFirstCallsOfOneClientOpenOneSession() throws Exception {
        try (McpUpstreams upstreams = connect(Registry.fastOptions(), docs())) {
            List<CompletableFuture<ToolCallOutcome>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String text = "call " + i;
                calls.add(CompletableFuture.supplyAsync(() -> upstreams.callTool("docs", "echo", args("text", text),
                        Duration.ofSeconds(10), of("client-1"))));
            }
            for (var call : calls) assertThat(call.get(20, TimeUnit.SECONDS).isError()).isFalse();

            assertThat(posts("initialize")).as("the shared session and one for the client").hasSize(2);
            assertThat(posts("tools/call").stream().map(Received::session).distinct()).hasSize(1);
            assertThat(upstreams.clientSessions("docs")).isEqualTo(1);
        }
    }

    @Test
    void readsGetsAndCompletionsOfAClientUseItsSession() {
        try (McpUpstreams upstreams = connect(Registry.fastOptions(), docs())) {
            upstreams.callTool("docs", "echo", args("text", "x"), Duration.ofSeconds(5), of("client-1"));
            String own = posts("tools/call").getLast().session();

            Answer read = upstreams.readResource("docs", "docs://readme", Duration.ofSeconds(5), "client-1");
            Answer prompt = upstreams.getPrompt("docs", "greet", args("name", "Ada"), Duration.ofSeconds(5),
                    "client-1");
            ObjectNode complete = Registry.JSON.createObjectNode();
            complete.putObject("ref").put("type", "ref/prompt").put("name", "greet");
            complete.putObject("argument").put("name", "name").put("value", "A");
            Answer completion = upstreams.complete("docs", complete, Duration.ofSeconds(5), "client-1");

            assertThat(List.of(read, prompt, completion)).allMatch(a -> a instanceof Answer.Result);
            assertThat(posts("resources/read").getLast().session()).isEqualTo(own);
            assertThat(posts("prompts/get").getLast().session()).isEqualTo(own);
            assertThat(posts("completion/complete").getLast().session()).isEqualTo(own);
        }
    }

    @Test
    void closingTheUpstreamsEndsEveryClientSession() {
        McpUpstreams upstreams = connect(Registry.fastOptions(), docs());
        upstreams.callTool("docs", "echo", args("text", "a"), Duration.ofSeconds(5), of("client-a"));
        upstreams.callTool("docs", "echo", args("text", "b"), Duration.ofSeconds(5), of("client-b"));
        Set<String> own = posts("tools/call").stream().map(Received::session).collect(Collectors.toSet());
        assertThat(own).hasSize(2);

        upstreams.close();

        assertThat(deleted()).containsAll(own);
    }

    @Test
    void aReloadThatKeepsTheServerKeepsTheClientSessionsAndOneThatChangesItEndsThem() {
        try (McpUpstreams upstreams = connect(Registry.fastOptions(), docs())) {
            upstreams.callTool("docs", "echo", args("text", "a"), Duration.ofSeconds(5), of("client-a"));
            String own = posts("tools/call").getLast().session();

            upstreams.reload(List.of(docs()));
            upstreams.callTool("docs", "echo", args("text", "again"), Duration.ofSeconds(5), of("client-a"));
            assertThat(posts("tools/call").getLast().session()).isEqualTo(own);

            upstreams.reload(List.of(Registry.http("docs", Transport.STREAMABLE_HTTP, server.streamableUrl(),
                    Map.of("X-Changed", "yes"))));
            assertThat(deleted()).contains(own);
        }
    }

    @Test
    void withTheBoundAtZeroEveryClientSharesTheSession() {
        try (McpUpstreams upstreams = connect(Registry.fastOptions().withUpstreamSessionsPerServer(0), docs())) {
            upstreams.callTool("docs", "echo", args("text", "a"), Duration.ofSeconds(5), of("client-a"));
            upstreams.callTool("docs", "echo", args("text", "b"), Duration.ofSeconds(5), of("client-b"));

            assertThat(posts("initialize")).hasSize(1);
            assertThat(upstreams.clientSessions("docs")).isZero();
        }
    }

    @Test
    void endingAClientSessionDeletesItAtTheServerInTheBackground() {
        try (McpUpstreams upstreams = connect(Registry.fastOptions(), docs())) {
            upstreams.callTool("docs", "echo", args("text", "a"), Duration.ofSeconds(5), of("client-a"));
            String own = posts("tools/call").getLast().session();

            upstreams.sessionEnded("client-a");
            upstreams.sessionEnded("never-seen");

            eventually(Duration.ofSeconds(5), "the server got DELETE", () -> deleted().contains(own));
            assertThat(upstreams.clientSessions("docs")).isZero();
        }
    }
}
