package dev.warden.gateway.sark;

import dev.warden.gateway.audit.AuditEvent;
import dev.warden.gateway.auth.Principal;
import dev.warden.gateway.authz.Decision;
import dev.warden.gateway.authz.DecisionRequest;
import dev.warden.gateway.config.ServerConfig;
import dev.warden.gateway.http.ApiException;
import dev.warden.gateway.http.ApiServices;
import dev.warden.gateway.http.ErrorCode;
import dev.warden.gateway.http.QueryParams;
import dev.warden.gateway.http.RestApi;
import dev.warden.gateway.upstream.UpstreamException;
import dev.warden.gateway.upstream.Upstreams.ToolInfo;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code GET /api/v1/gateway/servers?user_id=&include_tools=} (the servers the user may access: those with at
 * least one tool the policy lets them use) and {@code GET /api/v1/gateway/tools?server_name=} (every tool of a
 * server, each with whether the user may use it, why, and its parameters from the tool's input schema). "May use"
 * is the policy's listing question ({@code gateway:tool:list}), as for Warden's own {@code GET /servers}; each real
 * call is decided again, with its arguments.
 */
final class CatalogEndpoints {
    private final ApiServices services;
    private final Subjects subjects;

    CatalogEndpoints(ApiServices services, Subjects subjects) {
        this.services = services;
        this.subjects = subjects;
    }

    void servers(Context ctx) {
        QueryParams.allowOnly(ctx, Set.of("user_id", "include_tools"));
        String include = ctx.queryParam("include_tools");
        if (include != null && !include.equals("true") && !include.equals("false")) {
            throw ApiException.invalid("include_tools", "must be true or false, got '" + include + "'");
        }
        Principal user = subjects.aboutId(subjects.caller(ctx, "gateway:server:list", null, null, null),
                ctx.queryParam("user_id"));
        List<Map<String, Object>> servers = new ArrayList<>();
        for (ServerConfig server : services.upstreams().servers()) {
            if (!server.enabled()) continue;
            List<Map<String, Object>> tools = new ArrayList<>();
            for (ToolInfo tool : tools(server)) {
                Decision d = decide(ctx, user, server, tool.name());
                if (d.allow()) tools.add(tool(tool, true, null, false));
            }
            if (tools.isEmpty()) continue;
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", server.name());
            entry.put("description", server.description());
            entry.put("url", server.displayUrl());
            entry.put("sensitivity_level", server.metadata().getOrDefault("sensitivity_level", "none"));
            entry.put("allowed_actions", List.of(DecisionRequest.LIST, DecisionRequest.INVOKE));
            if (!"false".equals(include)) entry.put("tools", tools);
            servers.add(entry);
        }
        ctx.json(Map.of("servers", servers));
    }

    void tools(Context ctx) {
        QueryParams.allowOnly(ctx, Set.of("server_name", "user_id"));
        String name = ctx.queryParam("server_name");
        if (name == null || name.isBlank()) throw ApiException.invalid("server_name", "required");
        Principal user = subjects.aboutId(subjects.caller(ctx, "gateway:tool:discover", name, null, null),
                ctx.queryParam("user_id"));
        ServerConfig server = services.upstreams().server(name).orElseThrow(() ->
                new ApiException(ErrorCode.SERVER_NOT_FOUND, "no MCP server named '" + name + "' is registered",
                        Map.of("server_name", name)));
        if (!server.enabled()) { // as POST /tools/invoke answers for it
            throw new ApiException(ErrorCode.SERVER_DISABLED, "MCP server '" + name + "' is disabled",
                    Map.of("server_name", name));
        }
        List<Map<String, Object>> tools = new ArrayList<>();
        for (ToolInfo tool : tools(server)) {
            Decision d = decide(ctx, user, server, tool.name());
            tools.add(tool(tool, d.allow(), d.reason(), true));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("server_name", name);
        body.put("tools", tools);
        ctx.json(body);
    }

    private List<ToolInfo> tools(ServerConfig server) {
        try {
            return services.upstreams().tools(server.name());
        } catch (UpstreamException.Unavailable e) {
            return List.of(); // a server that cannot list its tools right now offers none
        }
    }

    private Decision decide(Context ctx, Principal user, ServerConfig server, String tool) {
        Decision d = services.pdp().decide(new DecisionRequest(DecisionRequest.LIST, server.name(), tool,
                JsonNodeFactory.instance.objectNode(), user, server.metadata(),
                RestApi.decisionContext(ctx, services.clock())));
        services.audit().record(AuditEvent.builder(AuditEvent.Type.DECISION, RestApi.requestId(ctx)).principal(user)
                .target(DecisionRequest.LIST, server.name(), tool)
                .decision(d.auditName(), d.reason(), d.policyVersion()), RestApi.startNanos(ctx));
        return d;
    }

    private static Map<String, Object> tool(ToolInfo tool, boolean allowed, String reason, boolean details) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", tool.name());
        t.put("description", tool.description() == null ? "" : tool.description());
        t.put("allowed", allowed);
        if (details) {
            t.put("parameters", parameters(tool.inputSchema()));
            t.put("reason", reason);
        }
        return t;
    }

    /** {@code {p: {type, required, description}}} from a JSON Schema's {@code properties} and {@code required}. */
    static Map<String, Object> parameters(JsonNode schema) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (schema == null || !schema.path("properties").isObject()) return out;
        Set<String> required = new HashSet<>();
        for (JsonNode r : schema.path("required")) required.add(r.asString(""));
        for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
            Map<String, Object> param = new LinkedHashMap<>();
            param.put("type", p.getValue().path("type").asString("any"));
            param.put("required", required.contains(p.getKey()));
            param.put("description", p.getValue().path("description").asString(""));
            out.put(p.getKey(), param);
        }
        return out;
    }
}
