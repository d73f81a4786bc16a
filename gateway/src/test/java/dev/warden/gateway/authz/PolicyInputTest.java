package dev.warden.gateway.authz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.auth.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class PolicyInputTest {
    @Test
    void hasSarksAuthorizeShapeWithTheServerMetadataBothNestedAndFlat() {
        ObjectNode params = JsonMapper.builder().build().createObjectNode().put("query", "SELECT 1");
        ObjectNode in = PolicyInput.of(new DecisionRequest(DecisionRequest.INVOKE, "postgres-mcp", "execute_query",
                params, new Principal("alice", "alice@example.com", List.of("developer"), List.of("eng")),
                Map.of("sensitivity_level", "high", "owners", List.of("data"), "limits", Map.of("rows", 500)),
                new DecisionRequest.Context("req-1", Instant.parse("2026-01-01T00:00:00Z"), "10.0.0.7")));
        assertThat(in.get("action").asString()).isEqualTo("gateway:tool:invoke");
        assertThat(in.get("server_name").asString()).isEqualTo("postgres-mcp");
        assertThat(in.get("tool_name").asString()).isEqualTo("execute_query");
        assertThat(in.at("/parameters/query").asString()).isEqualTo("SELECT 1");
        assertThat(in.at("/user/id").asString()).isEqualTo("alice");
        assertThat(in.at("/user/roles/0").asString()).isEqualTo("developer");
        assertThat(in.at("/user/teams/0").asString()).isEqualTo("eng");
        assertThat(in.at("/gateway_metadata/request_id").asString()).isEqualTo("req-1");
        assertThat(in.at("/gateway_metadata/timestamp").asString()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(in.at("/gateway_metadata/source_ip").asString()).isEqualTo("10.0.0.7");
        assertThat(in.at("/server/metadata/sensitivity_level").asString()).isEqualTo("high");
        assertThat(in.at("/server/sensitivity_level").asString()).isEqualTo("high");
        assertThat(in.at("/server/metadata/limits/rows").asInt()).isEqualTo(500);
        assertThat(in.at("/server/owners/0").asString()).isEqualTo("data");
    }

    @Test
    void theEmbeddedEnginesValueIsTheSameDocumentAsTheJsonSentToRemoteEngines() {
        JsonMapper json = JsonMapper.builder().build();
        ObjectNode params = (ObjectNode) json.readTree("""
                {"query":"SELECT 1","limit":10,"ratio":0.25,"big":123456789012345678901234567890,
                 "flags":[true,false,null],"nested":{"a":{"b":[1,"two"]}}}""");
        java.util.Map<String, Object> metadata = new java.util.LinkedHashMap<>();
        metadata.put("sensitivity_level", "critical");
        metadata.put("port", 5432);
        metadata.put("max", 9_000_000_000L);
        metadata.put("weight", 0.5);
        metadata.put("public", false);
        metadata.put("tags", List.of("pii", Map.of("k", "v")));
        for (String action : List.of(DecisionRequest.INVOKE, "gateway:resource:read", "gateway:prompt:get")) {
            for (Principal who : List.of(new Principal("alice", "alice@example.com", List.of("developer", "analyst"),
                    List.of("eng")), new Principal("svc", null, List.of(), List.of()))) {
                DecisionRequest r = new DecisionRequest(action, "db", "target", params, who, metadata,
                        new DecisionRequest.Context("req-2", Instant.parse("2026-01-01T00:00:00.5Z"), null));
                assertThat(PolicyInput.value(r)).as("%s by %s", action, who.subject())
                        .isEqualTo(JsonValues.toValue(PolicyInput.of(r)));
            }
        }
        DecisionRequest listing = new DecisionRequest(DecisionRequest.LIST, "db", null, null,
                new Principal("bob", null, List.of("viewer"), List.of()), Map.of(),
                new DecisionRequest.Context("req-3", Instant.parse("2026-01-01T00:00:00Z"), "::1"));
        assertThat(PolicyInput.value(listing)).isEqualTo(JsonValues.toValue(PolicyInput.of(listing)));
    }
}
