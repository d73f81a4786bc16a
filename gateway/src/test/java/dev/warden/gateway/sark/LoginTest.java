package dev.warden.gateway.sark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.audit.AuditEvent;
import dev.warden.gateway.audit.AuditQuery;
import dev.warden.gateway.audit.SqliteAuditStore;
import dev.warden.gateway.cli.WardenCommand;
import dev.warden.gateway.support.FakeUpstreams;
import dev.warden.gateway.support.TestGateway;
import dev.warden.gateway.support.TestGateway.Response;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Login with email and password, and the tutorial's whole flow through a Warden in sark mode")
class LoginTest {
    static final String PASSWORD = "correct horse battery staple";
    @TempDir
    static Path dir;
    static TestGateway sark;
    static TestGateway gateway;
    static Path users;

    static int userAdd(Path config, String password, String... args) {
        InputStream before = System.in;
        System.setIn(new ByteArrayInputStream((password + "\n").getBytes(StandardCharsets.UTF_8)));
        try {
            String[] full = new String[args.length + 5];
            full[0] = "user";
            full[1] = "add";
            full[2] = "--password-stdin";
            full[3] = "-c";
            full[4] = config.toString();
            System.arraycopy(args, 0, full, 5, args.length);
            return WardenCommand.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), full);
        } finally {
            System.setIn(before);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        users = dir.resolve("users.yaml").toAbsolutePath();
        Files.createDirectories(dir.resolve("sark/policies"));
        Files.writeString(dir.resolve("sark/policies/gateway.rego"), TestGateway.shippedPolicy());
        Path cli = dir.resolve("cli.yaml");
        Files.writeString(cli, """
                gateway: {environment: development}
                jwt: {algorithms: [HS256], secret: %s}
                policy: {dir: %s}
                sark_api: {enabled: true, users_file: %s}
                """.formatted(TestGateway.SECRET, dir.resolve("sark/policies").toAbsolutePath(), users));
        assertThat(userAdd(cli, PASSWORD, "--email", "dev@example.com", "--id", "dev-1", "--roles", "developer"))
                .isZero();
        assertThat(userAdd(cli, "short", "--email", "x@example.com")).as("too short a password").isEqualTo(1);

        sark = TestGateway.startWithPolicy(dir.resolve("sark"), TestGateway.shippedPolicy(), new FakeUpstreams()
                .server("postgres-mcp", true, Map.of("sensitivity_level", "high"), "execute_query"), """
                sark_api:
                  enabled: true
                  users_file: %s
                """.formatted(users));
        FakeUpstreams upstreams = new FakeUpstreams().server("postgres-mcp", true, Map.of("sensitivity_level", "high"),
                "execute_query");
        gateway = TestGateway.start(dir.resolve("gateway"), upstreams, null, """
                authz:
                  engine: sark
                sark:
                  url: %s
                  api_key: %s
                """.formatted(sark.uri(""), sark.token("warden-gateway", "admin")));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        sark.close();
    }

    static Response login(String email, String password) {
        return sark.post("/api/v1/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    }

    @Test
    void theUsersFileHoldsOnlyAnArgon2idHash() throws Exception {
        String text = Files.readString(users);
        assertThat(text).contains("dev@example.com").contains("$argon2id$v=19$m=19456,t=2,p=1$")
                .doesNotContain(PASSWORD);
    }

    @Test
    void loginTokenListServersSelectAllowedDropDenied() {
        Response login = login("Dev@Example.com", PASSWORD);
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        assertThat(login.json().get("token_type").asString()).isEqualTo("Bearer");
        assertThat(login.json().get("expires_in").asInt()).isEqualTo(3600);
        String token = login.json().get("access_token").asString();

        Response servers = sark.get("/api/v1/gateway/servers", token);
        assertThat(servers.json().get("servers")).hasSize(1);
        assertThat(servers.json().at("/servers/0/name").asString()).isEqualTo("postgres-mcp");
        assertThat(servers.json().at("/servers/0/tools/0/name").asString()).isEqualTo("execute_query");

        Response select = gateway.post("/tools/invoke", token,
                "{\"server_name\":\"postgres-mcp\",\"tool_name\":\"execute_query\",\"parameters\":{\"query\":\"SELECT 1\"}}");
        assertThat(select.status()).isEqualTo(200);
        Response drop = gateway.post("/tools/invoke", token,
                "{\"server_name\":\"postgres-mcp\",\"tool_name\":\"execute_query\",\"parameters\":{\"query\":\"DROP TABLE t\"}}");
        assertThat(drop.status()).isEqualTo(403);
        try (SqliteAuditStore store = SqliteAuditStore.open(sark.config.audit().dbPath())) {
            List<AuditEvent> there = store.query(new AuditQuery("dev-1", null, null, null, 100));
            assertThat(there).extracting(AuditEvent::decision).contains("allow", "deny");
        }
    }

    @Test
    void aWrongPasswordIs401AuditedWithoutThePasswordAndRepeatedFailuresAreRateLimited() {
        Response wrong = login("limited@example.com", "not-the-password-1");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().at("/error/message").asString()).isEqualTo("invalid email or password");
        assertThat(wrong.header("X-RateLimit-Limit")).isEqualTo("30");
        for (int i = 0; i < 4; i++) login("limited@example.com", "not-the-password-1");
        Response limited = login("limited@example.com", "not-the-password-1");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().at("/error/code").asString()).isEqualTo("RATE_LIMIT_EXCEEDED");
        assertThat(limited.json().at("/error/details/retry_after").asLong()).isPositive();
        assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(limited.header("Retry-After")).isNotNull();
        try (SqliteAuditStore store = SqliteAuditStore.open(sark.config.audit().dbPath())) {
            List<AuditEvent> records = store.query(new AuditQuery("limited@example.com", null, null, null, 100));
            assertThat(records).hasSize(6).allSatisfy(e -> {
                assertThat(e.decision()).isEqualTo("deny");
                assertThat(String.valueOf(e.parameters()) + e.reason()).doesNotContain("not-the-password");
            });
        }
        assertThat(login("dev@example.com", PASSWORD).status()).as("another account is not affected").isEqualTo(200);
    }

    @Test
    void concurrentWrongPasswordsForOneAccountGetNoMoreChecksThanTheLimit() throws Exception {
        List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(12)) {
            for (int i = 0; i < 24; i++) {
                answers.add(pool.submit(() -> login("racing@example.com", "not-the-password-2").status()));
            }
        }
        List<Integer> statuses = new java.util.ArrayList<>();
        for (var a : answers) statuses.add(a.get());
        assertThat(statuses).as("five passwords checked, the rest refused before any check")
                .containsOnly(401, 429).filteredOn(s -> s == 401).hasSize(5);
    }

    @Test
    void aServiceAskingWhichServersAUserMayUseGetsTheAnswerForTheRolesInTheUsersFile() {
        String service = sark.token("warden-gateway", "admin");
        Response known = sark.get("/api/v1/gateway/servers?user_id=dev-1", service);
        assertThat(known.status()).isEqualTo(200);
        assertThat(known.json().get("servers").findValuesAsString("name")).as("dev-1 is a developer")
                .containsExactly("postgres-mcp", "execute_query");
        Response unknown = sark.get("/api/v1/gateway/servers?user_id=nobody-9", service);
        assertThat(unknown.json().get("servers")).as("a user with no known roles may use nothing").isEmpty();
    }
}
