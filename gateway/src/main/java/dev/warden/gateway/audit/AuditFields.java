package dev.warden.gateway.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import net.logstash.logback.argument.StructuredArgument;
import tools.jackson.core.JsonGenerator;

/**
 * An audit record's fields as one structured argument of its log line: the JSON encoder writes them straight into
 * the line, on the log writer's thread. {@code StructuredArguments.entries(map)}, used before, had every request
 * build a map of the fields first, and the encoder then looked up a serializer for each value. The line is the
 * same either way (the same keys in the same order, absent values left out, parameters as JSON text).
 */
final class AuditFields implements StructuredArgument {
    private final AuditEvent event;

    AuditFields(AuditEvent event) { this.event = event; }

    @Override
    public void writeTo(JsonGenerator g) {
        AuditEvent e = event;
        g.writeStringProperty("audit_id", e.auditId());
        g.writeStringProperty("event_type", e.type().wireName());
        optional(g, "subject", e.subject());
        optional(g, "email", e.email());
        g.writeName("roles");
        g.writeStartArray();
        for (String role : e.roles()) g.writeString(role);
        g.writeEndArray();
        optional(g, "action", e.action());
        optional(g, "server", e.server());
        optional(g, "tool", e.tool());
        optional(g, "parameters", e.parameters() == null ? null : e.parameters().toString());
        optional(g, "decision", e.decision());
        optional(g, "reason", e.reason());
        optional(g, "policy_version", e.policyVersion());
        optional(g, "upstream_status", e.upstreamStatus());
        g.writeNumberProperty("latency_ms", e.latencyMs());
    }

    private static void optional(JsonGenerator g, String name, String value) {
        if (value != null) g.writeStringProperty(name, value);
    }

    /** As the map of the fields prints: {@code {audit_id=…, event_type=…, …}} (for text formats and tests). */
    @Override
    public String toString() { return asMap(event).toString(); }

    /** The same fields as a map, in the same order, absent values left out ({@link #writeTo} writes these). */
    static Map<String, Object> asMap(AuditEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("audit_id", e.auditId());
        m.put("event_type", e.type().wireName());
        put(m, "subject", e.subject());
        put(m, "email", e.email());
        m.put("roles", e.roles());
        put(m, "action", e.action());
        put(m, "server", e.server());
        put(m, "tool", e.tool());
        put(m, "parameters", e.parameters() == null ? null : e.parameters().toString());
        put(m, "decision", e.decision());
        put(m, "reason", e.reason());
        put(m, "policy_version", e.policyVersion());
        put(m, "upstream_status", e.upstreamStatus());
        m.put("latency_ms", e.latencyMs());
        return m;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) m.put(key, value);
    }
}
