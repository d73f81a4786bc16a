package dev.warden.gateway.http;

import dev.warden.gateway.audit.AuditEvent;
import dev.warden.gateway.audit.AuditEvent.Type;
import dev.warden.gateway.auth.Principal;
import dev.warden.gateway.authz.Decision;
import dev.warden.gateway.authz.DecisionRequest;
import dev.warden.gateway.config.ServerConfig;
import dev.warden.gateway.upstream.UpstreamException;
import dev.warden.gateway.upstream.Upstreams.ToolCallOutcome;
import dev.warden.gateway.upstream.Upstreams.ToolInfo;
import dev.warden.gateway.upstream.Upstreams.UpstreamStatus;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /tools/invoke}: the gateway's request path for one tool call, read top to bottom.
 *
 * <p>The order is deliberate: cheap rejections first (body size and shape cost nothing and need no key), then
 * identity (nothing about servers is revealed to an unauthenticated caller), then routing (an unknown or disabled
 * server is a 404/503 before any policy runs), then policy (fail closed), and the network last. Every refusal and
 * every outcome is committed to the audit trail before the response is sent.
 */
final class ToolInvocation {
    static final Set<String> FIELDS = Set.of("server_name", "tool_name", "parameters");
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final ApiServices services;
    private final Caller caller;

    ToolInvocation(ApiServices services, Caller caller) {
        this.services = services;
        this.caller = caller;
    }

    void handle(Context ctx) {
        String requestId = RestApi.requestId(ctx);
        long start = RestApi.startNanos(ctx);

        // 1. The body: size limit, well-formed JSON, known fields, right types.
        ObjectNode body = JsonBodies.object(ctx, services.config().gateway().maxBodyBytes(), FIELDS);
        String serverName = JsonBodies.requiredString(body, "server_name");
        String toolName = JsonBodies.requiredString(body, "tool_name");
        ObjectNode parameters = JsonBodies.optionalObject(body, "parameters");

        // 2. Identity.
        Principal who = caller.authenticate(ctx, DecisionRequest.INVOKE, serverName, toolName, parameters);
        AuditEvent.Builder decisionRecord = AuditEvent.builder(Type.DECISION, requestId).principal(who)
                .target(DecisionRequest.INVOKE, serverName, toolName).parameters(parameters);

        // 3. Routing.
        ServerConfig server = route(requestId, start, who, serverName, toolName, parameters);

        // 4. Policy.
        Decision decision = services.pdp().decide(new DecisionRequest(DecisionRequest.INVOKE, serverName, toolName,
                parameters, who, server.metadata(), RestApi.decisionContext(ctx, services.clock())));
        String decisionId = services.audit().record(decisionRecord.decision(decision.auditName(), decision.reason(),
                decision.policyVersion()), start);
        if (!decision.allow()) {
            throw new ApiException(ErrorCode.FORBIDDEN, decision.reason(),
                    Map.of("audit_id", decisionId, "policy_version", decision.policyVersion()));
        }

        // 5. The call, with the arguments the policy approved.
        ObjectNode arguments = decision.filteredParameters() != null ? decision.filteredParameters() : parameters;
        AuditEvent.Builder callRecord = AuditEvent.builder(Type.TOOL_CALL, requestId).principal(who)
                .target(DecisionRequest.INVOKE, serverName, toolName).parameters(arguments)
                .decision(decision.auditName(), decision.reason(), decision.policyVersion());
        ToolCallOutcome outcome;
        try {
            Duration timeout = server.timeout() != null ? server.timeout() : DEFAULT_TIMEOUT;
            outcome = services.upstreams().callTool(serverName, toolName, arguments, timeout);
        } catch (UpstreamException e) {
            String status = e instanceof UpstreamException.Timeout ? "timeout" : "unavailable";
            services.audit().record(callRecord.upstreamStatus(status), start);
            throw e;
        }
        String auditId = services.audit().record(callRecord.upstreamStatus(outcome.isError() ? "tool_error" : "ok"),
                start);
        ctx.json(response(outcome, auditId));
    }

    /** The registered, enabled server; 404 for an unknown server or tool, 503 for a disabled server. */
    private ServerConfig route(String requestId, long start, Principal who, String serverName, String toolName,
                               JsonNode parameters) {
        AuditEvent.Builder refusal = AuditEvent.builder(Type.ROUTING, requestId).principal(who)
                .target(DecisionRequest.INVOKE, serverName, toolName).parameters(parameters);
        ServerConfig server = services.upstreams().server(serverName).orElse(null);
        if (server == null) {
            services.audit().record(refusal.decision("deny", "unknown server", null).upstreamStatus("not_found"), start);
            throw new ApiException(ErrorCode.SERVER_NOT_FOUND, "no MCP server named '" + serverName
                    + "' is registered; GET /servers lists the servers you may use", Map.of("server_name", serverName));
        }
        if (!server.enabled() || services.upstreams().status(serverName).state() == UpstreamStatus.State.DISABLED) {
            services.audit().record(refusal.decision("deny", "server disabled", null).upstreamStatus("disabled"), start);
            throw new ApiException(ErrorCode.SERVER_DISABLED, "MCP server '" + serverName + "' is disabled",
                    Map.of("server_name", serverName));
        }
        List<ToolInfo> tools;
        try {
            tools = services.upstreams().tools(serverName);
        } catch (UpstreamException.Unavailable e) {
            return server; // cannot check the tool now; policy still decides, and the call reports the outage
        }
        if (tools.stream().noneMatch(t -> t.name().equals(toolName))) {
            services.audit().record(refusal.decision("deny", "unknown tool", null).upstreamStatus("not_found"), start);
            throw new ApiException(ErrorCode.TOOL_NOT_FOUND, "MCP server '" + serverName + "' has no tool named '"
                    + toolName + "'", Map.of("server_name", serverName, "tool_name", toolName));
        }
        return server;
    }

    private static Map<String, Object> response(ToolCallOutcome outcome, String auditId) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("content", outcome.content());
        if (outcome.structuredContent() != null && !outcome.structuredContent().isNull()) {
            result.put("structuredContent", outcome.structuredContent());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", !outcome.isError());
        body.put("result", result);
        body.put("error", outcome.isError() ? errorText(outcome.content()) : null);
        body.put("audit_id", auditId);
        return body;
    }

    /** The text of a tool-level error, from the content's text items. */
    private static String errorText(JsonNode content) {
        StringBuilder sb = new StringBuilder();
        if (content != null) {
            for (JsonNode item : content) {
                // An item without a type but with text is read as text too, rather than losing the message.
                if (item.path("type").asString("text").equals("text") && item.has("text")) {
                    if (!sb.isEmpty()) sb.append('\n');
                    sb.append(item.path("text").asString(""));
                }
            }
        }
        return sb.isEmpty() ? "the tool reported an error" : sb.toString();
    }
}
