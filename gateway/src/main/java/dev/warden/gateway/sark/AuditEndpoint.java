package dev.warden.gateway.sark;

import dev.warden.gateway.audit.AuditEvent;
import dev.warden.gateway.auth.Principal;
import dev.warden.gateway.http.ApiException;
import dev.warden.gateway.http.ApiServices;
import dev.warden.gateway.http.JsonBodies;
import dev.warden.gateway.http.RestApi;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/v1/gateway/audit}: a gateway reports an event, which is stored in this Warden's audit trail as
 * a {@code gateway_report} record (its {@code metadata} redacted like tool arguments). Answers {@code 201
 * {audit_id, status: "logged", timestamp}}. A caller without the service role can only report about itself.
 */
final class AuditEndpoint {
    static final Set<String> FIELDS = Set.of("event_type", "server_name", "tool_name", "user_id",
            "authorization_decision", "timestamp", "metadata");
    static final List<String> EVENT_TYPES = List.of("tool_invocation", "authorization", "error", "a2a_request");
    static final Set<String> DECISIONS = Set.of("allow", "deny", "error");

    private final ApiServices services;
    private final Subjects subjects;

    AuditEndpoint(ApiServices services, Subjects subjects) {
        this.services = services;
        this.subjects = subjects;
    }

    void handle(Context ctx) {
        ObjectNode body = JsonBodies.object(ctx, services.config().gateway().maxBodyBytes(), FIELDS);
        String type = JsonBodies.requiredString(body, "event_type");
        if (!EVENT_TYPES.contains(type)) {
            throw ApiException.invalid("event_type", "must be one of " + EVENT_TYPES + ", got '" + type + "'");
        }
        String server = optionalString(body, "server_name");
        String tool = optionalString(body, "tool_name");
        String decision = optionalString(body, "authorization_decision");
        if (decision != null && !DECISIONS.contains(decision)) {
            throw ApiException.invalid("authorization_decision", "must be allow, deny or error, got '" + decision + "'");
        }
        String reported = optionalString(body, "timestamp");
        if (reported != null) {
            try {
                Instant.parse(reported);
            } catch (DateTimeParseException e) {
                throw ApiException.invalid("timestamp", "must be an ISO 8601 instant such as 2026-01-01T12:00:00Z");
            }
        }
        ObjectNode metadata = JsonBodies.optionalObject(body, "metadata");

        Principal caller = subjects.caller(ctx, "gateway:audit:write", server, tool, null);
        if (!subjects.isService(caller)) {
            // Gateways report here; a user's own records are the ones Warden writes for its calls.
            throw Subjects.forbidden("reporting audit events needs the '" + services.config().authz().serviceRole()
                    + "' role (sark_api.service_role) or an API key");
        }
        // As the gateway reported it: the user it names (roles and email are in the metadata, as the gateway saw
        // them), or none, for a request whose caller it could not identify; never the reporting gateway itself.
        String userId = optionalString(body, "user_id");
        Principal user = userId == null ? null : new Principal(userId, null, List.of(), List.of());

        ObjectNode stored = JsonNodeFactory.instance.objectNode();
        stored.put("event_type", type);
        if (reported != null) stored.put("reported_at", reported);
        stored.put("reported_by", caller.subject());
        stored.set("metadata", metadata);
        JsonNode reason = metadata.get("reason");
        AuditEvent.Builder record = AuditEvent.builder(AuditEvent.Type.GATEWAY_REPORT, RestApi.requestId(ctx));
        if (user != null) record.principal(user);
        String auditId = services.audit().record(record.target(type, server, tool).parameters(stored)
                .decision(decision, reason != null && reason.isString() ? reason.asString() : null, null),
                RestApi.startNanos(ctx));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("audit_id", auditId);
        out.put("status", "logged");
        out.put("timestamp", services.clock().instant().toString());
        ctx.status(201).json(out);
    }

    private static String optionalString(ObjectNode body, String field) {
        return body.hasNonNull(field) ? JsonBodies.requiredString(body, field) : null;
    }
}
