package dev.warden.gateway.audit;

import java.time.Instant;

/**
 * A filter over audit records; null fields match everything. Newest first, at most {@code limit}.
 *
 * <pre>{@code
 * List<AuditEvent> denials = store.query(new AuditQuery("alice", null, "deny", null, 50));
 * }</pre>
 */
public record AuditQuery(String user, String server, String decision, Instant since, int limit) {
    public static final int MAX_LIMIT = 1000;
}
