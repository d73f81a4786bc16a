package dev.warden.gateway.audit;

import java.util.LinkedHashMap;
import java.util.List;
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
    private final String parametersJson;

    AuditFields(AuditEvent event) { this(event, SqliteAuditStore.parametersJson(event)); }

    /** @param parametersJson the event's parameters as JSON text, already written for the store */
    AuditFields(AuditEvent event, String parametersJson) {
        this.event = event;
        this.parametersJson = parametersJson;
    }

    @Override
    public void writeTo(JsonGenerator g) {
        each(event, parametersJson, new Fields() {
            @Override
            public void text(String name, String value) { g.writeStringProperty(name, value); }

            @Override
            public void texts(String name, List<String> values) {
                g.writeName(name);
                g.writeStartArray();
                for (String v : values) g.writeString(v);
                g.writeEndArray();
            }

            @Override
            public void number(String name, long value) { g.writeNumberProperty(name, value); }
        });
    }

    /** As the map of the fields prints: {@code {audit_id=…, event_type=…, …}} (for text formats and tests). */
    @Override
    public String toString() { return asMap(event, parametersJson).toString(); }

    /** The same fields as a map, in the same order, absent values left out ({@link #writeTo} writes these). */
    static Map<String, Object> asMap(AuditEvent e) {
        return asMap(e, SqliteAuditStore.parametersJson(e));
    }

    private static Map<String, Object> asMap(AuditEvent e, String parametersJson) {
        Map<String, Object> m = new LinkedHashMap<>();
        each(e, parametersJson, new Fields() {
            @Override
            public void text(String name, String value) { m.put(name, value); }

            @Override
            public void texts(String name, List<String> values) { m.put(name, values); }

            @Override
            public void number(String name, long value) { m.put(name, value); }
        });
        return m;
    }

    /** Where the fields go: the JSON line or the map. */
    private interface Fields {
        void text(String name, String value);

        void texts(String name, List<String> values);

        void number(String name, long value);
    }

    /** The record's fields, in their order, once for both forms; absent (null) values are left out. */
    private static void each(AuditEvent e, String parametersJson, Fields f) {
        f.text("audit_id", e.auditId());
        f.text("event_type", e.type().wireName());
        optional(f, "subject", e.subject());
        optional(f, "email", e.email());
        f.texts("roles", e.roles());
        optional(f, "action", e.action());
        optional(f, "server", e.server());
        optional(f, "tool", e.tool());
        optional(f, "parameters", parametersJson);
        optional(f, "decision", e.decision());
        optional(f, "reason", e.reason());
        optional(f, "policy_version", e.policyVersion());
        optional(f, "upstream_status", e.upstreamStatus());
        f.number("latency_ms", e.latencyMs());
    }

    private static void optional(Fields f, String name, String value) {
        if (value != null) f.text(name, value);
    }
}
