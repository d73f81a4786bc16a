package dev.warden.gateway.sark;

import dev.warden.gateway.audit.AuditEvent;
import dev.warden.gateway.auth.Principal;
import dev.warden.gateway.authz.A2aPolicyEngine;
import dev.warden.gateway.authz.Decision;
import dev.warden.gateway.http.ApiException;
import dev.warden.gateway.http.ApiServices;
import dev.warden.gateway.http.ErrorCode;
import dev.warden.gateway.http.JsonBodies;
import dev.warden.gateway.http.RestApi;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/v1/gateway/authorize-a2a}: may one agent invoke (or delegate to) another? Decided by the
 * embedded {@code mcp.gateway.a2a} policy with the body as input; answered like {@code /authorize} plus
 * {@code max_delegation_depth}. Only service-role callers (gateways) may ask, since the body names agents and users
 * the token does not prove. 503 when this Warden does not decide with its embedded engine.
 */
final class A2aEndpoint {
    static final Set<String> FIELDS = Set.of("action", "source_agent", "target_agent", "tool_name", "parameters",
            "context");

    private final ApiServices services;
    private final Subjects subjects;
    private final Supplier<A2aPolicyEngine> engine;

    /** @param engine the A2A policy, or a supplier answering null when the embedded engine is not in use */
    A2aEndpoint(ApiServices services, Subjects subjects, Supplier<A2aPolicyEngine> engine) {
        this.services = services;
        this.subjects = subjects;
        this.engine = engine;
    }

    void handle(Context ctx) {
        ObjectNode body = JsonBodies.object(ctx, services.config().gateway().maxBodyBytes(), FIELDS);
        String action = JsonBodies.requiredString(body, "action");
        if (!action.equals("a2a:invoke") && !action.equals("a2a:delegate")) {
            throw ApiException.invalid("action", "must be a2a:invoke or a2a:delegate, got '" + action + "'");
        }
        ObjectNode source = requiredObject(body, "source_agent");
        ObjectNode target = requiredObject(body, "target_agent");
        String tool = JsonBodies.requiredString(body, "tool_name");
        ObjectNode parameters = JsonBodies.optionalObject(body, "parameters");
        ObjectNode context = JsonBodies.optionalObject(body, "context");
        if (context.has("delegation_depth") && (!context.get("delegation_depth").canConvertToInt()
                || context.get("delegation_depth").asInt() < 0)) {
            // A negative depth would count as room to delegate further, past any limit the policy sets.
            throw ApiException.invalid("context.delegation_depth", "must be a whole number, 0 or more");
        }

        Principal caller = subjects.caller(ctx, action, target.path("name").asString(null), tool, parameters);
        if (!subjects.isService(caller)) {
            throw Subjects.forbidden("asking about agents needs the '" + services.config().authz().serviceRole()
                    + "' role (sark_api.service_role)");
        }
        A2aPolicyEngine a2a = engine.get();
        if (a2a == null) {
            throw new ApiException(ErrorCode.GATEWAY_NOT_ENABLED, "A2A authorization needs authz.engine: embedded");
        }
        A2aPolicyEngine.Answer answer = a2a.decide(body);
        Decision d = answer.decision();
        String userId = context.path("user_id").asString(null);
        String auditId = services.audit().record(AuditEvent.builder(AuditEvent.Type.DECISION, RestApi.requestId(ctx))
                .principal(userId == null ? caller : new Principal(userId, null, List.of(), List.of()))
                .target(action, "agent:" + target.path("id").asString(target.path("name").asString("?")), tool)
                .parameters(body).decision(d.auditName(), d.reason(), d.policyVersion()), RestApi.startNanos(ctx));
        if (d.failed()) {
            throw new ApiException(ErrorCode.POLICY_EVALUATION_ERROR, d.reason(), Map.of("audit_id", auditId));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("allow", d.allow());
        out.put("reason", d.reason());
        if (d.allow()) {
            out.put("filtered_parameters", d.filteredParameters() != null ? d.filteredParameters() : parameters);
            out.put("audit_id", auditId);
        }
        out.put("cache_ttl", d.allow() ? Math.max(0, d.cacheTtlSeconds()) : 0);
        out.put("max_delegation_depth", answer.maxDelegationDepth());
        if (d.allow()) {
            out.put("metadata", Map.of("policy_version", d.policyVersion(),
                    "evaluated_at", services.clock().instant().toString()));
        }
        ctx.json(out);
    }

    private static ObjectNode requiredObject(ObjectNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) throw ApiException.invalid(field, "required");
        if (!(v instanceof ObjectNode o)) throw ApiException.invalid(field, "must be an object, got "
                + JsonBodies.kind(v));
        return o;
    }
}
