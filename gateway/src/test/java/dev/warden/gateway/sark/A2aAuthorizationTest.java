package dev.warden.gateway.sark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.cli.WardenCommand;
import dev.warden.gateway.support.FakeUpstreams;
import dev.warden.gateway.support.TestGateway;
import dev.warden.gateway.support.TestGateway.Response;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("POST /api/v1/gateway/authorize-a2a with the shipped policies/a2a.rego")
class A2aAuthorizationTest {
    @TempDir
    static Path dir;
    static TestGateway sark;
    static String service;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(dir.resolve("policies"));
        Files.copy(Path.of("../policies/a2a.rego"), dir.resolve("policies/a2a.rego"));
        sark = TestGateway.startWithPolicy(dir, TestGateway.shippedPolicy(), new FakeUpstreams(), """
                sark_api:
                  enabled: true
                """);
        service = sark.token("gateway-1", "admin");
    }

    @AfterAll
    static void stop() { sark.close(); }

    static String request(String action, String trust, String sourceEnv, String tool, int depth) {
        return """
                {"action": "%s",
                 "source_agent": {"id": "a1", "name": "planner", "trust_level": "%s", "capabilities": ["plan"],
                                  "environment": "%s"},
                 "target_agent": {"id": "a2", "name": "sql-agent", "capabilities": ["run_query"], "environment": "prod"},
                 "tool_name": "%s", "parameters": {"q": 1},
                 "context": {"workflow_id": "w1", "user_id": "u1", "delegation_depth": %d}}
                """.formatted(action, trust, sourceEnv, tool, depth);
    }

    @Test
    void theShippedA2aRegoTestsPass() {
        StringWriter out = new StringWriter();
        int exit = WardenCommand.run(new PrintWriter(out), new PrintWriter(new StringWriter()),
                "policy", "test", "../policies", "--run", "a2a");
        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).isEqualTo("PASS: 9/9\n");
    }

    @Test
    void aTrustedAgentMayInvokeAnOfferedCapability() {
        Response r = sark.post("/api/v1/gateway/authorize-a2a", service, request("a2a:invoke", "trusted", "prod",
                "run_query", 0));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("allow").asBoolean()).isTrue();
        assertThat(r.json().get("cache_ttl").asInt()).isEqualTo(300);
        assertThat(r.json().get("max_delegation_depth").asInt()).isEqualTo(3);
        assertThat(r.json().at("/filtered_parameters/q").asInt()).isEqualTo(1);
        assertThat(r.json().get("audit_id").asString()).isNotBlank();
    }

    @Test
    void deniesAnUntrustedAgentCrossingEnvironmentsAndTooDeepDelegation() {
        Response cross = sark.post("/api/v1/gateway/authorize-a2a", service, request("a2a:invoke", "untrusted", "dev",
                "run_query", 0));
        assertThat(cross.json().get("allow").asBoolean()).isFalse();
        assertThat(cross.json().get("reason").asString()).contains("may not cross from environment dev to prod");
        assertThat(cross.json().get("cache_ttl").asInt()).isZero();
        Response deep = sark.post("/api/v1/gateway/authorize-a2a", service, request("a2a:delegate", "verified", "prod",
                "run_query", 2));
        assertThat(deep.json().get("allow").asBoolean()).isFalse();
        assertThat(deep.json().get("max_delegation_depth").asInt()).isEqualTo(2);
        Response missing = sark.post("/api/v1/gateway/authorize-a2a", service, request("a2a:invoke", "trusted", "prod",
                "drop_db", 0));
        assertThat(missing.json().get("reason").asString()).contains("does not offer the capability drop_db");
    }

    @Test
    void onlyServiceCallersMayAskAndBodiesAreChecked() {
        Response user = sark.post("/api/v1/gateway/authorize-a2a", sark.token("bob", "developer"),
                request("a2a:invoke", "trusted", "prod", "run_query", 0));
        assertThat(user.status()).isEqualTo(403);
        Response bad = sark.post("/api/v1/gateway/authorize-a2a", service, "{\"action\": \"a2a:invoke\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/error/details/field").asString()).isEqualTo("source_agent");
    }

    @Test
    void aNegativeDelegationDepthIsRefusedRatherThanCountedAsRoomToDelegate() {
        Response r = sark.post("/api/v1/gateway/authorize-a2a", service, request("a2a:delegate", "untrusted", "prod",
                "run_query", -1));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().at("/error/details/field").asString()).isEqualTo("context.delegation_depth");
    }
}
