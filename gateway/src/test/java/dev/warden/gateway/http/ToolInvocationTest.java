package dev.warden.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.audit.AuditEvent;
import dev.warden.gateway.audit.AuditQuery;
import dev.warden.gateway.audit.SqliteAuditStore;
import dev.warden.gateway.support.FakeUpstreams;
import dev.warden.gateway.support.RolePolicy;
import dev.warden.gateway.support.TestGateway;
import dev.warden.gateway.support.TestGateway.Response;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("POST /tools/invoke over real HTTP")
class ToolInvocationTest {
    @TempDir
    static Path dir;
    static FakeUpstreams upstreams;
    static TestGateway gw;
    static String developer;

    @BeforeAll
    static void start() {
        upstreams = new FakeUpstreams()
                .server("postgres-mcp", true, Map.of("sensitivity_level", "high"), "execute_query", "fail", "slow",
                        "broken")
                .server("github-mcp", false, Map.of(), "get_repo")
                .server("flaky-mcp", true, Map.of(), "ping");
        upstreams.down("flaky-mcp");
        gw = TestGateway.start(dir, upstreams, new RolePolicy(), "");
        developer = gw.token("alice", "developer");
    }

    @AfterAll
    static void stop() { gw.close(); }

    private static Response invoke(String token, String body) { return gw.post("/tools/invoke", token, body); }

    private static List<AuditEvent> auditFor(String requestIdOrNull, String server) {
        try (SqliteAuditStore store = SqliteAuditStore.open(gw.config.audit().dbPath())) {
            return store.query(new AuditQuery(null, server, null, null, 1000)).stream()
                    .filter(e -> requestIdOrNull == null || requestIdOrNull.equals(e.requestId())).toList();
        }
    }

    @Test
    void callsTheToolWithTheFilteredParametersAndReturnsItsResult() {
        Response r = invoke(developer, """
                {"server_name":"postgres-mcp","tool_name":"execute_query",
                 "parameters":{"query":"SELECT * FROM users","password":"hunter2"}}""");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("success").asBoolean()).isTrue();
        assertThat(r.json().get("error").isNull()).isTrue();
        assertThat(r.json().at("/result/structuredContent/echo/query").asString()).isEqualTo("SELECT * FROM users");
        assertThat(r.json().at("/result/structuredContent/echo").has("password")).isFalse();
        String auditId = r.json().get("audit_id").asString();
        List<AuditEvent> records = auditFor(r.header("X-Request-Id"), "postgres-mcp");
        assertThat(records).extracting(AuditEvent::type)
                .containsExactlyInAnyOrder(AuditEvent.Type.DECISION, AuditEvent.Type.TOOL_CALL);
        AuditEvent call = records.stream().filter(e -> e.auditId().equals(auditId)).findFirst().orElseThrow();
        assertThat(call.upstreamStatus()).isEqualTo("ok");
        assertThat(call.subject()).isEqualTo("alice");
        assertThat(call.roles()).containsExactly("developer");
        assertThat(call.policyVersion()).isEqualTo("v1");
        AuditEvent decision = records.stream().filter(e -> e.type() == AuditEvent.Type.DECISION).findFirst().orElseThrow();
        assertThat(decision.decision()).isEqualTo("allow");
        assertThat(decision.parameters().get("password").asString()).isEqualTo("[REDACTED]");
    }

    @Test
    void deniesDropTableWith403AndTheReasonAndRecordsTheDenial() {
        Response r = invoke(developer, """
                {"server_name":"postgres-mcp","tool_name":"execute_query","parameters":{"query":"DROP TABLE users"}}""");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().at("/error/code").asString()).isEqualTo("FORBIDDEN");
        assertThat(r.json().at("/error/message").asString()).contains("DROP");
        String auditId = r.json().at("/error/details/audit_id").asString();
        List<AuditEvent> records = auditFor(r.header("X-Request-Id"), "postgres-mcp");
        assertThat(records).singleElement().satisfies(e -> {
            assertThat(e.auditId()).isEqualTo(auditId);
            assertThat(e.decision()).isEqualTo("deny");
            assertThat(e.reason()).contains("DROP");
        });
        assertThat(upstreams.calls).noneMatch(c -> c.path("query").asString("").contains("DROP"));
    }

    @Test
    void aPolicyFailureIsADenialRecordedAsError() {
        Response r = invoke(developer, """
                {"server_name":"postgres-mcp","tool_name":"broken"}""");
        assertThat(r.status()).isEqualTo(403);
        assertThat(auditFor(r.header("X-Request-Id"), "postgres-mcp")).singleElement()
                .satisfies(e -> assertThat(e.decision()).isEqualTo("error"));
    }

    @Test
    void adminMayRunWhatDevelopersMayNot() {
        Response r = invoke(gw.token("root", "admin"), """
                {"server_name":"postgres-mcp","tool_name":"execute_query","parameters":{"query":"DROP TABLE users"}}""");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("success").asBoolean()).isTrue();
    }

    @Test
    void aToolLevelErrorIsSuccessFalseWithItsText() {
        Response r = invoke(developer, """
                {"server_name":"postgres-mcp","tool_name":"fail","parameters":{}}""");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("success").asBoolean()).isFalse();
        assertThat(r.json().get("error").asString()).isEqualTo("table missing");
        assertThat(auditFor(r.header("X-Request-Id"), "postgres-mcp")).extracting(AuditEvent::upstreamStatus)
                .contains("tool_error");
    }

    @Test
    void anUnknownServerIs404BeforeAnyPolicyRuns() {
        Response r = invoke(developer, """
                {"server_name":"nope-mcp","tool_name":"x"}""");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().at("/error/code").asString()).isEqualTo("SERVER_NOT_FOUND");
        assertThat(r.json().at("/error/details/server_name").asString()).isEqualTo("nope-mcp");
        assertThat(auditFor(r.header("X-Request-Id"), "nope-mcp")).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(AuditEvent.Type.ROUTING);
            assertThat(e.upstreamStatus()).isEqualTo("not_found");
        });
    }

    @Test
    void anUnknownToolIs404() {
        Response r = invoke(developer, """
                {"server_name":"postgres-mcp","tool_name":"drop_everything"}""");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().at("/error/code").asString()).isEqualTo("TOOL_NOT_FOUND");
    }

    @Test
    void aDisabledServerIs503() {
        Response r = invoke(developer, """
                {"server_name":"github-mcp","tool_name":"get_repo"}""");
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.json().at("/error/code").asString()).isEqualTo("SERVER_DISABLED");
        assertThat(auditFor(r.header("X-Request-Id"), "github-mcp")).singleElement()
                .satisfies(e -> assertThat(e.upstreamStatus()).isEqualTo("disabled"));
    }

    @Test
    void anUnreachableUpstreamIs502AndATimeoutIs504() {
        Response down = invoke(gw.token("root", "admin"), """
                {"server_name":"flaky-mcp","tool_name":"ping"}""");
        assertThat(down.status()).isEqualTo(502);
        assertThat(down.json().at("/error/code").asString()).isEqualTo("UPSTREAM_UNAVAILABLE");
        assertThat(down.json().at("/error/message").asString()).contains("flaky-mcp").contains("unavailable");
        assertThat(auditFor(down.header("X-Request-Id"), "flaky-mcp")).extracting(AuditEvent::upstreamStatus)
                .contains("unavailable");

        Response slow = invoke(developer, """
                {"server_name":"postgres-mcp","tool_name":"slow"}""");
        assertThat(slow.status()).isEqualTo(504);
        assertThat(slow.json().at("/error/code").asString()).isEqualTo("GATEWAY_TIMEOUT");
        assertThat(auditFor(slow.header("X-Request-Id"), "postgres-mcp")).extracting(AuditEvent::upstreamStatus)
                .contains("timeout");
    }

    @Test
    void honoursAPlainRequestIdAndReplacesAnUnsafeOne() {
        var req = java.net.http.HttpRequest.newBuilder(gw.uri("/")).header("X-Request-Id", "trace-42").GET().build();
        assertThat(gw.send(req).header("X-Request-Id")).isEqualTo("trace-42");
        var bad = java.net.http.HttpRequest.newBuilder(gw.uri("/")).header("X-Request-Id", "a b<script>").GET().build();
        assertThat(gw.send(bad).header("X-Request-Id")).matches("[0-9a-f-]{36}");
    }
}
