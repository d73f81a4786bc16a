package dev.warden.gateway.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.gateway.auth.Principal;
import dev.warden.gateway.config.WardenConfig.SarkSettings;
import dev.warden.gateway.support.ScriptedHttpServer;
import dev.warden.gateway.support.ScriptedHttpServer.Reply;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@DisplayName("The SARK and OPA decision engines over real HTTP")
class RemoteEnginesTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    final ScriptedHttpServer remote = new ScriptedHttpServer();

    @AfterEach
    void stop() { remote.close(); }

    static DecisionRequest select() {
        return new DecisionRequest(DecisionRequest.INVOKE, "postgres-mcp", "execute_query",
                (ObjectNode) JSON.readTree("{\"query\":\"SELECT 1\"}"),
                new Principal("alice", "alice@example.com", List.of("developer"), List.of("eng")),
                Map.of("sensitivity_level", "high"), new DecisionRequest.Context("req-1", Instant.now(), "10.0.0.7"));
    }

    SarkDecisionEngine sark(Duration timeout) {
        return new SarkDecisionEngine(new SarkSettings(remote.uri(), timeout, "sark_gw_" + "0".repeat(32), "csrf-1"));
    }

    @Nested
    @DisplayName("SARK")
    class Sark {
        @Test
        void sendsTheAuthorizeBodyWithApiKeyAndCsrfHeadersAndReadsAnAllow() {
            remote.reply(200, """
                    {"allow": true, "reason": "Allowed: developer", "filtered_parameters": {"query": "SELECT 1"},
                     "audit_id": "9b1c", "cache_ttl": 60, "metadata": {"policy_version": "v7"}}""");
            Decision d = sark(Duration.ofSeconds(2)).decide(select());
            assertThat(d.allow()).isTrue();
            assertThat(d.reason()).isEqualTo("Allowed: developer");
            assertThat(d.cacheTtlSeconds()).isEqualTo(60);
            assertThat(d.policyVersion()).isEqualTo("v7");
            ScriptedHttpServer.Received got = remote.last();
            assertThat(got.method()).isEqualTo("POST");
            assertThat(got.path()).isEqualTo("/api/v1/gateway/authorize");
            assertThat(got.header("X-CSRF-Token")).isEqualTo("csrf-1");
            assertThat(got.header("X-Gateway-Api-Key")).startsWith("sark_gw_");
            assertThat(got.header("Authorization")).isEqualTo("Bearer sark_gw_" + "0".repeat(32));
            JsonNode body = JSON.readTree(got.body());
            assertThat(body.get("action").asString()).isEqualTo("gateway:tool:invoke");
            assertThat(body.get("server_name").asString()).isEqualTo("postgres-mcp");
            assertThat(body.get("tool_name").asString()).isEqualTo("execute_query");
            assertThat(body.at("/parameters/query").asString()).isEqualTo("SELECT 1");
            assertThat(body.at("/user/id").asString()).isEqualTo("alice");
            assertThat(body.at("/user/roles/0").asString()).isEqualTo("developer");
            assertThat(body.at("/gateway_metadata/request_id").asString()).isEqualTo("req-1");
            assertThat(body.has("server")).as("our registry metadata is not sent").isFalse();
        }

        @Test
        void toleratesNullFilteredParametersAndAMissingAuditIdAndTtl() {
            remote.reply(200, "{\"allow\": true, \"reason\": \"ok\", \"filtered_parameters\": null}");
            Decision d = sark(Duration.ofSeconds(2)).decide(select());
            assertThat(d.allow()).isTrue();
            assertThat(d.filteredParameters()).as("null means: call with the request's parameters").isNull();
            assertThat(d.cacheTtlSeconds()).isEqualTo(Decision.TTL_UNSET);
        }

        @Test
        void readsADenialAsDeniedByPolicyNotAsAFailure() {
            remote.reply(200, "{\"allow\": false, \"reason\": \"Destructive operation denied\", \"cache_ttl\": 0}");
            Decision d = sark(Duration.ofSeconds(2)).decide(select());
            assertThat(d.outcome()).isEqualTo(Decision.Outcome.DENIED);
            assertThat(d.reason()).isEqualTo("Destructive operation denied");
        }

        @Test
        void aFastApi422IsAnUnavailableDenialNamingTheField() {
            remote.reply(422, """
                    {"detail": [{"loc": ["body", "user", "id"], "msg": "field required", "type": "value_error.missing"}]}""");
            Decision d = sark(Duration.ofSeconds(2)).decide(select());
            assertThat(d.unavailable()).isTrue();
            assertThat(d.allow()).isFalse();
            assertThat(d.reason()).contains("HTTP 422").contains("body.user.id: field required");
        }

        @Test
        void unauthorizedAndServerErrorsAndGarbageAreUnavailableDenials() {
            remote.reply(401, "{\"detail\": \"Invalid API key\"}");
            assertThat(sark(Duration.ofSeconds(2)).decide(select()))
                    .matches(Decision::unavailable).extracting(Decision::reason).asString().contains("Invalid API key");
            remote.reply(503, "{\"error\": {\"code\": \"GATEWAY_NOT_ENABLED\", \"message\": \"disabled\"}}");
            assertThat(sark(Duration.ofSeconds(2)).decide(select()).reason()).contains("503").contains("disabled");
            remote.reply(200, "<html>oops</html>");
            assertThat(sark(Duration.ofSeconds(2)).decide(select()))
                    .matches(Decision::unavailable).extracting(Decision::reason).asString().contains("not JSON");
            remote.reply(200, "{\"allow\": \"yes\"}");
            assertThat(sark(Duration.ofSeconds(2)).decide(select()))
                    .matches(Decision::unavailable).extracting(Decision::reason).asString().contains("'allow'");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
                "{\"allow\": true, \"filtered_parameters\": \"DROP TABLE users\"}",
                "{\"allow\": true, \"deny\": \"nope\"}",
                "{\"allow\": true, \"deny\": {\"x\": \"denied\"}}",
                "{\"allow\": true, \"cache_ttl\": \"0\"}",
                "{\"allow\": false, \"allow\": true}",
                "{\"result\": {\"allow\": false}, \"allow\": true}"})
        void anAllowWithAMistypedOrRepeatedFieldIsNeverAnAllow(String answer) {
            remote.reply(200, answer);
            Decision d = sark(Duration.ofSeconds(2)).decide(select());
            assertThat(d.allow()).as(answer).isFalse();
        }

        @Test
        void credentialsInTheServiceUrlAppearInNoReason() {
            remote.reply(500, "boom");
            java.net.URI withCredentials = java.net.URI.create(remote.uri().toString()
                    .replace("http://", "http://svcuser:S3cretPassw0rd@"));
            Decision d = new SarkDecisionEngine(new SarkSettings(withCredentials, Duration.ofSeconds(2),
                    "sark_gw_" + "0".repeat(32), "csrf-1")).decide(select());
            assertThat(d.unavailable()).isTrue();
            assertThat(d.reason()).contains("SARK at " + remote.uri().toString().replaceAll("/+$", ""))
                    .doesNotContain("S3cretPassw0rd").doesNotContain("svcuser");
        }

        @Test
        void aSlowServiceIsAnUnavailableDenialAfterTheTimeout() {
            remote.reply(new Reply(200, "{\"allow\": true}", 3_000));
            long t0 = System.nanoTime();
            Decision d = sark(Duration.ofMillis(300)).decide(select());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(d.unavailable()).isTrue();
            assertThat(d.reason()).contains("did not answer within 300 ms");
            assertThat(ms).isLessThan(2_500);
        }

        @Test
        void aServiceThatIsDownIsAnUnavailableDenial() throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Decision d = new SarkDecisionEngine(new SarkSettings(URI.create("http://127.0.0.1:" + port),
                    Duration.ofSeconds(1))).decide(select());
            assertThat(d.unavailable()).isTrue();
            assertThat(d.reason()).contains("refused the connection");
        }

        @Test
        void readsServerListsInBothShapes() {
            remote.reply(200, """
                    [{"server_name": "postgres-mcp", "server_url": "http://pg:8080", "sensitivity_level": "high"}]""");
            assertThat(sark(Duration.ofSeconds(2)).servers("alice")).containsExactly(
                    new SarkDecisionEngine.RemoteServer("postgres-mcp", "http://pg:8080", null, "high"));
            assertThat(remote.last().query()).isEqualTo("user_id=alice");
            remote.reply(200, """
                    {"servers": [{"name": "github-mcp", "url": "http://gh", "description": "GitHub",
                                  "allowed_actions": [], "tools": []}]}""");
            assertThat(sark(Duration.ofSeconds(2)).servers(null)).containsExactly(
                    new SarkDecisionEngine.RemoteServer("github-mcp", "http://gh", "GitHub", null));
            remote.reply(200, "{\"items\": []}");
            assertThatThrownBy(() -> sark(Duration.ofSeconds(2)).servers(null)).hasMessageContaining("unknown shape");
        }
    }

    @Nested
    @DisplayName("OPA")
    class Opa {
        OpaDecisionEngine opa() { return new OpaDecisionEngine(remote.uri(), Duration.ofSeconds(2)); }

        @Test
        void postsTheInputToTheDataApiAndReadsTheResult() {
            remote.reply(200, """
                    {"result": {"allow": true, "reason": "ok", "filtered_parameters": {"query": "SELECT 1"},
                                "cache_ttl": 30}}""");
            Decision d = opa().decide(select());
            assertThat(d.allow()).isTrue();
            assertThat(d.cacheTtlSeconds()).isEqualTo(30);
            assertThat(d.filteredParameters().get("query").asString()).isEqualTo("SELECT 1");
            assertThat(remote.last().path()).isEqualTo("/v1/data/mcp/gateway");
            JsonNode input = JSON.readTree(remote.last().body()).get("input");
            assertThat(input.at("/user/id").asString()).isEqualTo("alice");
            assertThat(input.at("/server/sensitivity_level").asString()).isEqualTo("high");
        }

        @Test
        void aDenySetDeniesWithItsMessages() {
            remote.reply(200, "{\"result\": {\"allow\": true, \"deny\": [\"no DROP\"]}}");
            Decision d = opa().decide(select());
            assertThat(d.outcome()).isEqualTo(Decision.Outcome.DENIED);
            assertThat(d.reason()).isEqualTo("no DROP");
        }

        @Test
        void anUndefinedResultOrAnErrorIsAnUnavailableDenial() {
            remote.reply(200, "{}");
            assertThat(opa().decide(select())).matches(Decision::unavailable)
                    .extracting(Decision::reason).asString().contains("is the policy loaded");
            remote.reply(500, "{\"code\": \"internal_error\", \"message\": \"boom\"}");
            assertThat(opa().decide(select())).matches(Decision::unavailable)
                    .extracting(Decision::reason).asString().contains("HTTP 500");
        }
    }
}
