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
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Gateway API keys: created, listed and revoked with warden apikey, accepted by the SARK API")
class ApiKeysTest {
    @TempDir
    static Path dir;
    static TestGateway sark;
    static Path config;

    record Run(int exit, String out, String err) {}

    static Run warden(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = WardenCommand.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeAll
    static void start() throws Exception {
        Path keysDb = dir.resolve("keys/api-keys.db").toAbsolutePath();
        sark = TestGateway.startWithPolicy(dir.resolve("server"), TestGateway.shippedPolicy(), new FakeUpstreams()
                .server("postgres-mcp", true, Map.of("sensitivity_level", "high"), "execute_query"), """
                sark_api:
                  enabled: true
                  api_keys_db: %s
                """.formatted(keysDb));
        // The command line reads its own warden.yaml; absolute paths since it resolves against its working directory.
        config = dir.resolve("cli.yaml");
        Files.writeString(config, """
                gateway: {environment: development}
                jwt: {algorithms: [HS256], secret: %s}
                policy: {dir: %s}
                sark_api: {enabled: true, api_keys_db: %s}
                """.formatted(TestGateway.SECRET, dir.resolve("server/policies").toAbsolutePath(), keysDb));
    }

    @AfterAll
    static void stop() { sark.close(); }

    static String select(String user) {
        return """
                {"action": "gateway:tool:invoke", "server_name": "postgres-mcp", "tool_name": "execute_query",
                 "parameters": {"query": "SELECT 1"}, "user": {"id": "%s", "roles": ["developer"]}}""".formatted(user);
    }

    @Test
    void aCreatedKeyAuthenticatesAsAServiceUntilRevokedAndOnlyItsHashIsStored() throws Exception {
        Run created = warden("apikey", "create", "--name", "edge-gateway", "-c", config.toString());
        assertThat(created.exit()).as(created.err()).isZero();
        String key = created.out().strip();
        assertThat(key).matches("sark_gw_[0-9a-f]{32}");

        Response asked = sark.post("/api/v1/gateway/authorize", key, select("dev-7"));
        assertThat(asked.status()).as(asked.body()).isEqualTo(200);
        assertThat(asked.json().get("allow").asBoolean()).as("a key may ask about the user it names").isTrue();
        var viaHeader = sark.send(java.net.http.HttpRequest.newBuilder(sark.uri("/api/v1/gateway/servers"))
                .header("X-Gateway-Api-Key", key).GET().build());
        assertThat(viaHeader.status()).isEqualTo(200);
        var twoKeys = sark.send(java.net.http.HttpRequest.newBuilder(sark.uri("/api/v1/gateway/servers"))
                .header("X-Gateway-Api-Key", key).header("X-Gateway-Api-Key", "sark_gw_" + "f".repeat(32)).GET()
                .build());
        assertThat(twoKeys.status()).isEqualTo(401);
        assertThat(twoKeys.json().at("/error/message").asString()).startsWith("more than one credential");
        var repeated = sark.send(java.net.http.HttpRequest.newBuilder(sark.uri(
                "/api/v1/gateway/servers?user_id=dev-7&user_id=root")).header("X-Gateway-Api-Key", key).GET().build());
        assertThat(repeated.status()).isEqualTo(400);
        assertThat(repeated.json().at("/error/message").asString()).contains("given 2 times");

        byte[] db = Files.readAllBytes(dir.resolve("keys/api-keys.db"));
        assertThat(new String(db, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(key)
                .contains(ApiKeys.hash(key));

        Run list = warden("apikey", "list", "-c", config.toString());
        assertThat(list.out()).contains("edge-gateway").contains("active").doesNotContain(key);

        Run revoked = warden("apikey", "revoke", "edge-gateway", "-c", config.toString());
        assertThat(revoked.exit()).isZero();
        Response refused = sark.post("/api/v1/gateway/authorize", key, select("dev-7"));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().at("/error/message").asString()).isEqualTo("unknown or revoked API key");
        assertThat(warden("apikey", "list", "-c", config.toString()).out()).contains("revoked");
        assertThat(warden("apikey", "revoke", "edge-gateway", "-c", config.toString()).exit()).isEqualTo(1);
    }

    @Test
    void malformedAndUnknownKeysAreRefused() {
        Response unknown = sark.post("/api/v1/gateway/authorize", "sark_gw_" + "ab".repeat(16), select("x"));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().at("/error/code").asString()).isEqualTo("UNAUTHORIZED");
        assertThat(unknown.header("WWW-Authenticate")).as("a 401 says how to authenticate").startsWith("Bearer");
        Response malformed = sark.post("/api/v1/gateway/authorize", "sark_gw_nothex", select("x"));
        assertThat(malformed.status()).isEqualTo(401);
        assertThat(malformed.json().at("/error/message").asString()).contains("32 hex");
    }
}
