package dev.warden.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.warden.gateway.config.WardenConfig.SarkSettings;
import dev.warden.gateway.support.ScriptedHttpServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AuditForwarderTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final AuditForwarder.Retry FAST = new AuditForwarder.Retry(3, Duration.ofMillis(10), 1);
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    final Logger logger = (Logger) LoggerFactory.getLogger(AuditForwarder.class);

    @BeforeEach
    void captureLogs() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() { logger.detachAppender(logs); }

    static AuditEvent event(String id, AuditEvent.Type type) {
        return new AuditEvent(id, Instant.parse("2026-01-01T12:00:00Z"), type, "req-1", "alice", "alice@example.com",
                List.of("developer"), "gateway:tool:invoke", "postgres-mcp", "execute_query",
                JSON.readTree("{\"query\":\"SELECT 1\"}"), "allow", "Allowed: developer", "abc123", "ok", 12);
    }

    static SarkSettings settings(ScriptedHttpServer sark, int queue) {
        return new SarkSettings(sark.uri(), Duration.ofSeconds(2), "sark_gw_" + "a".repeat(32), "csrf-1", true, queue);
    }

    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting until " + what);
            Thread.sleep(20);
        }
    }

    @Test
    void sendsEachRecordInTheContractsShapeWithTheConfiguredHeaders() throws Exception {
        try (ScriptedHttpServer sark = new ScriptedHttpServer().reply(201, "{\"audit_id\":\"x\",\"status\":\"logged\"}")) {
            AuditForwarder f = AuditForwarder.start(settings(sark, 10), FAST);
            f.offer(event("a-1", AuditEvent.Type.TOOL_CALL));
            eventually("it is sent", () -> f.stats().sent() == 1);
            ScriptedHttpServer.Received r = sark.last();
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/api/v1/gateway/audit");
            assertThat(r.header("Authorization")).isEqualTo("Bearer sark_gw_" + "a".repeat(32));
            assertThat(r.header("X-Gateway-Api-Key")).isEqualTo("sark_gw_" + "a".repeat(32));
            assertThat(r.header("X-CSRF-Token")).isEqualTo("csrf-1");
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.get("event_type").asString()).isEqualTo("tool_invocation");
            assertThat(body.get("server_name").asString()).isEqualTo("postgres-mcp");
            assertThat(body.get("tool_name").asString()).isEqualTo("execute_query");
            assertThat(body.get("user_id").asString()).isEqualTo("alice");
            assertThat(body.get("authorization_decision").asString()).isEqualTo("allow");
            assertThat(body.get("timestamp").asString()).isEqualTo("2026-01-01T12:00:00Z");
            assertThat(body.at("/metadata/audit_id").asString()).isEqualTo("a-1");
            assertThat(body.at("/metadata/policy_version").asString()).isEqualTo("abc123");
            assertThat(body.at("/metadata/parameters/query").asString()).isEqualTo("SELECT 1");
            f.close(Duration.ofSeconds(1));
            assertThat(f.stats().dropped()).isZero();
        }
    }

    @Test
    void aRecordTooLargeToForwardLosesItsParametersNotItself() {
        String query = "SELECT '" + "x".repeat(AuditForwarder.MAX_BODY_CHARS) + "'";
        AuditEvent big = new AuditEvent("id-big", Instant.parse("2026-01-01T12:00:00Z"), AuditEvent.Type.DECISION,
                "req-2", "alice", null, List.of("developer"), "gateway:tool:invoke", "postgres-mcp", "execute_query",
                JSON.createObjectNode().put("query", query), "deny", "too big", "abc123", null, 3);
        String body = AuditForwarder.sized(big);
        assertThat(body.length()).isLessThanOrEqualTo(AuditForwarder.MAX_BODY_CHARS);
        var sent = JSON.readTree(body);
        assertThat(sent.at("/metadata/audit_id").asString()).isEqualTo("id-big");
        assertThat(sent.at("/authorization_decision").asString()).isEqualTo("deny");
        assertThat(sent.at("/metadata/parameters/truncated").asString()).startsWith("the parameters were ")
                .endsWith("the gateway's own audit store holds them under this audit_id");
        assertThat(AuditForwarder.sized(event("id-small", AuditEvent.Type.DECISION)))
                .as("a record that fits is sent whole").contains("SELECT 1");
    }

    @Test
    void serverErrorsAreRetriedThenTheRecordIsGivenUpAndLoggedByItsAuditId() throws Exception {
        try (ScriptedHttpServer sark = new ScriptedHttpServer().reply(503, "{\"detail\":\"maintenance\"}")) {
            AuditForwarder f = AuditForwarder.start(settings(sark, 10), FAST);
            f.offer(event("a-2", AuditEvent.Type.DECISION));
            eventually("it is given up", () -> f.stats().dropped() == 1);
            assertThat(sark.requests).hasSize(3);
            assertThat(f.stats().lastFailure()).contains("HTTP 503").contains("maintenance");
            assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("a-2")
                    .contains("not forwarded").contains("HTTP 503"));
            f.close(Duration.ofSeconds(1));
        }
    }

    @Test
    void aRefusalIsNotRetried() throws Exception {
        try (ScriptedHttpServer sark = new ScriptedHttpServer().reply(422, "{\"detail\":[{\"msg\":\"bad\"}]}")) {
            AuditForwarder f = AuditForwarder.start(settings(sark, 10), FAST);
            f.offer(event("a-3", AuditEvent.Type.ROUTING));
            eventually("it is given up", () -> f.stats().dropped() == 1);
            assertThat(sark.requests).hasSize(1);
            assertThat(JSON.readTree(sark.last().body()).get("event_type").asString()).isEqualTo("error");
            f.close(Duration.ofSeconds(1));
        }
    }

    @Test
    void aFullQueueDropsNewRecordsAtOnceInsteadOfBlockingTheCall() throws Exception {
        try (ScriptedHttpServer sark = new ScriptedHttpServer().reply(new ScriptedHttpServer.Reply(201, "{}", 1_000))) {
            AuditForwarder f = AuditForwarder.start(settings(sark, 1), FAST);
            long t0 = System.nanoTime();
            for (int i = 0; i < 5; i++) f.offer(event("q-" + i, AuditEvent.Type.TOOL_CALL));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(200));
            // One in flight, one queued at most; the rest dropped, each named in the log (which ones depends on when
            // the sender takes the first from the queue).
            assertThat(f.stats().dropped()).isGreaterThanOrEqualTo(3);
            assertThat(logs.list.stream().map(e -> e.getFormattedMessage())
                    .filter(m -> m.contains("queue is full") && m.matches(".*audit record q-\\d .*")))
                    .hasSize((int) f.stats().dropped());
            f.close(Duration.ofSeconds(5));
            assertThat(f.stats().sent() + f.stats().dropped()).isEqualTo(5);
        }
    }

    @Test
    void reportsReceivedFromOtherGatewaysAreNotSentOn() throws Exception {
        try (ScriptedHttpServer sark = new ScriptedHttpServer().reply(201, "{}")) {
            AuditForwarder f = AuditForwarder.start(settings(sark, 10), FAST);
            f.offer(event("r-1", AuditEvent.Type.GATEWAY_REPORT));
            f.offer(event("r-2", AuditEvent.Type.DECISION));
            eventually("the decision is sent", () -> f.stats().sent() == 1);
            f.close(Duration.ofSeconds(1));
            assertThat(sark.requests).singleElement().satisfies(r ->
                    assertThat(JSON.readTree(r.body()).at("/metadata/audit_id").asString()).isEqualTo("r-2"));
        }
    }
}
