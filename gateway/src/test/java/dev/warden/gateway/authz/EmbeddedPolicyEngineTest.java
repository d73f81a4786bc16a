package dev.warden.gateway.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.gateway.auth.Principal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class EmbeddedPolicyEngineTest {
    static final Path SHIPPED = Path.of("../policies");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Clock CLOCK = Clock.systemUTC();

    @TempDir
    Path dir;

    static DecisionRequest invoke(String role, String server, String tool, String paramsJson) {
        return new DecisionRequest(DecisionRequest.INVOKE, server, tool, (ObjectNode) JSON.readTree(paramsJson),
                new Principal("u1", "u1@example.com", List.of(role), List.of()), Map.of("sensitivity_level", "high"),
                new DecisionRequest.Context("req-1", Instant.now(), "127.0.0.1"));
    }

    @Test
    void theShippedPolicyAllowsASelectAndFiltersCredentials() {
        EmbeddedPolicyEngine pdp = EmbeddedPolicyEngine.load(SHIPPED, Duration.ofSeconds(1), CLOCK);
        Decision d = pdp.decide(invoke("developer", "postgres-mcp", "execute_query",
                "{\"query\":\"SELECT * FROM users\",\"password\":\"hunter2\"}"));
        assertThat(d.allow()).isTrue();
        assertThat(d.reason()).contains("developer");
        assertThat(d.filteredParameters().has("password")).isFalse();
        assertThat(d.filteredParameters().get("query").asString()).isEqualTo("SELECT * FROM users");
        assertThat(d.cacheTtlSeconds()).isEqualTo(60);
        assertThat(d.policyVersion()).hasSize(12);
    }

    @Test
    void theShippedPolicyDeniesDropTableForADeveloperWithItsReason() {
        EmbeddedPolicyEngine pdp = EmbeddedPolicyEngine.load(SHIPPED, Duration.ofSeconds(1), CLOCK);
        Decision d = pdp.decide(invoke("developer", "postgres-mcp", "execute_query", "{\"query\":\"DROP TABLE users\"}"));
        assertThat(d.allow()).isFalse();
        assertThat(d.failed()).isFalse();
        assertThat(d.reason()).contains("destructive");
        assertThat(d.cacheTtlSeconds()).isZero();
    }

    @Test
    void aDenySetOverridesAllowAndGivesTheReason() throws IOException {
        write("p.rego", """
                package mcp.gateway
                allow := true
                deny contains "tool is frozen" if input.tool_name == "frozen"
                """);
        EmbeddedPolicyEngine pdp = EmbeddedPolicyEngine.load(dir, Duration.ofSeconds(1), CLOCK);
        Decision d = pdp.decide(invoke("x", "s", "frozen", "{}"));
        assertThat(d.allow()).isFalse();
        assertThat(d.reason()).isEqualTo("tool is frozen");
        assertThat(pdp.decide(invoke("x", "s", "other", "{}")).allow()).isTrue();
    }

    @Test
    void aResultObjectIsRead() throws IOException {
        write("p.rego", """
                package mcp.gateway
                result := {"allow": true, "reason": "via result", "filtered_parameters": {"a": 1}, "cache_ttl": 5}
                """);
        Decision d = EmbeddedPolicyEngine.load(dir, Duration.ofSeconds(1), CLOCK).decide(invoke("x", "s", "t", "{}"));
        assertThat(d).extracting(Decision::allow, Decision::reason, Decision::cacheTtlSeconds)
                .containsExactly(true, "via result", 5);
        assertThat(d.filteredParameters().get("a").asInt()).isEqualTo(1);
    }

    @Test
    void anEvaluationErrorOrAnUndefinedDecisionFailsClosed() throws IOException {
        write("p.rego", """
                package mcp.gateway
                allow := true if input.tool_name == "ok"
                allow := false if input.tool_name == "ok"
                """);
        EmbeddedPolicyEngine conflicting = EmbeddedPolicyEngine.load(dir, Duration.ofSeconds(1), CLOCK);
        Decision d = conflicting.decide(invoke("x", "s", "ok", "{}"));
        assertThat(d.allow()).isFalse();
        assertThat(d.failed()).isTrue();
        assertThat(d.reason()).contains("eval_conflict_error");

        write("p.rego", "package other\nallow := true\n");
        Decision undefined = EmbeddedPolicyEngine.load(dir, Duration.ofSeconds(1), CLOCK).decide(invoke("x", "s", "t", "{}"));
        assertThat(undefined.allow()).isFalse();
        assertThat(undefined.auditName()).isEqualTo("error");
        assertThat(undefined.reason()).contains("data.mcp.gateway defines none of result, deny, allow, reason");
    }

    @Test
    void onlyTheDocumentsADecisionReadsAreEvaluatedSoABrokenHelperOrSubPackageCannotDecide() throws IOException {
        write("p.rego", """
                package mcp.gateway
                allow if input.tool_name == "ok"
                reason := "tool ok" if allow
                unused := x if x := 1 / 0
                """);
        write("a2a.rego", """
                package mcp.gateway.a2a
                allow := true
                allow := false
                """);
        EmbeddedPolicyEngine pdp = EmbeddedPolicyEngine.load(dir, Duration.ofSeconds(1), CLOCK);

        Decision ok = pdp.decide(invoke("x", "s", "ok", "{}"));
        assertThat(ok.allow()).isTrue();
        assertThat(ok.reason()).isEqualTo("tool ok");
        assertThat(pdp.decide(invoke("x", "s", "other", "{}")).allow()).isFalse();
    }

    @Test
    void dataJsonIsLoadedAtItsDirectoryAndTestFilesAndExampleInputsAreNot() throws IOException {
        write("roles/data.json", "{\"admins\": [\"root\"]}");
        write("examples/input.json", "{\"not\": \"data\"}");
        write("p_test.rego", "package mcp.gateway\ntest_x if { this_is_not_valid(\n");
        write("p.rego", """
                package mcp.gateway
                allow if input.user.id in data.roles.admins
                """);
        EmbeddedPolicyEngine pdp = EmbeddedPolicyEngine.load(dir, Duration.ofSeconds(1), CLOCK);
        var root = new DecisionRequest(DecisionRequest.INVOKE, "s", "t", JSON.createObjectNode(),
                new Principal("root", null, List.of(), List.of()), Map.of(), new DecisionRequest.Context("r", Instant.now(), null));
        assertThat(pdp.decide(root).allow()).isTrue();
        assertThat(pdp.decide(invoke("x", "s", "t", "{}")).allow()).isFalse();
    }

    @Test
    void thePolicyVersionChangesWithThePolicy() throws IOException {
        write("p.rego", "package mcp.gateway\nallow := false\n");
        String v1 = EmbeddedPolicyEngine.load(dir, Duration.ofSeconds(1), CLOCK).policyVersion();
        assertThat(EmbeddedPolicyEngine.load(dir, Duration.ofSeconds(1), CLOCK).policyVersion()).isEqualTo(v1);
        write("p.rego", "package mcp.gateway\nallow := true\n");
        assertThat(EmbeddedPolicyEngine.load(dir, Duration.ofSeconds(1), CLOCK).policyVersion()).isNotEqualTo(v1);
    }

    @Test
    void aPolicyThatDoesNotCompileStopsTheStartNamingTheFile() throws IOException {
        write("broken.rego", "package mcp.gateway\nallow if {\n");
        assertThatThrownBy(() -> EmbeddedPolicyEngine.load(dir, Duration.ofSeconds(1), CLOCK))
                .isInstanceOf(PolicyLoadException.class).hasMessageContaining("broken.rego");
        Files.delete(dir.resolve("broken.rego"));
        assertThatThrownBy(() -> EmbeddedPolicyEngine.load(dir, Duration.ofSeconds(1), CLOCK))
                .hasMessageContaining("no .rego files");
    }

    private void write(String rel, String text) throws IOException {
        Path f = dir.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }
}
