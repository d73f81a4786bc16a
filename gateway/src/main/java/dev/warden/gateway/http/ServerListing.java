package dev.warden.gateway.http;

import dev.warden.gateway.audit.AuditEvent;
import dev.warden.gateway.audit.AuditEvent.Type;
import dev.warden.gateway.auth.Principal;
import dev.warden.gateway.authz.Decision;
import dev.warden.gateway.authz.DecisionRequest;
import dev.warden.gateway.config.ServerConfig;
import dev.warden.gateway.upstream.UpstreamException;
import dev.warden.gateway.upstream.Upstreams.ToolInfo;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code GET /servers?include_tools=}: the servers and tools the caller may use. Listing is its own policy
 * question ({@code gateway:tool:list}, asked per tool with no parameters); a server appears when the policy lets
 * the caller list at least one of its tools. A server whose tools cannot be read right now is asked about with no
 * tool name and, when allowed, shown with its status and no tools. Disabled servers are not shown.
 */
final class ServerListing {
    private final ApiServices services;
    private final Caller caller;

    ServerListing(ApiServices services, Caller caller) {
        this.services = services;
        this.caller = caller;
    }

    void handle(Context ctx) {
        QueryParams.allowOnly(ctx, Set.of("include_tools"));
        boolean includeTools = QueryParams.bool(ctx, "include_tools", false);
        Principal who = caller.authenticate(ctx, DecisionRequest.LIST, null, null, null);
        List<Map<String, Object>> servers = new ArrayList<>();
        for (ServerConfig server : services.upstreams().servers()) {
            if (!server.enabled()) continue;
            Map<String, Object> entry = describe(ctx, who, server, includeTools);
            if (entry != null) servers.add(entry);
        }
        ctx.json(listing("servers", servers));
    }

    private Map<String, Object> describe(Context ctx, Principal who, ServerConfig server, boolean includeTools) {
        List<Map<String, Object>> allowed = new ArrayList<>();
        boolean visible;
        try {
            for (ToolInfo tool : services.upstreams().tools(server.name())) {
                if (mayList(ctx, who, server, tool.name())) allowed.add(tool(tool));
            }
            visible = !allowed.isEmpty();
        } catch (UpstreamException.Unavailable e) {
            visible = mayList(ctx, who, server, null);
        }
        if (!visible) return null;
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", server.name());
        entry.put("url", server.displayUrl());
        entry.put("description", server.description());
        entry.put("status", services.upstreams().status(server.name()).state().name().toLowerCase(java.util.Locale.ROOT));
        entry.put("allowed_actions", allowed.isEmpty() ? List.of(DecisionRequest.LIST)
                : List.of(DecisionRequest.LIST, DecisionRequest.INVOKE));
        if (includeTools) entry.put("tools", allowed);
        return entry;
    }

    private boolean mayList(Context ctx, Principal who, ServerConfig server, String tool) {
        Decision d = services.pdp().decide(new DecisionRequest(DecisionRequest.LIST, server.name(), tool,
                JsonNodeFactory.instance.objectNode(), who, server.metadata(),
                RestApi.decisionContext(ctx, services.clock())));
        services.audit().record(AuditEvent.builder(Type.DECISION, RestApi.requestId(ctx)).principal(who)
                .target(DecisionRequest.LIST, server.name(), tool)
                .decision(d.auditName(), d.reason(), d.policyVersion()), RestApi.startNanos(ctx));
        return d.allow();
    }

    /** {@code {name: items, total: n}}, keys in that order. */
    static Map<String, Object> listing(String name, List<?> items) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(name, items);
        body.put("total", items.size());
        return body;
    }

    private static Map<String, Object> tool(ToolInfo tool) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", tool.name());
        t.put("description", tool.description() == null ? "" : tool.description());
        t.put("allowed", true);
        if (tool.inputSchema() != null) t.put("input_schema", tool.inputSchema());
        return t;
    }
}
