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

    /** The route on Javalin: requests that carry an {@code Origin} while CORS is on (see {@link ToolInvokeHandler}). */
    void handle(Context ctx) {
        byte[] body = JsonBodies.read(ctx, maxBodyBytes());
        RestApi.writeJson(ctx, invoke(body, ctx.header("Authorization"), RestApi.requestId(ctx),
                RestApi.startNanos(ctx), ctx.ip()));
    }

    long maxBodyBytes() { return services.config().gateway().maxBodyBytes(); }

    /**
     * One call, whichever HTTP layer received it; returns the response body. Refusals are thrown, to be answered by
     * {@link ErrorMapper#failure}.
     *
     * @param body          the request body, read whole within {@link #maxBodyBytes()}
     * @param authorization the {@code Authorization} header, or null
     * @param start         {@link System#nanoTime()} when the request arrived
     */
    Map<String, Object> invoke(byte[] body, String authorization, String requestId, long start, String remoteIp) {
        // 1. The body: well-formed JSON, known fields, right types (its size was checked as it was read).
        ObjectNode fields = JsonBodies.object(body, FIELDS);
        String serverName = JsonBodies.requiredString(fields, "server_name");
        String toolName = JsonBodies.requiredString(fields, "tool_name");
        ObjectNode parameters = JsonBodies.optionalObject(fields, "parameters");

        // 2. Identity.
        Principal who = caller.authenticate(authorization, requestId, start, DecisionRequest.INVOKE, serverName,
                toolName, parameters);

        // 3. Routing, policy, the call and its audit records: the transport-neutral pipeline.
        ToolCallService.Result result = calls.call(new ToolCallService.Call(requestId, start, who, serverName,
                toolName, parameters, new DecisionRequest.Context(requestId, services.clock().instant(), remoteIp)));
        return response(result.outcome(), result.auditId());
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
