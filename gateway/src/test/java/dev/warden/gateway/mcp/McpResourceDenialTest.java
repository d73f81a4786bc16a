package dev.warden.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.audit.AuditEvent;
import dev.warden.gateway.audit.AuditQuery;
import dev.warden.gateway.audit.SqliteAuditStore;
import dev.warden.gateway.config.ServerRegistryLoader;
import dev.warden.gateway.support.TestGateway;
import dev.warden.gateway.support.TestGateway.Response;
import dev.warden.gateway.testing.HttpMcpTestServer;
import dev.warden.gateway.upstream.McpUpstreams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A resource or prompt the caller may list but not read or get: hidden as unknown by default, explained with the
 * policy's reason under {@code mcp.denied_tools: explain}, and audited either way. One upstream, namespacing
 * {@code on-collision}, so its URIs and prompt names reach the client unchanged.
 */
@DisplayName("Denied resource reads and prompt gets: hidden or explained, and audited")
class McpResourceDenialTest {
    static final String POLICY = """
            package mcp.gateway

            default allow := false

            allow if input.action in {"gateway:resource:list", "gateway:prompt:list"}

            allow if {
            	input.action == "gateway:resource:read"
            	input.resource_uri != "docs://secret"
            }

            allow if {
            	input.action == "gateway:prompt:get"
            	input.prompt_name == "greet"
            }

            reason := "secrets are not for reading" if {
            	input.action == "gateway:resource:read"
            	not allow
            }

            reason := "only greet may be got" if {
            	input.action == "gateway:prompt:get"
            	not allow
            }
            """;

    @TempDir
    static Path hideDir;
    @TempDir
    static Path explainDir;
    static HttpMcpTestServer upstream;
    static TestGateway hiding;
    static TestGateway explaining;

    @BeforeAll
    static void start() throws Exception {
        upstream = HttpMcpTestServer.start("docs");
        hiding = gateway(hideDir, "hide");
        explaining = gateway(explainDir, "explain");
    }

    private static TestGateway gateway(Path dir, String deniedTools) throws Exception {
        Path registry = Files.writeString(dir.resolve("mcp_servers.yaml"), """
                servers:
                  docs-mcp:
                    transport: streamable-http
                    url: %s
                """.formatted(upstream.streamableUrl()));
        McpUpstreams upstreams = new McpUpstreams(ServerRegistryLoader.load(registry)).start();
        upstreams.awaitFirstAttempts(Duration.ofSeconds(10));
        return TestGateway.startWithPolicy(dir, POLICY, upstreams, """
                mcp:
                  namespacing: on-collision
                  denied_tools: %s
                """.formatted(deniedTools));
    }

    @AfterAll
    static void stop() {
        hiding.close();
        explaining.close();
        upstream.close();
    }

    private static JsonNode call(TestGateway gw, String method, String params) {
        McpHttp mcp = new McpHttp(gw);
        String token = gw.token("eve", "viewer");
        Response r = mcp.call(token, mcp.initialize(token), 7, method, params);
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    @Test
    void aListedResourceKeepsItsUpstreamUriAndReadsWhenAllowed() {
        JsonNode list = call(hiding, "resources/list", "{}");
        assertThat(list.at("/result/resources").findValuesAsString("uri"))
                .containsExactlyInAnyOrder("docs://readme", "docs://secret");
        JsonNode read = call(hiding, "resources/read", "{\"uri\":\"docs://readme\"}");
        assertThat(read.at("/result/contents/0/text").asString()).isEqualTo("# readme of docs");
        assertThat(read.at("/result/contents/0/uri").asString()).isEqualTo("docs://readme");
    }

    @Test
    void aDeniedReadIsAnUnknownResourceWhenHiddenAndAudited() {
        JsonNode error = call(hiding, "resources/read", "{\"uri\":\"docs://secret\"}").get("error");
        assertThat(error.get("code").asInt()).isEqualTo(-32002);
        assertThat(error.get("message").asString()).isEqualTo("Resource not found: docs://secret");
        assertThat(audit(hiding)).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo(AuditEvent.Type.DECISION);
            assertThat(e.action()).isEqualTo("gateway:resource:read");
            assertThat(e.tool()).isEqualTo("docs://secret");
            assertThat(e.decision()).isEqualTo("deny");
            assertThat(e.reason()).isEqualTo("secrets are not for reading");
        });
        assertThat(audit(hiding)).as("the upstream was never asked")
                .filteredOn(e -> e.type() == AuditEvent.Type.RESOURCE_READ && "docs://secret".equals(e.tool()))
                .isEmpty();
    }

    @Test
    void aDeniedReadSaysWhyWhenExplained() {
        JsonNode error = call(explaining, "resources/read", "{\"uri\":\"docs://secret\"}").get("error");
        assertThat(error.get("code").asInt()).isEqualTo(-32012);
        assertThat(error.get("message").asString()).isEqualTo("denied by policy: secrets are not for reading");
        assertThat(error.at("/data/uri").asString()).isEqualTo("docs://secret");
    }

    @Test
    void aDeniedPromptIsUnknownWhenHiddenAndExplainedOtherwise() {
        JsonNode hidden = call(hiding, "prompts/get", "{\"name\":\"quote\"}").get("error");
        assertThat(hidden.get("code").asInt()).isEqualTo(-32602);
        assertThat(hidden.get("message").asString()).isEqualTo("Unknown prompt: quote");
        JsonNode explained = call(explaining, "prompts/get", "{\"name\":\"quote\"}").get("error");
        assertThat(explained.get("code").asInt()).isEqualTo(-32012);
        assertThat(explained.get("message").asString()).isEqualTo("denied by policy: only greet may be got");
        JsonNode allowed = call(explaining, "prompts/get", "{\"name\":\"greet\",\"arguments\":{\"name\":\"Eve\"}}");
        assertThat(allowed.at("/result/messages/0/content/text").asString()).isEqualTo("Hello, Eve, from docs");
    }

    @Test
    void badParametersAreInvalidParamsNamingTheProblem() {
        assertThat(call(hiding, "resources/read", "{}").at("/error/message").asString())
                .isEqualTo("resources/read: \"uri\" is required");
        assertThat(call(hiding, "prompts/get", "{\"name\":\"greet\",\"arguments\":{\"name\":3}}")
                .at("/error/message").asString()).isEqualTo("prompts/get: argument \"name\" must be a string");
        assertThat(call(hiding, "resources/list", "{\"cursor\":\"abc\"}").at("/error/code").asInt()).isEqualTo(-32602);
        assertThat(call(hiding, "completion/complete", "{\"ref\":{\"type\":\"ref/tool\"}}").at("/error/message")
                .asString()).contains("\"ref.type\" must be \"ref/prompt\" or \"ref/resource\"");
    }

    private static List<AuditEvent> audit(TestGateway gw) {
        try (SqliteAuditStore store = SqliteAuditStore.open(gw.config.audit().dbPath())) {
            return store.query(new AuditQuery("eve", null, null, null, 1000));
        }
    }
}
