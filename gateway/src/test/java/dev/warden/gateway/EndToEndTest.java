package dev.warden.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.support.TestGateway;
import dev.warden.gateway.support.TestGateway.Response;
import dev.warden.gateway.testing.HttpMcpTestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The whole gateway with nothing replaced: the shipped Rego policy in the embedded engine, a real MCP server over
 * Streamable HTTP registered as {@code postgres-mcp}, minted tokens, SQLite audit, real HTTP.
 */
@DisplayName("End to end: real policy, real MCP upstream, real HTTP")
class EndToEndTest {
    @TempDir
    static Path dir;
    static HttpMcpTestServer upstream;
    static TestGateway gw;
    static String admin;
    static String developer;

    @BeforeAll
    static void start() throws IOException {
        upstream = HttpMcpTestServer.start();
        Files.writeString(dir.resolve("mcp_servers.yaml"), """
                servers:
                  postgres-mcp:
                    transport: streamable-http
                    url: %s
                    description: A real MCP server over Streamable HTTP
                    timeout: 1s
                    metadata: {sensitivity_level: high}
                  github-mcp:
                    transport: streamable-http
                    url: http://127.0.0.1:9/mcp
                    enabled: false
                """.formatted(upstream.streamableUrl()));
        gw = TestGateway.startReal(dir, "servers:\n  config: mcp_servers.yaml\n");
        admin = gw.token("root", "admin");
        developer = gw.token("alice", "developer");
        eventually(() -> gw.get("/health", null).json().at("/components/upstreams/postgres-mcp/status").asString()
                .equals("connected"));
    }

    @AfterAll
    static void stop() {
        gw.close();
        upstream.close();
    }

    static void eventually(Supplier<Boolean> condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.get()) {
            if (Instant.now().isAfter(deadline)) throw new AssertionError("condition not met within 20 s");
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static Response invoke(String token, String tool, String params) {
        return gw.post("/tools/invoke", token, "{\"server_name\":\"postgres-mcp\",\"tool_name\":\"" + tool
                + "\",\"parameters\":" + params + "}");
    }

    @Test
    void anAdminCallsARealToolAndGetsItsStructuredResult() {
        Response r = invoke(admin, "add", "{\"a\":2,\"b\":3}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("success").asBoolean()).isTrue();
        assertThat(r.json().at("/result/structuredContent/sum").asDouble()).isEqualTo(5.0);
        assertThat(r.json().at("/result/content/0/text").asString()).isEqualTo("5.0");
    }

    @Test
    void theShippedPolicyDeniesADeveloperATheToolItDoesNotGrant() {
        Response r = invoke(developer, "echo", "{\"text\":\"hi\"}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().at("/error/message").asString())
                .isEqualTo("Denied: developer role cannot invoke postgres-mcp:echo");
    }

    @Test
    void listingFollowsThePolicy() {
        JsonNode forAdmin = gw.get("/servers?include_tools=true", admin).json();
        assertThat(forAdmin.at("/servers/0/tools")).extracting(t -> t.get("name").asString())
                .contains("echo", "add", "slow", "fail");
        assertThat(gw.get("/servers?include_tools=true", developer).json().get("total").asInt()).isZero();
    }

    @Test
    void aToolErrorATimeoutAndAnOutageAreReportedClearlyAndTheUpstreamRecovers() {
        Response failed = invoke(admin, "fail", "{}");
        assertThat(failed.json().get("success").asBoolean()).isFalse();
        assertThat(failed.json().get("error").asString()).isEqualTo("this tool always fails");

        Response slow = invoke(admin, "slow", "{\"ms\":3000}");
        assertThat(slow.status()).isEqualTo(504);
        assertThat(slow.json().at("/error/code").asString()).isEqualTo("GATEWAY_TIMEOUT");

        upstream.stop();
        eventually(() -> invoke(admin, "echo", "{\"text\":\"x\"}").status() == 502);
        Response down = invoke(admin, "echo", "{\"text\":\"x\"}");
        assertThat(down.json().at("/error/code").asString()).isEqualTo("UPSTREAM_UNAVAILABLE");
        assertThat(down.json().at("/error/message").asString()).contains("postgres-mcp");

        upstream.restart();
        eventually(() -> invoke(admin, "echo", "{\"text\":\"back\"}").status() == 200);
        assertThat(invoke(admin, "echo", "{\"text\":\"back\"}").json().at("/result/content/0/text").asString())
                .isEqualTo("back");
    }

    @Test
    void aDisabledServerIs503AndTheAuditTrailHasEveryOutcome() {
        Response disabled = gw.post("/tools/invoke", admin, "{\"server_name\":\"github-mcp\",\"tool_name\":\"get_repo\"}");
        assertThat(disabled.status()).isEqualTo(503);
        invoke(admin, "add", "{\"a\":1,\"b\":1,\"api_key\":\"sk-live-123\"}");
        JsonNode audit = gw.get("/audit?user=root&limit=1000", admin).json();
        assertThat(audit.get("events")).extracting(e -> e.get("upstream_status").asString(""))
                .contains("disabled", "ok");
        assertThat(audit.toString()).doesNotContain("sk-live-123");
        assertThat(audit.get("events").get(0).get("policy_version").asString()).hasSize(12);
    }
}
