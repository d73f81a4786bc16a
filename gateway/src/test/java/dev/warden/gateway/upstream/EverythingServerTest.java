package dev.warden.gateway.upstream;

import static dev.warden.gateway.upstream.Registry.args;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.upstream.Upstreams.ToolCallOutcome;
import dev.warden.gateway.upstream.Upstreams.ToolInfo;
import dev.warden.gateway.upstream.Upstreams.UpstreamStatus.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The reference server {@code @modelcontextprotocol/server-everything} over stdio, installed by {@code npm ci} in
 * {@code gateway/src/test/node} (the CI script does it). Skipped, with a message, when it is not installed.
 */
class EverythingServerTest {

    static final Path SERVER = Path.of("src/test/node/node_modules/@modelcontextprotocol/server-everything/dist/index.js");
    static McpUpstreams upstreams;

    @BeforeAll
    static void start() {
        if (!Files.isRegularFile(SERVER)) {
            String message = "SKIPPED: server-everything is not installed; run `npm ci` in gateway/src/test/node";
            System.err.println(message);
            Assumptions.abort(message);
        }
        upstreams = new McpUpstreams(List.of(Registry.stdio("everything", "node",
                List.of(SERVER.toAbsolutePath().toString(), "stdio"), Map.of("WARDEN_TEST_MARKER", "present"))),
                Registry.fastOptions()).start();
        upstreams.awaitFirstAttempts(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (upstreams != null) {
            upstreams.close();
        }
    }

    @Test
    void connectsAndListsTheReferenceTools() {
        assertThat(upstreams.status("everything").state()).isEqualTo(State.CONNECTED);
        assertThat(upstreams.tools("everything")).extracting(ToolInfo::name).contains("echo", "get-sum", "get-env");
    }

    @Test
    void callsEchoAndSum() {
        ToolCallOutcome echo = upstreams.callTool("everything", "echo", args("message", "hello"), Duration.ofSeconds(10));
        assertThat(echo.content().get(0).get("text").asString()).isEqualTo("Echo: hello");
        ToolCallOutcome sum = upstreams.callTool("everything", "get-sum", args("a", 2, "b", 3), Duration.ofSeconds(10));
        assertThat(sum.content().get(0).get("text").asString()).contains("5");
    }

    @Test
    void theChildSeesOnlyTheMinimalEnvironment() {
        ToolCallOutcome env = upstreams.callTool("everything", "get-env", args(), Duration.ofSeconds(10));
        JsonNode vars = Registry.JSON.readTree(env.content().get(0).get("text").asString());
        assertThat(vars.propertyNames()).contains("WARDEN_TEST_MARKER")
                .allMatch(name -> List.of("PATH", "HOME", "LANG", "WARDEN_TEST_MARKER").contains(name));
    }

    @Test
    void anUnknownToolIsAToolLevelError() {
        ToolCallOutcome out = upstreams.callTool("everything", "no-such-tool", args(), Duration.ofSeconds(10));
        assertThat(out.isError()).isTrue();
    }

    @Test
    void listsItsResourcesTemplatesAndPromptsAndReadsAndGetsThem() {
        assertThat(upstreams.resources("everything")).extracting(Upstreams.ResourceInfo::uri)
                .anyMatch(uri -> uri.startsWith("demo://resource/static/document/"));
        assertThat(upstreams.resourceTemplates("everything")).extracting(Upstreams.ResourceTemplateInfo::uriTemplate)
                .contains("demo://resource/dynamic/text/{resourceId}");
        assertThat(upstreams.prompts("everything")).extracting(Upstreams.PromptInfo::name)
                .contains("simple-prompt", "args-prompt");
        Upstreams.Answer read = upstreams.readResource("everything", "demo://resource/dynamic/text/1",
                Duration.ofSeconds(10));
        assertThat(read).isInstanceOfSatisfying(Upstreams.Answer.Result.class, r -> assertThat(
                r.result().at("/contents/0/uri").asString()).isEqualTo("demo://resource/dynamic/text/1"));
        Upstreams.Answer prompt = upstreams.getPrompt("everything", "args-prompt", args("city", "Oslo"),
                Duration.ofSeconds(10));
        assertThat(prompt).isInstanceOfSatisfying(Upstreams.Answer.Result.class, r -> assertThat(
                r.result().at("/messages/0/content/text").asString()).contains("Oslo"));
    }

    @Test
    void anUnknownPromptIsTheServersOwnJsonRpcError() {
        Upstreams.Answer answer = upstreams.getPrompt("everything", "no-such-prompt", args(), Duration.ofSeconds(10));
        assertThat(answer).isInstanceOfSatisfying(Upstreams.Answer.Refused.class, r -> {
            assertThat(r.code()).isEqualTo(-32602);
            assertThat(r.message()).contains("no-such-prompt");
        });
    }
}
