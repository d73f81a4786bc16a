package dev.warden.gateway.mcp;

import dev.warden.gateway.audit.AuditLog;
import dev.warden.gateway.audit.AuditStoreException;
import dev.warden.gateway.authz.Decision;
import dev.warden.gateway.authz.DecisionRequest;
import dev.warden.gateway.http.ApiException;
import dev.warden.gateway.http.ApiServices;
import dev.warden.gateway.http.ToolCallService;
import dev.warden.gateway.routing.FanOut;
import dev.warden.gateway.routing.RoutedTool;
import dev.warden.gateway.routing.ToolCatalog;
import dev.warden.gateway.routing.ToolNamespace;
import dev.warden.gateway.upstream.UpstreamException;
import dev.warden.gateway.upstream.Upstreams.ToolCallOutcome;
import dev.warden.gateway.upstream.Upstreams.ToolInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code tools/list} and {@code tools/call} over every enabled upstream: one merged, namespaced list filtered per
 * caller, and calls routed back through the same pipeline as {@code POST /tools/invoke}.
 *
 * <pre>{@code
 * FederatedTools tools = new FederatedTools(new Federation(services, settings));
 * ObjectNode list = tools.list(exchange);                        // {"tools": [...]} — only what the caller may see
 * ObjectNode result = tools.call(exchange, "postgres-mcp__execute_query", args);
 * }</pre>
 *
 * <p>Hide, don't just refuse: a tool the caller may not list is absent from the list, and calling it answers
 * exactly like a tool that does not exist (unless {@code mcp.denied_tools: explain}).
 */
final class FederatedTools {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ApiServices services;
    private final Federation federation;
    private final ToolNamespace namespace;
    private final FanOut fanOut;
    /** The last catalog merged, and its lists ({@link #catalog}). */
    private volatile Merged merged;
    private final ToolCallService calls;

    FederatedTools(Federation federation) {
        this.federation = federation;
        this.services = federation.services();
        this.namespace = new ToolNamespace(federation.settings().namespacing(), federation.settings().separator());
        this.fanOut = federation.fanOut();
        this.calls = new ToolCallService(services);
    }

    /**
     * The tools the caller may see, under their federated names. The listing decision of each tool is recorded; the
     * records are committed together before the list is returned.
     */
    ObjectNode list(Exchange ex) {
        ArrayNode tools = NODES.arrayNode();
        List<AuditLog.Pending> records = new ArrayList<>();
        try {
            for (RoutedTool t : catalog().tools()) {
                Federation.Listed listed = listDecision(ex, t);
                records.add(listed.record());
                if (listed.decision().allow()) tools.add(describe(t));
            }
        } finally {
            records.forEach(AuditLog.Pending::await);
        }
        ObjectNode result = NODES.objectNode();
        result.set("tools", tools);
        return result;
    }

    /**
     * Calls a tool by its federated name. Tool-level errors are results with {@code isError: true}; an unknown,
     * hidden or denied tool, and an unreachable upstream, are JSON-RPC errors.
     */
    ObjectNode call(Exchange ex, String name, ObjectNode arguments) {
        Optional<RoutedTool> target = catalog().resolve(name);
        if (target.isEmpty()) throw unknownTool(name);
        RoutedTool tool = target.get();
        ToolCallService.Result result;
        try {
            // The listing decision's record is committed with the call's own, at the latest before the answer.
            Federation.Listed listed = listDecision(ex, tool);
            try {
                Decision listing = listed.decision();
                // A remote decision service that failed is said so, not disguised as an unknown tool.
                if (listing.unavailable()) throw new McpError(McpError.INTERNAL_ERROR, listing.reason());
                if (!listing.allow()) throw unknownTool(name);
                result = calls.call(new ToolCallService.Call(ex.requestId(), ex.startNanos(), ex.who(), tool.server(),
                        tool.tool().name(), arguments, ex.decisionContext(services.clock()), ex.relay()));
            } finally {
                listed.record().await();
            }
        } catch (ApiException e) {
            throw federation.refused("tool", name, e, () -> unknownTool(name));
        } catch (UpstreamException e) {
            throw Federation.upstreamError(e);
        } catch (AuditStoreException e) {
            throw new McpError(McpError.INTERNAL_ERROR, "the audit record could not be written, so the call was not "
                    + "completed");
        }
        return toResult(result.outcome());
    }

    /**
     * The merged catalog of the servers' current tool lists. The last one is kept and used again while every
     * server answers with the very list it gave last time (a server's list is replaced, not changed, when it is
     * refreshed): naming is deterministic, so merging the same lists again would give the same catalog.
     */
    private ToolCatalog catalog() {
        Map<String, List<ToolInfo>> lists = fanOut.collect();
        Merged last = merged;
        if (last != null && sameLists(last.lists(), lists)) return last.catalog();
        ToolCatalog catalog = namespace.merge(lists);
        merged = new Merged(lists, catalog);
        return catalog;
    }

    /** A catalog and the lists it was merged from. */
    private record Merged(Map<String, List<ToolInfo>> lists, ToolCatalog catalog) {}

    /** The same servers in the same order, each with the identical list object. */
    private static boolean sameLists(Map<String, List<ToolInfo>> a, Map<String, List<ToolInfo>> b) {
        if (a.size() != b.size()) return false;
        var ia = a.entrySet().iterator();
        var ib = b.entrySet().iterator();
        while (ia.hasNext()) {
            var ea = ia.next();
            var eb = ib.next();
            if (!ea.getKey().equals(eb.getKey()) || ea.getValue() != eb.getValue()) return false;
        }
        return true;
    }

    /**
     * Changes whenever the merged list (names, descriptions, schemas) does, whoever the caller; computed without
     * policy, for {@link ClientStreams}.
     */
    int fingerprint() {
        int h = 1;
        for (RoutedTool t : namespace.merge(fanOut.collectQuietly()).tools()) {
            h = 31 * h + Objects.hash(t.exposedName(), t.tool().description(),
                    t.tool().inputSchema() == null ? null : t.tool().inputSchema().toString());
        }
        return h;
    }

    /** The {@code gateway:tool:list} decision for one tool, its audit record queued ({@link Federation#decideListing}). */
    private Federation.Listed listDecision(Exchange ex, RoutedTool t) {
        return federation.decideListing(ex, DecisionRequest.LIST, t.server(), t.tool().name());
    }

    private static McpError unknownTool(String name) {
        // A name longer than any tool's (MCP: at most 128 characters) is not echoed whole: it came from the caller.
        String shown = name.length() <= 128 ? name : name.substring(0, 64) + "… (" + name.length() + " characters)";
        return new McpError(McpError.INVALID_PARAMS, "Unknown tool: " + shown, NODES.objectNode().put("tool", shown));
    }

    private static ObjectNode describe(RoutedTool t) {
        ObjectNode tool = NODES.objectNode().put("name", t.exposedName());
        if (t.tool().description() != null) tool.put("description", t.tool().description());
        ObjectNode schema = t.tool().inputSchema();
        tool.set("inputSchema", schema != null ? schema : NODES.objectNode().put("type", "object"));
        return tool;
    }

    private static ObjectNode toResult(ToolCallOutcome outcome) {
        ObjectNode result = NODES.objectNode();
        JsonNode content = outcome.content();
        result.set("content", content != null && content.isArray() ? content : NODES.arrayNode());
        if (outcome.structuredContent() != null && !outcome.structuredContent().isNull()) {
            result.set("structuredContent", outcome.structuredContent());
        }
        result.put("isError", outcome.isError());
        return result;
    }
}
