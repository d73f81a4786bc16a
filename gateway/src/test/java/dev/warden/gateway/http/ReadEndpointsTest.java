package dev.warden.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.support.FakeUpstreams;
import dev.warden.gateway.support.RolePolicy;
import dev.warden.gateway.support.TestGateway;
import dev.warden.gateway.support.TestGateway.Response;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

@DisplayName("GET /, /health, /servers and /audit")
class ReadEndpointsTest {
    @TempDir
    static Path dir;
    static FakeUpstreams upstreams;
    static TestGateway gw;

    @BeforeAll
    static void start() {
        upstreams = new FakeUpstreams()
                .server("postgres-mcp", true, Map.of("sensitivity_level", "high"), "execute_query", "list_tables")
                .server("github-mcp", true, Map.of(), "get_repo")
                .server("old-mcp", false, Map.of(), "x")
                .server("flaky-mcp", true, Map.of(), "ping");
        upstreams.down("flaky-mcp");
        gw = TestGateway.start(dir, upstreams, new RolePolicy(), "");
    }

    @AfterAll
    static void stop() { gw.close(); }

    @Test
    void rootNamesTheGatewayAndItsVersion() {
        JsonNode root = gw.get("/", null).json();
        assertThat(root.get("name").asString()).contains("Warden");
        assertThat(root.get("status").asString()).isEqualTo("running");
        assertThat(root.get("version").asString()).isNotBlank();
    }

    @Test
    void healthReportsEachComponentAndIsDegradedWhenAnUpstreamIsDown() {
        Response r = gw.get("/health", null);
        assertThat(r.status()).isEqualTo(200);
        JsonNode h = r.json();
        assertThat(h.get("status").asString()).isEqualTo("degraded");
        assertThat(h.at("/components/policy_engine/policy_version").asString()).isEqualTo("v1");
        assertThat(h.at("/components/audit_store/status").asString()).isEqualTo("writable");
        assertThat(h.at("/components/upstreams/postgres-mcp/status").asString()).isEqualTo("connected");
        assertThat(h.at("/components/upstreams/old-mcp/status").asString()).isEqualTo("disabled");
        assertThat(h.at("/components/upstreams/flaky-mcp/status").asString()).isEqualTo("down");
        assertThat(h.at("/components/upstreams/flaky-mcp/detail").asString()).contains("exited");
    }

    @Test
    void aDeveloperSeesOnlyTheServersAndToolsThePolicyLetsThemList() {
        JsonNode body = gw.get("/servers?include_tools=true", gw.token("alice", "developer")).json();
        assertThat(body.get("total").asInt()).isEqualTo(1);
        JsonNode pg = body.get("servers").get(0);
        assertThat(pg.get("name").asString()).isEqualTo("postgres-mcp");
        assertThat(pg.get("url").asString()).isEqualTo("stdio:demo-postgres-mcp");
        assertThat(pg.get("tools")).extracting(t -> t.get("name").asString())
                .containsExactly("execute_query", "list_tables");
        assertThat(pg.get("allowed_actions").toString()).contains("gateway:tool:invoke");
    }

    @Test
    void anAdminSeesEveryEnabledServerAndToolsOnlyWhenAsked() {
        JsonNode body = gw.get("/servers", gw.token("root", "admin")).json();
        assertThat(body.get("servers")).extracting(s -> s.get("name").asString())
                .containsExactly("postgres-mcp", "github-mcp", "flaky-mcp");
        assertThat(body.get("servers").get(0).has("tools")).isFalse();
        assertThat(body.get("servers").get(2).get("status").asString()).isEqualTo("down");
    }

    @Test
    void aCallerWithNoRoleSeesNothing() {
        JsonNode body = gw.get("/servers?include_tools=true", gw.token("eve")).json();
        assertThat(body.get("total").asInt()).isZero();
    }

    @Test
    void aHeadRequestIsAnsweredAsItsGetWithoutTheBody() {
        Response root = gw.send(java.net.http.HttpRequest.newBuilder(gw.uri("/"))
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(root.status()).isEqualTo(200);
        assertThat(root.body()).isEmpty();
        assertThat(root.header("Content-Type")).startsWith("application/json");
        Response anonymous = gw.send(java.net.http.HttpRequest.newBuilder(gw.uri("/servers"))
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(anonymous.status()).as("no token, as for GET").isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
        Response developer = gw.send(java.net.http.HttpRequest.newBuilder(gw.uri("/audit"))
                .header("Authorization", "Bearer " + gw.token("alice", "developer"))
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(developer.status()).as("admins only, as for GET").isEqualTo(403);
        assertThat(developer.body()).isEmpty();
    }

    @Test
    void theAuditTrailIsForAdminsOnlyAndFiltersByUserAndDecision() {
        gw.post("/tools/invoke", gw.token("bob", "developer"),
                "{\"server_name\":\"postgres-mcp\",\"tool_name\":\"execute_query\",\"parameters\":{\"query\":\"DROP TABLE t\",\"api_key\":\"k-123\"}}");
        Response forbidden = gw.get("/audit", gw.token("bob", "developer"));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.json().at("/error/message").asString()).contains("admin");

        Response r = gw.get("/audit?user=bob&decision=deny&limit=10", gw.token("root", "admin"));
        assertThat(r.status()).isEqualTo(200);
        JsonNode events = r.json().get("events");
        assertThat(events).isNotEmpty().allSatisfy(e -> {
            assertThat(e.at("/user/id").asString()).isEqualTo("bob");
            assertThat(e.get("decision").asString()).isEqualTo("deny");
        });
        JsonNode drop = events.get(0);
        assertThat(drop.get("reason").asString()).contains("DROP");
        assertThat(drop.at("/parameters/api_key").asString()).isEqualTo("[REDACTED]");
        assertThat(r.body()).doesNotContain("k-123");

        assertThat(gw.get("/audit?since=yesterday", gw.token("root", "admin")).status()).isEqualTo(400);
        Response farPast = gw.get("/audit?since=-999999999-01-01T00:00:00Z", gw.token("root", "admin"));
        assertThat(farPast.status()).as("an instant beyond 64-bit milliseconds").isEqualTo(400);
        assertThat(farPast.json().at("/error/details/field").asString()).isEqualTo("since");
        assertThat(gw.get("/audit?since=%2B999999999-12-31T23:59:59Z", gw.token("root", "admin")).status())
                .isEqualTo(400);
        assertThat(gw.get("/audit?limit=0", gw.token("root", "admin")).json().at("/error/details/field").asString())
                .isEqualTo("limit");
        assertThat(gw.get("/audit?limit=%EF%BC%91%EF%BC%92", gw.token("root", "admin")).status())
                .as("full-width digits").isEqualTo(400);
        Response twice = gw.get("/audit?user=alice&user=bob", gw.token("root", "admin"));
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.json().at("/error/message").asString()).contains("given 2 times");
    }
}
