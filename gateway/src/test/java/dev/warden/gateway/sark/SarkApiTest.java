package dev.warden.gateway.sark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.audit.AuditEvent;
import dev.warden.gateway.audit.AuditQuery;
import dev.warden.gateway.audit.SqliteAuditStore;
import dev.warden.gateway.support.FakeUpstreams;
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
import tools.jackson.databind.JsonNode;

@DisplayName("The SARK API served by Warden, over real HTTP, with the shipped policy")
class SarkApiTest {
    @TempDir
    static Path dir;
    static TestGateway sark;
    static String service;
    static String analyst;

    @BeforeAll
    static void start() {
        FakeUpstreams upstreams = new FakeUpstreams()
                .server("postgres-mcp", true, Map.of("sensitivity_level", "high"), "execute_query", "list_tables")
                .server("github-mcp", true, Map.of("sensitivity_level", "medium"), "get_repo")
                .server("docs-mcp", false, Map.of(), "search");
        sark = TestGateway.startWithPolicy(dir, TestGateway.shippedPolicy(), upstreams, """
                sark_api:
                  enabled: true
                """);
        service = sark.token("gateway-1", "admin");
        analyst = sark.token("ann", "analyst");
    }

    @AfterAll
    static void stop() { sark.close(); }

    static String authorize(String tool, String query, String userRoles) {
        return """
                {"action": "gateway:tool:invoke", "server_name": "postgres-mcp", "tool_name": "%s",
                 "parameters": {"query": "%s"},
                 "user": {"id": "dev-1", "email": "dev@example.com", "roles": %s, "teams": ["eng"]},
                 "gateway_metadata": {"request_id": "r-1", "timestamp": "2026-01-01T00:00:00Z", "source_ip": "10.0.0.1"}}
                """.formatted(tool, query, userRoles);
    }

    static List<AuditEvent> audit(String server) {
        try (SqliteAuditStore store = SqliteAuditStore.open(sark.config.audit().dbPath())) {
            return store.query(new AuditQuery(null, server, null, null, 1000));
        }
    }

    @Test
    void aServiceTokenAsksAboutTheNamedUserAndGetsAnAllowWithAllFields() {
        Response r = sark.post("/api/v1/gateway/authorize", service, authorize("execute_query", "SELECT 1",
                "[\"developer\"]"));
        assertThat(r.status()).isEqualTo(200);
        JsonNode b = r.json();
        assertThat(b.get("allow").asBoolean()).isTrue();
        assertThat(b.get("reason").asString()).contains("developer");
        assertThat(b.at("/filtered_parameters/query").asString()).isEqualTo("SELECT 1");
        assertThat(b.get("cache_ttl").asInt()).as("high sensitivity").isEqualTo(60);
        assertThat(b.at("/metadata/policy_version").asString()).hasSize(12);
        String auditId = b.get("audit_id").asString();
        assertThat(audit("postgres-mcp")).anySatisfy(e -> {
            assertThat(e.auditId()).isEqualTo(auditId);
            assertThat(e.subject()).isEqualTo("dev-1");
            assertThat(e.decision()).isEqualTo("allow");
        });
    }

    @Test
    void aDenialIs200WithAllowFalseAndNoCaching() {
        Response r = sark.post("/api/v1/gateway/authorize", service, authorize("execute_query", "DROP TABLE users",
                "[\"developer\"]"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("allow").asBoolean()).isFalse();
        assertThat(r.json().get("cache_ttl").asInt()).isZero();
        assertThat(r.json().has("audit_id")).isFalse();
        assertThat(r.json().has("filtered_parameters")).isFalse();
    }

    @Test
    void anOrdinaryTokenIsAskedAboutItselfWhateverTheBodyClaims() {
        // The body claims an admin; the analyst's own token decides: list_tables is not the analyst's.
        Response r = sark.post("/api/v1/gateway/authorize", analyst, authorize("list_tables", "", "[\"admin\"]"));
        assertThat(r.json().get("allow").asBoolean()).isFalse();
        Response same = sark.post("/api/v1/gateway/authorize", service, authorize("list_tables", "", "[\"admin\"]"));
        assertThat(same.json().get("allow").asBoolean()).isTrue();
    }

    @Test
    void refusesMissingCredentialsAndBadBodiesInTheErrorEnvelope() {
        Response none = sark.post("/api/v1/gateway/authorize", null, authorize("execute_query", "SELECT 1", "[]"));
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().at("/error/code").asString()).isEqualTo("UNAUTHORIZED");
        Response noTool = sark.post("/api/v1/gateway/authorize", service,
                "{\"action\": \"gateway:tool:invoke\", \"server_name\": \"postgres-mcp\"}");
        assertThat(noTool.status()).isEqualTo(400);
        assertThat(noTool.json().at("/error/code").asString()).isEqualTo("INVALID_REQUEST");
        assertThat(noTool.json().at("/error/message").asString()).contains("tool_name");
        Response badAction = sark.post("/api/v1/gateway/authorize", service,
                "{\"action\": \"gateway:everything\", \"server_name\": \"postgres-mcp\"}");
        assertThat(badAction.status()).isEqualTo(400);
        assertThat(badAction.json().at("/error/details/field").asString()).isEqualTo("action");
        Response badUser = sark.post("/api/v1/gateway/authorize", service, """
                {"action": "gateway:tool:invoke", "server_name": "postgres-mcp", "tool_name": "execute_query",
                 "user": {"roles": ["admin"]}}""");
        assertThat(badUser.status()).isEqualTo(400);
        assertThat(badUser.json().at("/error/message").asString()).contains("user.id");
    }

    @Test
    void listsOnlyTheServersAndToolsTheUserMayUse() {
        Response dev = sark.get("/api/v1/gateway/servers", sark.token("dev-2", "developer"));
        assertThat(dev.status()).isEqualTo(200);
        assertThat(dev.json().get("servers").findValuesAsString("name"))
                .contains("postgres-mcp", "github-mcp");
        Response ann = sark.get("/api/v1/gateway/servers", analyst);
        JsonNode servers = ann.json().get("servers");
        assertThat(servers).hasSize(1);
        assertThat(servers.get(0).get("name").asString()).isEqualTo("postgres-mcp");
        assertThat(servers.get(0).get("tools")).hasSize(1);
        assertThat(servers.get(0).at("/tools/0/name").asString()).isEqualTo("execute_query");
        assertThat(servers.get(0).at("/tools/0/allowed").asBoolean()).isTrue();
    }

    @Test
    void describesAServersToolsWithWhetherEachIsAllowedAndWhy() {
        Response r = sark.get("/api/v1/gateway/tools?server_name=postgres-mcp", analyst);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("server_name").asString()).isEqualTo("postgres-mcp");
        JsonNode tools = r.json().get("tools");
        assertThat(tools).hasSize(2);
        JsonNode listTables = tools.get(1);
        assertThat(listTables.get("name").asString()).isEqualTo("list_tables");
        assertThat(listTables.get("allowed").asBoolean()).isFalse();
        assertThat(listTables.get("reason").asString()).isNotBlank();
        assertThat(listTables.get("parameters").isObject()).isTrue();
        assertThat(sark.get("/api/v1/gateway/tools", analyst).status()).isEqualTo(400);
        Response unknown = sark.get("/api/v1/gateway/tools?server_name=nope", analyst);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().at("/error/code").asString()).isEqualTo("SERVER_NOT_FOUND");
        Response disabled = sark.get("/api/v1/gateway/tools?server_name=docs-mcp", analyst);
        assertThat(disabled.status()).as("as POST /tools/invoke answers").isEqualTo(503);
        assertThat(disabled.json().at("/error/code").asString()).isEqualTo("SERVER_DISABLED");
    }

    @Test
    void storesAReportedEventAndAnswers201() {
        Response r = sark.post("/api/v1/gateway/audit", service, """
                {"event_type": "tool_invocation", "server_name": "github-mcp", "tool_name": "get_repo",
                 "user_id": "dev-9", "authorization_decision": "allow", "timestamp": "2026-01-01T00:00:00Z",
                 "metadata": {"duration_ms": 12, "api_key": "secret-value"}}""");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("status").asString()).isEqualTo("logged");
        String id = r.json().get("audit_id").asString();
        AuditEvent stored = audit("github-mcp").stream().filter(e -> e.auditId().equals(id)).findFirst().orElseThrow();
        assertThat(stored.type()).isEqualTo(AuditEvent.Type.GATEWAY_REPORT);
        assertThat(stored.subject()).isEqualTo("dev-9");
        assertThat(stored.decision()).isEqualTo("allow");
        assertThat(stored.parameters().at("/metadata/duration_ms").asInt()).isEqualTo(12);
        assertThat(stored.parameters().toString()).doesNotContain("secret-value");
        Response bad = sark.post("/api/v1/gateway/audit", service, "{\"event_type\": \"party\"}");
        assertThat(bad.status()).isEqualTo(400);
    }

    @Test
    void onlyGatewaysReportEventsAndAReportNamingNoUserIsFiledUnderNoOne() {
        Response byUser = sark.post("/api/v1/gateway/audit", analyst, """
                {"event_type": "error", "server_name": "docs-mcp", "metadata": {"blob": "x"}}""");
        assertThat(byUser.status()).isEqualTo(403);
        assertThat(byUser.json().at("/error/message").asString()).contains("reporting audit events needs the 'admin' role");
        Response anonymous = sark.post("/api/v1/gateway/audit", service, """
                {"event_type": "authorization", "server_name": "docs-mcp", "authorization_decision": "deny",
                 "metadata": {"reason": "the token is not a well-formed JWT"}}""");
        assertThat(anonymous.status()).isEqualTo(201);
        String id = anonymous.json().get("audit_id").asString();
        AuditEvent stored = audit("docs-mcp").stream().filter(e -> e.auditId().equals(id)).findFirst().orElseThrow();
        assertThat(stored.subject()).as("not the reporting gateway").isNull();
        assertThat(stored.roles()).isEmpty();
        assertThat(stored.parameters().get("reported_by").asString()).isEqualTo("gateway-1");
    }

    @Test
    void aServiceCallerMustNameTheUserItAsksAbout() {
        Response r = sark.post("/api/v1/gateway/authorize", service, """
                {"action": "gateway:tool:invoke", "server_name": "postgres-mcp", "tool_name": "execute_query",
                 "parameters": {"query": "DROP TABLE users"}}""");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/message").asString()).contains("user").contains("required");
    }

    @Test
    void reportsItsVersionAndFeatures() {
        Response r = sark.get("/api/v1/version", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/features/gateway_integration").asBoolean()).isTrue();
        assertThat(r.json().get("status").asString()).isEqualTo("operational");
    }
}
