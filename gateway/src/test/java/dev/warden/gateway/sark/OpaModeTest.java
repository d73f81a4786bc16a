package dev.warden.gateway.sark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.auth.Principal;
import dev.warden.gateway.authz.Decision;
import dev.warden.gateway.authz.DecisionRequest;
import dev.warden.gateway.authz.EmbeddedPolicyEngine;
import dev.warden.gateway.authz.OpaDecisionEngine;
import dev.warden.gateway.support.FakeUpstreams;
import dev.warden.gateway.support.TestGateway;
import dev.warden.gateway.support.TestGateway.Response;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@DisplayName("A Warden in opa mode asking another Warden's OPA data API decides as the embedded engine does")
class OpaModeTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    @TempDir
    static Path opaDir;
    @TempDir
    static Path gatewayDir;
    static TestGateway opa;
    static TestGateway gateway;
    static FakeUpstreams upstreams;
    static String serviceToken;

    @BeforeAll
    static void start() {
        opa = TestGateway.startWithPolicy(opaDir, TestGateway.shippedPolicy(), new FakeUpstreams(), """
                sark_api:
                  enabled: true
                """);
        serviceToken = opa.token("gateway-1", "admin");
        upstreams = new FakeUpstreams().server("postgres-mcp", true, Map.of("sensitivity_level", "high"),
                "execute_query", "list_tables");
        gateway = TestGateway.start(gatewayDir, upstreams, null, """
                authz:
                  engine: opa
                  opa_url: %s
                  opa_token: %s
                """.formatted(opa.uri(""), serviceToken));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        opa.close();
    }

    static String invoke(String tool, String query) {
        return "{\"server_name\":\"postgres-mcp\",\"tool_name\":\"" + tool + "\",\"parameters\":{\"query\":\""
                + query + "\"}}";
    }

    @Test
    void theSameQuestionsGetTheSameAnswersAsTheEmbeddedEngine() {
        EmbeddedPolicyEngine embedded = EmbeddedPolicyEngine.load(opaDir.resolve("policies"), Duration.ofSeconds(1),
                Clock.systemUTC());
        OpaDecisionEngine remote = new OpaDecisionEngine(opa.uri(""), Duration.ofSeconds(2), serviceToken);
        for (String role : List.of("developer", "analyst", "admin", "guest")) {
            for (String query : List.of("SELECT 1", "DROP TABLE users", "DELETE FROM t")) {
                for (String tool : List.of("execute_query", "list_tables")) {
                    DecisionRequest r = new DecisionRequest(DecisionRequest.INVOKE, "postgres-mcp", tool,
                            (ObjectNode) JSON.readTree("{\"query\":\"" + query + "\",\"password\":\"x\"}"),
                            new Principal("u-" + role, null, List.of(role), List.of()),
                            Map.of("sensitivity_level", "high"), new DecisionRequest.Context("r", Instant.now(), null));
                    Decision local = embedded.decide(r);
                    Decision asked = remote.decide(r);
                    assertThat(asked.outcome()).as(role + " " + tool + " " + query).isEqualTo(local.outcome());
                    assertThat(asked.reason()).isEqualTo(local.reason());
                    assertThat(asked.cacheTtlSeconds()).isEqualTo(local.cacheTtlSeconds());
                    assertThat(asked.filteredParameters()).isEqualTo(local.filteredParameters());
                }
            }
        }
    }

    @Test
    void selectIsAllowedAndDropDeniedThroughTheGateway() {
        String analyst = gateway.token("ann", "analyst");
        assertThat(gateway.post("/tools/invoke", analyst, invoke("execute_query", "SELECT 1")).status()).isEqualTo(200);
        Response drop = gateway.post("/tools/invoke", analyst, invoke("execute_query", "DROP TABLE users"));
        assertThat(drop.status()).isEqualTo(403);
        assertThat(gateway.get("/health", null).json().at("/components/policy_engine/engine").asString())
                .isEqualTo("opa");
    }

    @Test
    void theDataApiAnswersInOpasShapes() {
        Response allow = opa.post("/v1/data/mcp/gateway/allow", serviceToken, """
                {"input": {"action": "gateway:tool:invoke", "server_name": "postgres-mcp", "tool_name": "execute_query",
                           "parameters": {"query": "SELECT 1"}, "user": {"id": "a", "roles": ["admin"]}}}""");
        assertThat(allow.status()).isEqualTo(200);
        assertThat(allow.json().get("result").asBoolean()).isTrue();
        Response undefined = opa.get("/v1/data/mcp/nothing_here", serviceToken);
        assertThat(undefined.status()).isEqualTo(200);
        assertThat(undefined.body()).isEqualTo("{}");
        Response viaGet = opa.get("/v1/data/mcp/gateway/allow?input=%7B%7D", serviceToken);
        assertThat(viaGet.json().get("result").asBoolean()).isFalse();
        assertThat(opa.get("/v1/data/mcp/gateway/allow", opa.token("bob", "developer")).status()).isEqualTo(403);
        assertThat(opa.get("/v1/data/mcp/gateway/allow", null).status()).isEqualTo(401);
        assertThat(opa.get("/v1/data/mcp/gate-way", serviceToken).status()).isEqualTo(400);
    }
}
