package dev.warden.gateway.audit;

import java.time.Clock;
import dev.warden.gateway.observability.Uuids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the request pipeline records what happened: redacts the arguments, commits the record to the store, and
 * emits it as a JSON log line on the dedicated {@code warden.audit} logger (for shipping to a SIEM).
 *
 * <pre>{@code
 * String auditId = auditLog.record(AuditEvent.builder(Type.TOOL_CALL, requestId).principal(p)
 *         .target("gateway:tool:invoke", "postgres-mcp", "execute_query").upstreamStatus("ok"), startNanos);
 * }</pre>
 */
public final class AuditLog {
    private static final Logger AUDIT = LoggerFactory.getLogger("warden.audit");

    private final SqliteAuditStore store;
    private final Redactor redactor;
    private final Clock clock;
    private final AuditForwarder forwarder;

    public AuditLog(SqliteAuditStore store, Redactor redactor, Clock clock) {
        this(store, redactor, clock, null);
    }

    /** @param forwarder also sends every record to a remote SARK (queued, never blocking); null: none */
    public AuditLog(SqliteAuditStore store, Redactor redactor, Clock clock, AuditForwarder forwarder) {
        this.store = store;
        this.redactor = redactor;
        this.clock = clock;
        this.forwarder = forwarder;
    }

    /**
     * Commits one record and returns its audit id.
     *
     * @param startNanos {@link System#nanoTime()} when the request arrived, for the latency field
     */
    public String record(AuditEvent.Builder builder, long startNanos) {
        AuditEvent event = event(builder, startNanos);
        String parameters = SqliteAuditStore.parametersJson(event); // once, for the store and the log line
        store.append(event, parameters);
        published(event, parameters);
        return event.auditId();
    }

    /**
     * Queues one record and returns at once with its id; the caller must {@link Pending#await()} it before it
     * answers its client. A request that makes two records (the decision, then the call's outcome) queues the first
     * and waits for both at the end, so that it waits for one commit instead of two.
     */
    public Pending begin(AuditEvent.Builder builder, long startNanos) {
        AuditEvent event = event(builder, startNanos);
        String parameters = SqliteAuditStore.parametersJson(event); // once, for the store and the log line
        SqliteAuditStore.Pending write = store.appendLater(event, parameters);
        return new Pending(event.auditId(), () -> {
            write.await();
            published(event, parameters);
        });
    }

    /** A queued record: its id, and the wait for its commit (after which it is logged and forwarded). */
    public record Pending(String auditId, Runnable commit) {
        /** Returns once the record is committed; throws {@link AuditStoreException} when it could not be. */
        public void await() { commit.run(); }
    }

    private AuditEvent event(AuditEvent.Builder builder, long startNanos) {
        long latencyMs = (System.nanoTime() - startNanos) / 1_000_000;
        return builder.build(Uuids.next(), clock.instant(), redactor.redact(builder.parameters()), latencyMs);
    }

    /** After the local commit (the local store is the record): the log line, and the remote copy if any. */
    private void published(AuditEvent event, String parametersJson) {
        if (forwarder != null) forwarder.offer(event);
        if (AUDIT.isInfoEnabled()) {
            AUDIT.info("audit {}", event.type().wireName(), new AuditFields(event, parametersJson));
        }
    }

    public SqliteAuditStore store() { return store; }

    /** Where records are also sent, or null. */
    public AuditForwarder forwarder() { return forwarder; }
}
