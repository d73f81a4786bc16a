package dev.warden.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.warden.gateway.auth.Principal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AuditTrailTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void redactsSecretLookingKeysAtAnyDepthWhateverTheirSpelling() {
        Redactor r = new Redactor(Set.of("password", "api_key", "token", "authorization"));
        JsonNode in = JSON.readTree("""
                {"query":"SELECT 1","db_password":"p1","Password":"p2","nested":{"apiKey":"k1",
                 "list":[{"X-Api-Key":"k2"},{"github_token":"t1"}]},"max_tokens":100,"Authorization":"Bearer x"}""");
        JsonNode out = r.redact(in);
        assertThat(out.toString()).doesNotContain("p1", "p2", "k1", "k2", "t1", "Bearer x");
        assertThat(out.get("query").asString()).isEqualTo("SELECT 1");
        assertThat(out.get("max_tokens").asInt()).isEqualTo(100);
        assertThat(out.at("/nested/list/0/X-Api-Key").asString()).isEqualTo("[REDACTED]");
        assertThat(in.get("db_password").asString()).as("the input is not changed").isEqualTo("p1");
    }

    @Test
    void secretNamesAreCaughtWithoutSeparatorsInFullWidthFormsAndAsTheDefaultsListThem() {
        Redactor r = new Redactor(dev.warden.gateway.config.ConfigLoader.DEFAULT_REDACT_KEYS);
        for (String name : List.of("dbpassword", "githubtoken", "secret_key", "SECRETKEY", "aws_secret_access_key",
                "user_pwd", "passphrase", "ＰＡＳＳＷＯＲＤ", "password\u0000", "Session-Cookie", "clientCredential")) {
            assertThat(r.isSecret(name)).as(name).isTrue();
        }
        for (String name : List.of("query", "max_tokens", "secretary", "password_hint_shown", "keyword")) {
            assertThat(r.isSecret(name)).as(name).isFalse();
        }
    }

    @Test
    void aKeyNameAnswersTheSameEveryTimeItIsSeenEvenAfterThousandsOfOtherNames() {
        Redactor r = new Redactor(Set.of("password"));
        JsonNode in = JSON.readTree("{\"db_password\":\"p1\",\"query\":\"SELECT 1\"}");
        assertThat(r.redact(in).toString()).isEqualTo("{\"db_password\":\"[REDACTED]\",\"query\":\"SELECT 1\"}");
        for (int i = 0; i < 10_000; i++) r.isSecret("field_" + i); // more names than it remembers
        assertThat(r.redact(in).toString()).isEqualTo("{\"db_password\":\"[REDACTED]\",\"query\":\"SELECT 1\"}");
        assertThat(r.isSecret("userPassword")).isTrue();
        assertThat(r.isSecret("password_hint_shown")).isFalse();
    }

    @Test
    void recordsAreCommittedQueryableAndLoggedAsJsonWithTheRequestId() {
        Logger auditLogger = (Logger) LoggerFactory.getLogger("warden.audit");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        auditLogger.addAppender(captured);
        ch.qos.logback.classic.Level before = auditLogger.getLevel();
        auditLogger.setLevel(ch.qos.logback.classic.Level.INFO);
        Clock clock = Clock.fixed(Instant.parse("2026-05-01T10:00:00Z"), ZoneOffset.UTC);
        try (SqliteAuditStore store = SqliteAuditStore.open(dir.resolve("nested/dir/audit.db"))) {
            AuditLog log = new AuditLog(store, new Redactor(Set.of("password")), clock);
            MDC.put("request_id", "req-7");
            String id = log.record(AuditEvent.builder(AuditEvent.Type.DECISION, "req-7")
                    .principal(new Principal("alice", "alice@example.com", List.of("developer"), List.of()))
                    .target("gateway:tool:invoke", "postgres-mcp", "execute_query")
                    .parameters(JSON.readTree("{\"query\":\"DROP TABLE t\",\"password\":\"s3cret\"}"))
                    .decision("deny", "destructive", "abc123"), System.nanoTime());
            MDC.remove("request_id");

            try (SqliteAuditStore reader = SqliteAuditStore.open(dir.resolve("nested/dir/audit.db"))) {
                List<AuditEvent> rows = reader.query(new AuditQuery("alice@example.com", "postgres-mcp", "deny",
                        Instant.parse("2026-05-01T00:00:00Z"), 10));
                assertThat(rows).singleElement().satisfies(e -> {
                    assertThat(e.auditId()).isEqualTo(id);
                    assertThat(e.time()).isEqualTo(clock.instant());
                    assertThat(e.requestId()).isEqualTo("req-7");
                    assertThat(e.parameters().get("password").asString()).isEqualTo("[REDACTED]");
                    assertThat(e.policyVersion()).isEqualTo("abc123");
                });
                assertThat(reader.query(new AuditQuery(null, null, null, Instant.parse("2026-05-02T00:00:00Z"), 10)))
                        .isEmpty();
                assertThat(reader.isWritable()).isTrue();
            }
            assertThat(captured.list).singleElement().satisfies(e -> {
                assertThat(e.getMDCPropertyMap()).containsEntry("request_id", "req-7");
                assertThat(e.getFormattedMessage()).isEqualTo("audit decision");
                assertThat(java.util.Arrays.toString(e.getArgumentArray())).contains("audit_id=" + id)
                        .contains("decision=deny").doesNotContain("s3cret");
            });
        } finally {
            auditLogger.detachAppender(captured);
            auditLogger.setLevel(before);
        }
    }

    @Test
    void concurrentRecordsAreAllCommittedBeforeTheirWritersAreReleased() throws Exception {
        Clock clock = Clock.systemUTC();
        try (SqliteAuditStore store = SqliteAuditStore.open(dir.resolve("audit.db"))) {
            AuditLog log = new AuditLog(store, new Redactor(Set.of()), clock);
            int writers = 64;
            int each = 20;
            java.util.Set<String> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
            java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                for (int w = 0; w < writers; w++) {
                    int writer = w;
                    done.add(threads.submit(() -> {
                        for (int i = 0; i < each; i++) {
                            String id = log.record(AuditEvent.builder(AuditEvent.Type.TOOL_CALL, "req-" + writer)
                                    .principal(new Principal("user-" + writer, null, rolesOf(writer), List.of()))
                                    .target("gateway:tool:invoke", "s", "t").upstreamStatus("ok"), System.nanoTime());
                            // Released only after the commit: a reader on another connection sees the record now.
                            assertThat(store.query(new AuditQuery("user-" + writer, null, null, null, 1000)))
                                    .extracting(AuditEvent::auditId).contains(id);
                            ids.add(id);
                        }
                        return null;
                    }));
                }
            }
            for (var d : done) d.get(); // rethrows a writer's failed assertion
            assertThat(ids).hasSize(writers * each);
            List<AuditEvent> rows = store.query(new AuditQuery(null, null, null, null, 10_000));
            assertThat(rows).hasSize(writers * each);
            // Writers with different roles took turns: each record keeps its own writer's roles.
            assertThat(rows).allSatisfy(e -> assertThat(e.roles())
                    .isEqualTo(rolesOf(Integer.parseInt(e.subject().substring("user-".length())))));
        }
    }

    /** No roles, one, or two, by writer. */
    private static List<String> rolesOf(int writer) {
        return switch (writer % 3) {
            case 0 -> List.of();
            case 1 -> List.of("developer");
            default -> List.of("developer", "admin");
        };
    }

    @Test
    void aRecordThatCannotBeWrittenFailsAloneAndTheOthersAreKept() throws Exception {
        try (SqliteAuditStore store = SqliteAuditStore.open(dir.resolve("audit.db"))) {
            store.append(event("first"));
            // Many writers at once, one of them with an empty audit id (which the table refuses) in the same batch.
            java.util.List<java.util.concurrent.Future<?>> results = new java.util.ArrayList<>();
            try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 50; i++) {
                    String id = i == 25 ? "" : "id-" + i;
                    results.add(threads.submit(() -> store.append(event(id))));
                }
            }
            int failed = 0;
            for (var r : results) {
                try {
                    r.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    failed++;
                    assertThat(e.getCause()).isInstanceOf(AuditStoreException.class)
                            .hasMessageContaining("cannot write to the audit database");
                }
            }
            assertThat(failed).isEqualTo(1);
            assertThat(store.query(new AuditQuery(null, null, null, null, 1000))).hasSize(50);
            assertThat(store.isWritable()).isTrue();
        }
    }

    @Test
    void whileWritesFailAQueuedRecordIsWrittenAtOnceSoTheFailureStopsTheRequestEarly() {
        try (SqliteAuditStore store = SqliteAuditStore.open(dir.resolve("audit.db"))) {
            SqliteAuditStore.Pending queued = store.appendLater(event("a"));
            queued.await();
            assertThat(store.query(new AuditQuery(null, null, null, null, 10))).hasSize(1);

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.append(event(""))) // refused by the table
                    .isInstanceOf(AuditStoreException.class);
            // The store is failing now: queuing does not hide the next failure until the caller waits.
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.appendLater(event("")))
                    .isInstanceOf(AuditStoreException.class);

            store.appendLater(event("b")).await(); // a good write clears the state
            assertThat(store.query(new AuditQuery(null, null, null, null, 10))).hasSize(2);
        }
    }

    @Test
    void aRecordOfferedAfterCloseFailsClearlyInsteadOfWaitingForever() {
        SqliteAuditStore store = SqliteAuditStore.open(dir.resolve("audit.db"));
        store.append(event("before"));
        store.close();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.append(event("after")))
                .isInstanceOf(AuditStoreException.class).hasMessageContaining("closed");
    }

    private static AuditEvent event(String id) {
        return new AuditEvent(id, Instant.now(), AuditEvent.Type.TOOL_CALL, "req", "bob", null, List.of(),
                "gateway:tool:invoke", "s", "t", null, "allow", null, null, "ok", 1);
    }
}
