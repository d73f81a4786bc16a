package dev.warden.gateway.http;

import dev.warden.gateway.auth.Principal;
import dev.warden.gateway.authz.DecisionRequest;
import dev.warden.gateway.upstream.Upstreams.ToolCallOutcome;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /tools/invoke}: the gateway's request path for one tool call, read top to bottom.
 *
 * <p>The order is deliberate: cheap rejections first (body size and shape cost nothing and need no key), then
 * identity (nothing about servers is revealed to an unauthenticated caller), then {@link ToolCallService}: routing
 * (an unknown or disabled server is a 404/503 before any policy runs), policy (fail closed), and the network last.
 * Every refusal and every outcome is committed to the audit trail before the response is sent.
 */
final class ToolInvocation {
    static final Set<String> FIELDS = Set.of("server_name", "tool_name", "parameters");

    private final ApiServices services;
    private final Caller caller;
    private final ToolCallService calls;

    ToolInvocation(ApiServices services, Caller caller) {
        this.services = services;
        this.caller = caller;
        this.calls = new ToolCallService(services);
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

        // 3. Routing, policy, the call and its audit records: the transport-neutral pipeline.
        ToolCallService.Result result = calls.call(new ToolCallService.Call(requestId, start, who, serverName,
                toolName, parameters, RestApi.decisionContext(ctx, services.clock())));
        RestApi.writeJson(ctx, response(result.outcome(), result.auditId()));
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
