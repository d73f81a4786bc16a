package dev.warden.gateway.authz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.audit.AuditEvent;
import dev.warden.gateway.audit.AuditQuery;
import dev.warden.gateway.audit.SqliteAuditStore;
import dev.warden.gateway.support.FakeUpstreams;
import dev.warden.gateway.support.TestGateway;
import dev.warden.gateway.support.TestGateway.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Policies and the registry edited on disk under a running gateway, and reloads asked for over HTTP. */
@DisplayName("Reloading the policies and the server registry")
class PolicyReloadTest {
    /** Allows SELECT for five minutes; the reason names the policy's generation. */
    static String policy(String generation, boolean allowSelect) {
        return """
                package mcp.gateway
                import rego.v1
                default allow := false
                allow if {
                    %s
                    startswith(input.parameters.query, "SELECT")
                }
                reason := "%s"
                cache_ttl := 300
                """.formatted(allowSelect ? "true" : "false", generation);
    }

    static String select() {
        return "{\"server_name\":\"pg\",\"tool_name\":\"q\",\"parameters\":{\"query\":\"SELECT 1\"}}";
    }

    static FakeUpstreams upstreams() {
        return new FakeUpstreams().server("pg", true, Map.of("sensitivity_level", "low"), "q");
    }

    static void write(TestGateway gw, String file, String text) throws IOException {
        Path target = gw.dir.resolve(file);
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE); // as editors save: the file is never half written
    }

    static JsonNode policyHealth(TestGateway gw) {
        return gw.get("/health", null).json().at("/components/policy_engine");
    }

    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting until " + what);
            Thread.sleep(50);
        }
    }

    static List<AuditEvent> audit(TestGateway gw) {
        try (SqliteAuditStore store = SqliteAuditStore.open(gw.config.audit().dbPath())) {
            return store.query(new AuditQuery("dev-1", null, null, null, 1000));
        }
    }

    @Test
    void anEditedPolicyFileDecidesTheNextCallsAndEmptiesTheCache(@TempDir Path dir) throws Exception {
        try (TestGateway gw = TestGateway.startWatching(dir, policy("v1", true), upstreams(), "")) {
            String token = gw.token("dev-1", "developer");
            assertThat(gw.post("/tools/invoke", token, select()).status()).isEqualTo(200);
            assertThat(gw.post("/tools/invoke", token, select()).status()).isEqualTo(200);
            JsonNode before = policyHealth(gw);
            assertThat(before.at("/cache/hits").asLong()).as("the second call was served from the cache").isEqualTo(1);
            String v1 = before.get("policy_version").asString();

            // Still allowed, but a different policy: the cached allow must be asked again, not served.
            write(gw, "policies/gateway.rego", policy("v2", true));
            eventually("the new policy serves", () -> !policyHealth(gw).get("policy_version").asString().equals(v1));
            // The version serves as soon as the policy is swapped; the reload's report follows a moment later.
            eventually("the reload is reported", () -> policyHealth(gw).at("/last_reload/policy_version").asString()
                    .equals(policyHealth(gw).get("policy_version").asString()));
            JsonNode reloaded = policyHealth(gw);
            assertThat(reloaded.at("/last_reload/trigger").asString()).startsWith("file change");
            assertThat(reloaded.at("/last_reload/policy_changed").asBoolean()).isTrue();
            assertThat(reloaded.at("/last_reload/cache_cleared").asBoolean()).isTrue();
            assertThat(reloaded.at("/cache/size").asLong()).isZero();
            long missesBefore = reloaded.at("/cache/misses").asLong();
            assertThat(gw.post("/tools/invoke", token, select()).status()).isEqualTo(200);
            assertThat(policyHealth(gw).at("/cache/misses").asLong()).as("re-asked").isEqualTo(missesBefore + 1);
            String v2 = policyHealth(gw).get("policy_version").asString();
            assertThat(audit(gw)).anySatisfy(e -> {
                assertThat(e.type()).isEqualTo(AuditEvent.Type.DECISION);
                assertThat(e.reason()).isEqualTo("v2");
                assertThat(e.policyVersion()).isEqualTo(v2);
            });

            // Now a policy that denies: the allow cached under v2 is gone with it.
            write(gw, "policies/gateway.rego", policy("v3 denies", false));
            eventually("the denying policy serves", () -> !policyHealth(gw).get("policy_version").asString().equals(v2));
            Response denied = gw.post("/tools/invoke", token, select());
            assertThat(denied.status()).isEqualTo(403);
            assertThat(denied.json().at("/error/message").asString()).isEqualTo("v3 denies");
        }
    }

    @Test
    void aPolicyThatDoesNotCompileKeepsTheOldOneServingAndTheErrorVisible(@TempDir Path dir) throws Exception {
        try (TestGateway gw = TestGateway.startWatching(dir, policy("v1", true), upstreams(), "")) {
            String token = gw.token("dev-1", "developer");
            String v1 = policyHealth(gw).get("policy_version").asString();
            write(gw, "policies/gateway.rego", "package mcp.gateway\nallow if {\n");
            eventually("the failed reload shows", () -> policyHealth(gw).has("last_reload"));

            JsonNode health = gw.get("/health", null).json();
            assertThat(health.get("status").asString()).isEqualTo("degraded");
            JsonNode policy = health.at("/components/policy_engine");
            assertThat(policy.get("status").asString()).isEqualTo("reload_failed");
            assertThat(policy.get("policy_version").asString()).isEqualTo(v1);
            assertThat(policy.at("/last_reload/errors/0").asString()).startsWith("policy: ")
                    .contains("gateway.rego").contains("do not compile");
            assertThat(policy.get("detail").asString()).contains("still serving policy version " + v1);
            assertThat(gw.post("/tools/invoke", token, select()).status()).as("the old policy still allows")
                    .isEqualTo(200);

            write(gw, "policies/gateway.rego", policy("v1", true)); // fixed: the same files as those serving
            eventually("the fix is picked up", () -> policyHealth(gw).get("status").asString().equals("ok"));
            assertThat(gw.get("/health", null).json().get("status").asString()).isEqualTo("healthy");
            assertThat(policyHealth(gw).get("policy_version").asString()).isEqualTo(v1);
        }
    }

    @Test
    void adminsReloadOverHttpAndAFailureIsA422NamingTheProblem(@TempDir Path dir) throws Exception {
        try (TestGateway gw = TestGateway.startWithPolicy(dir, policy("v1", true), upstreams(), "")) {
            String admin = gw.token("ops", "admin");
            Response forbidden = gw.post("/admin/reload", gw.token("dev-1", "developer"), "");
            assertThat(forbidden.status()).isEqualTo(403);
            assertThat(gw.post("/admin/reload", null, "").status()).isEqualTo(401);

            Files.writeString(gw.dir.resolve("policies/gateway.rego"), policy("v2", false));
            Response ok = gw.post("/admin/reload", admin, "");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.json().get("status").asString()).isEqualTo("reloaded");
            assertThat(ok.json().get("trigger").asString()).isEqualTo("admin (ops)");
            assertThat(ok.json().get("cache_cleared").asBoolean()).isTrue();
            assertThat(ok.json().get("policy_version").asString())
                    .isEqualTo(policyHealth(gw).get("policy_version").asString());
            assertThat(gw.post("/tools/invoke", gw.token("dev-1", "developer"), select()).status()).isEqualTo(403);

            Files.writeString(gw.dir.resolve("policies/gateway.rego"), "package mcp.gateway\nallow := \n");
            Response failed = gw.post("/admin/reload", admin, "");
            assertThat(failed.status()).isEqualTo(422);
            assertThat(failed.json().at("/error/code").asString()).isEqualTo("RELOAD_FAILED");
            assertThat(failed.json().at("/error/message").asString()).contains("previous configuration keeps serving")
                    .contains("gateway.rego");
            assertThat(failed.json().at("/error/details/policy_version").asString())
                    .isEqualTo(ok.json().get("policy_version").asString());
        }
    }

    @Test
    void anEditedRegistryFileChangesTheServersAndABrokenOneKeepsThem(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("servers.yaml"), registry("alpha"));
        try (TestGateway gw = TestGateway.startWatching(dir, policy("v1", true), null,
                "servers:\n  config: servers.yaml\n")) {
            assertThat(gw.get("/health", null).json().at("/components/upstreams").propertyNames())
                    .containsExactly("alpha");
            write(gw, "servers.yaml", registry("alpha", "beta"));
            eventually("beta is registered", () -> gw.get("/health", null).json().at("/components/upstreams")
                    .has("beta"));
            assertThat(policyHealth(gw).at("/last_reload/registry").asString()).contains("added [beta]");

            write(gw, "servers.yaml", "servers:\n  gamma:\n    transport: carrier-pigeon\n");
            eventually("the failure shows", () -> policyHealth(gw).at("/last_reload/status").asString()
                    .equals("failed"));
            assertThat(policyHealth(gw).at("/last_reload/errors/0").asString()).startsWith("registry: ")
                    .contains("carrier-pigeon");
            assertThat(gw.get("/health", null).json().at("/components/upstreams").propertyNames())
                    .containsExactly("alpha", "beta");
        }
    }

    static String registry(String... names) {
        StringBuilder sb = new StringBuilder("servers:\n");
        for (String name : names) {
            sb.append("  ").append(name).append(":\n    transport: streamable-http\n")
                    .append("    url: http://127.0.0.1:9/mcp\n    enabled: false\n");
        }
        return sb.toString();
    }
}
