package dev.warden.gateway.sark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.audit.AuditEvent;
import dev.warden.gateway.audit.AuditQuery;
import dev.warden.gateway.audit.SqliteAuditStore;
import dev.warden.gateway.auth.Principal;
import dev.warden.gateway.authz.Decision;
import dev.warden.gateway.authz.DecisionRequest;
import dev.warden.gateway.support.FakeUpstreams;
import dev.warden.gateway.support.ScriptedHttpServer;
import dev.warden.gateway.support.TestGateway;
import dev.warden.gateway.support.TestGateway.Response;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The headline: a Warden in {@code sark} mode asking a second Warden that serves the SARK API, both
 * listening on free ports and talking real HTTP, plus the faults a remote engine must survive.
 */
@DisplayName("A Warden in sark mode asking another Warden serving the SARK API")
class SarkModeTest {
    @TempDir
    static Path sarkDir;
    @TempDir
    static Path gatewayDir;
    static TestGateway sark;
    static TestGateway gateway;
    static FakeUpstreams upstreams;
    static String developer;

    static String invoke(String query) {
        return "{\"server_name\":\"postgres-mcp\",\"tool_name\":\"execute_query\",\"parameters\":{\"query\":\""
                + query + "\"}}";
    }

    @BeforeAll
    static void start() {
        sark = TestGateway.startWithPolicy(sarkDir, TestGateway.shippedPolicy(), new FakeUpstreams()
                .server("postgres-mcp", true, Map.of("sensitivity_level", "high"), "execute_query"), """
                sark_api:
                  enabled: true
                """);
        upstreams = new FakeUpstreams().server("postgres-mcp", true, Map.of("sensitivity_level", "high"),
                "execute_query");
        gateway = TestGateway.start(gatewayDir, upstreams, null, """
                authz:
                  engine: sark
                sark:
                  url: %s
                  timeout: 2s
                  api_key: %s
                """.formatted(sark.uri(""), sark.token("warden-gateway", "admin")));
        developer = gateway.token("dev-1", "developer");
    }

    @AfterAll
    static void stop() {
        gateway.close();
        sark.close();
    }

    static List<AuditEvent> audit(TestGateway gw, String subject) {
        try (SqliteAuditStore store = SqliteAuditStore.open(gw.config.audit().dbPath())) {
            return store.query(new AuditQuery(subject, null, null, null, 1000));
        }
    }

    @Test
    void resourceAndPromptQuestionsAreAnsweredByTheRemoteWardensPolicy() {
        var engine = new dev.warden.gateway.authz.SarkDecisionEngine(new dev.warden.gateway.config.WardenConfig
                .SarkSettings(sark.uri(""), java.time.Duration.ofSeconds(2), sark.token("warden-gateway", "admin"), null));
        var context = new DecisionRequest.Context("req-r", java.time.Instant.now(), "127.0.0.1");
        var developer = new Principal("dev-2", null, List.of("developer"), List.of());
        var analyst = new Principal("ann-2", null, List.of("analyst"), List.of());
        var empty = JsonNodeFactory.instance.objectNode();
        Decision read = engine.decide(new DecisionRequest(DecisionRequest.RESOURCE_READ, "postgres-mcp",
                "db://schema", empty, developer, Map.of(), context));
        assertThat(read.allow()).as(read.reason()).isTrue();
        assertThat(read.reason()).isEqualTo("Allowed: developer role can read postgres-mcp:db://schema");
        Decision get = engine.decide(new DecisionRequest(DecisionRequest.PROMPT_GET, "github-mcp", "review",
                empty, analyst, Map.of(), context));
        assertThat(get.unavailable()).as(get.reason()).isFalse();
        assertThat(get.allow()).isFalse();
        assertThat(get.reason()).isEqualTo("Denied: analyst role cannot get github-mcp:review");
    }

    @Test
    void selectIsAllowedDropIsDeniedAndBothSidesAudit() {
        Response select = gateway.post("/tools/invoke", developer, invoke("SELECT * FROM orders"));
        assertThat(select.status()).isEqualTo(200);
        assertThat(select.json().get("success").asBoolean()).isTrue();
        assertThat(upstreams.calls).anySatisfy(a -> assertThat(a.get("query").asString())
                .isEqualTo("SELECT * FROM orders"));

        Response drop = gateway.post("/tools/invoke", developer, invoke("DROP TABLE orders"));
        assertThat(drop.status()).isEqualTo(403);
        assertThat(drop.json().at("/error/code").asString()).isEqualTo("FORBIDDEN");
        assertThat(drop.json().at("/error/message").asString()).contains("destructive");
        assertThat(upstreams.calls).noneSatisfy(a -> assertThat(a.get("query").asString()).startsWith("DROP"));

        var health = gateway.get("/health", null).json();
        assertThat(health.at("/components/policy_engine/engine").asString()).isEqualTo("sark");
        assertThat(health.at("/components/policy_engine/status").asString()).isEqualTo("ok");
        assertThat(health.at("/components/policy_engine/cache/misses").asLong()).isPositive();
        List<AuditEvent> here = audit(gateway, "dev-1");
        assertThat(here).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo(AuditEvent.Type.DECISION);
            assertThat(e.decision()).isEqualTo("allow");
        });
        assertThat(here).anySatisfy(e -> {
            assertThat(e.decision()).isEqualTo("deny");
            assertThat(e.reason()).contains("destructive");
        });
        assertThat(here).anySatisfy(e -> assertThat(e.type()).isEqualTo(AuditEvent.Type.TOOL_CALL));
        List<AuditEvent> there = audit(sark, "dev-1").stream().filter(e -> e.type() == AuditEvent.Type.DECISION)
                .toList();
        assertThat(there).anySatisfy(e -> {
            assertThat(e.decision()).isEqualTo("allow");
            assertThat(e.parameters().get("query").asString()).isEqualTo("SELECT * FROM orders");
        });
        assertThat(there).anySatisfy(e -> assertThat(e.decision()).isEqualTo("deny"));
    }

    @Test
    void aSecondIdenticalAllowedCallDoesNotReachTheServiceButADenialIsAskedEveryTime() {
        String dev = gateway.token("dev-cache", "developer");
        gateway.post("/tools/invoke", dev, invoke("SELECT 42"));
        gateway.post("/tools/invoke", dev, invoke("SELECT 42"));
        gateway.post("/tools/invoke", dev, invoke("DROP TABLE t"));
        gateway.post("/tools/invoke", dev, invoke("DROP TABLE t"));
        List<AuditEvent> asked = audit(sark, "dev-cache").stream()
                .filter(e -> e.type() == AuditEvent.Type.DECISION).toList(); // not the records forwarded to it
        assertThat(asked.stream().filter(e -> "allow".equals(e.decision()))).hasSize(1);
        assertThat(asked.stream().filter(e -> "deny".equals(e.decision()))).hasSize(2);
        assertThat(audit(gateway, "dev-cache").stream().filter(e -> e.type() == AuditEvent.Type.TOOL_CALL))
                .hasSize(2);
    }

    @Test
    void theGatewayForwardsItsOwnAuditRecordsToTheServiceCachedDecisionsIncluded() throws Exception {
        String dev = gateway.token("dev-forward", "developer");
        assertThat(gateway.post("/tools/invoke", dev, invoke("SELECT 7")).status()).isEqualTo(200);
        assertThat(gateway.post("/tools/invoke", dev, invoke("SELECT 7")).status()).isEqualTo(200); // from the cache
        assertThat(gateway.post("/tools/invoke", dev, invoke("DROP TABLE x")).status()).isEqualTo(403);
        List<AuditEvent> local = audit(gateway, "dev-forward");
        assertThat(local).hasSize(5); // two allowed decisions, two tool calls, one denial

        List<AuditEvent> reported = eventually(() -> audit(sark, "dev-forward").stream()
                .filter(e -> e.type() == AuditEvent.Type.GATEWAY_REPORT).toList(), 5);
        assertThat(reported).extracting(e -> e.parameters().at("/metadata/audit_id").asString())
                .containsExactlyInAnyOrderElementsOf(local.stream().map(AuditEvent::auditId).toList());
        assertThat(reported).allSatisfy(e -> {
            assertThat(e.server()).isEqualTo("postgres-mcp");
            assertThat(e.tool()).isEqualTo("execute_query");
            assertThat(e.parameters().at("/reported_by").asString()).isEqualTo("warden-gateway");
        });
        assertThat(reported).filteredOn(e -> e.action().equals("tool_invocation")).hasSize(2)
                .allSatisfy(e -> assertThat(e.parameters().at("/metadata/upstream_status").asString()).isEqualTo("ok"));
        assertThat(reported).filteredOn(e -> e.action().equals("authorization")).extracting(AuditEvent::decision)
                .containsExactlyInAnyOrder("allow", "allow", "deny");
        assertThat(reported).filteredOn(e -> "deny".equals(e.decision())).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("destructive"));

        var forwarding = gateway.get("/health", null).json().at("/components/audit_store/forwarding");
        assertThat(forwarding.get("target").asString()).endsWith("/api/v1/gateway/audit");
        assertThat(forwarding.get("sent").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(forwarding.get("dropped").asLong()).isZero();
    }

    /** Polls until {@code query} returns {@code size} records (forwarding is asynchronous). */
    static List<AuditEvent> eventually(java.util.function.Supplier<List<AuditEvent>> query, int size)
            throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        List<AuditEvent> got = query.get();
        while (got.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(50);
            got = query.get();
        }
        return got;
    }

    @Test
    void whenTheServiceIsDownSlowOrAnsweringGarbageEveryCallIsA503DenialAndAudited(@TempDir Path a,
            @TempDir Path b, @TempDir Path c) throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (ScriptedHttpServer slow = new ScriptedHttpServer().reply(new ScriptedHttpServer.Reply(200,
                "{\"allow\": true}", 3_000));
             ScriptedHttpServer garbage = new ScriptedHttpServer().reply(200, "<html>maintenance</html>")) {
            assertUnavailable(a, "http://127.0.0.1:" + closed, "refused the connection");
            assertUnavailable(b, slow.uri().toString(), "did not answer within 500 ms");
            assertUnavailable(c, garbage.uri().toString(), "not JSON");
        }
    }

    private static void assertUnavailable(Path dir, String url, String why) {
        FakeUpstreams local = new FakeUpstreams().server("postgres-mcp", true, Map.of(), "execute_query");
        try (TestGateway gw = TestGateway.start(dir, local, null, """
                authz:
                  engine: sark
                sark:
                  url: %s
                  timeout: 500ms
                """.formatted(url))) {
            String token = gw.token("dev-1", "developer");
            for (int i = 0; i < 2; i++) {
                Response r = gw.post("/tools/invoke", token, invoke("SELECT 1"));
                assertThat(r.status()).isEqualTo(503);
                assertThat(r.json().at("/error/code").asString()).isEqualTo("GATEWAY_NOT_ENABLED");
                assertThat(r.json().at("/error/message").asString()).contains(why);
            }
            assertThat(local.calls).isEmpty();
            var health = gw.get("/health", null).json();
            assertThat(health.get("status").asString()).isEqualTo("degraded");
            assertThat(health.at("/components/policy_engine/status").asString()).isEqualTo("unavailable");
            assertThat(health.at("/components/policy_engine/detail").asString()).contains(why);
            List<AuditEvent> records = audit(gw, "dev-1");
            assertThat(records).hasSize(2).allSatisfy(e -> {
                assertThat(e.decision()).isEqualTo("error");
                assertThat(e.reason()).contains(why);
            });
        }
    }
}
