package dev.warden.gateway.sark;

import dev.warden.gateway.audit.AuditEvent;
import dev.warden.gateway.auth.Principal;
import dev.warden.gateway.authz.CachingDecisionPoint;
import dev.warden.gateway.authz.Decision;
import dev.warden.gateway.authz.DecisionRequest;
import dev.warden.gateway.config.ServerConfig;
import dev.warden.gateway.http.ApiException;
import dev.warden.gateway.http.ApiServices;
import dev.warden.gateway.http.ErrorCode;
import dev.warden.gateway.http.JsonBodies;
import dev.warden.gateway.http.RestApi;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/v1/gateway/authorize}: one decision by this Warden's engine for another gateway, recorded in
 * the audit trail. {@code 200 {allow, reason, filtered_parameters, audit_id, cache_ttl, metadata}} when allowed,
 * {@code 200 {allow: false, reason, cache_ttl: 0}} when denied; 500 {@code POLICY_EVALUATION_ERROR} when the
 * policy could not be evaluated and 503 {@code GATEWAY_NOT_ENABLED} when this Warden's own decision service is
 * unavailable, both of which a gateway treats as deny.
 */
final class AuthorizeEndpoint {
    static final Set<String> FIELDS = Set.of("action", "server_name", "tool_name", "parameters", "user",
            "gateway_metadata");
    static final Set<String> ACTIONS = Set.of(DecisionRequest.INVOKE, DecisionRequest.LIST, "gateway:server:access",
            DecisionRequest.RESOURCE_READ, "gateway:server:list", "gateway:tool:discover", "gateway:server:info",
            // what a Warden federating resources and prompts over MCP asks (tool_name: the URI or prompt name)
            DecisionRequest.RESOURCE_LIST, DecisionRequest.PROMPT_LIST, DecisionRequest.PROMPT_GET);

    private final ApiServices services;
    private final Subjects subjects;

    AuthorizeEndpoint(ApiServices services, Subjects subjects) {
        this.services = services;
        this.subjects = subjects;
    }

    void handle(Context ctx) {
        ObjectNode body = JsonBodies.object(ctx, services.config().gateway().maxBodyBytes(), FIELDS);
        String action = JsonBodies.requiredString(body, "action");
        if (!ACTIONS.contains(action)) {
            throw ApiException.invalid("action", "unknown action '" + action + "'; expected one of "
                    + ACTIONS.stream().sorted().toList());
        }
        String server = JsonBodies.requiredString(body, "server_name");
        String tool = body.hasNonNull("tool_name") || DecisionRequest.INVOKE.equals(action)
                ? JsonBodies.requiredString(body, "tool_name") : null;
        ObjectNode parameters = JsonBodies.optionalObject(body, "parameters");
        JsonBodies.optionalObject(body, "gateway_metadata"); // checked for shape; ours describes this request

        Principal caller = subjects.caller(ctx, action, server, tool, parameters);
        Principal user = subjects.about(caller, body);
        Map<String, Object> metadata = services.upstreams().server(server).map(ServerConfig::metadata).orElse(Map.of());
        Decision d = services.pdp().decide(new DecisionRequest(action, server, tool, parameters, user, metadata,
                RestApi.decisionContext(ctx, services.clock())));
        String auditId = services.audit().record(AuditEvent.builder(AuditEvent.Type.DECISION, RestApi.requestId(ctx))
                .principal(user).target(action, server, tool).parameters(parameters)
                .decision(d.auditName(), d.reason(), d.policyVersion()), RestApi.startNanos(ctx));

        if (d.unavailable()) {
            throw new ApiException(ErrorCode.GATEWAY_NOT_ENABLED, d.reason(), Map.of("audit_id", auditId));
        }
        if (d.failed()) {
            throw new ApiException(ErrorCode.POLICY_EVALUATION_ERROR, d.reason(), Map.of("audit_id", auditId));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("allow", d.allow());
        out.put("reason", d.reason());
        if (d.allow()) {
            JsonNode filtered = d.filteredParameters() != null ? d.filteredParameters() : parameters;
            out.put("filtered_parameters", filtered);
            out.put("audit_id", auditId);
            out.put("cache_ttl", CachingDecisionPoint.ttlSeconds(d, metadata));
            out.put("metadata", Map.of("policy_version", d.policyVersion(),
                    "evaluated_at", services.clock().instant().toString()));
        } else {
            out.put("cache_ttl", 0);
        }
        ctx.json(out);
    }
}
