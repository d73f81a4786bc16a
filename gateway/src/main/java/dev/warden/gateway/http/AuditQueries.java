package dev.warden.gateway.http;

import dev.warden.gateway.audit.AuditEvent;
import dev.warden.gateway.audit.AuditQuery;
import dev.warden.gateway.auth.Principal;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code GET /audit?user=&server=&decision=&since=&limit=}: the audit trail, for callers with the admin role. */
final class AuditQueries {
    static final String ADMIN_ROLE = "admin";
    private static final Set<String> DECISIONS = Set.of("allow", "deny", "error");

    private final ApiServices services;
    private final Caller caller;

    AuditQueries(ApiServices services, Caller caller) {
        this.services = services;
        this.caller = caller;
    }

    void handle(Context ctx) {
        QueryParams.allowOnly(ctx, Set.of("user", "server", "decision", "since", "limit"));
        String decision = QueryParams.string(ctx, "decision");
        if (decision != null && !DECISIONS.contains(decision)) {
            throw ApiException.invalid("decision", "must be one of allow, deny, error; got '" + decision + "'");
        }
        AuditQuery query = new AuditQuery(QueryParams.string(ctx, "user"), QueryParams.string(ctx, "server"),
                decision, QueryParams.instant(ctx, "since"),
                QueryParams.integer(ctx, "limit", 100, 1, AuditQuery.MAX_LIMIT));
        Principal who = caller.authenticate(ctx, "gateway:audit:read", null, null, null);
        if (!who.hasRole(ADMIN_ROLE)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "reading the audit trail needs the '" + ADMIN_ROLE + "' role");
        }
        List<Map<String, Object>> events = services.audit().store().query(query).stream()
                .map(AuditQueries::json).toList();
        ctx.json(ServerListing.listing("events", events));
    }

    private static Map<String, Object> json(AuditEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("audit_id", e.auditId());
        m.put("time", e.time().toString());
        m.put("event_type", e.type().wireName());
        m.put("request_id", e.requestId());
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", e.subject());
        user.put("email", e.email());
        user.put("roles", e.roles());
        m.put("user", user);
        m.put("action", e.action());
        m.put("server", e.server());
        m.put("tool", e.tool());
        m.put("parameters", e.parameters());
        m.put("decision", e.decision());
        m.put("reason", e.reason());
        m.put("policy_version", e.policyVersion());
        m.put("upstream_status", e.upstreamStatus());
        m.put("latency_ms", e.latencyMs());
        return m;
    }
}
