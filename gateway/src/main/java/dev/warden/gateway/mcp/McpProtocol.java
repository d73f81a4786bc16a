package dev.warden.gateway.mcp;

import dev.warden.gateway.audit.AuditStoreException;
import dev.warden.gateway.mcp.JsonRpc.Notification;
import dev.warden.gateway.mcp.JsonRpc.Request;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The MCP methods Warden answers, and their parameters checked before anything runs. Knows nothing of HTTP.
 *
 * <pre>{@code
 * McpProtocol protocol = new McpProtocol(tools, resources, prompts, "0.1.0", true);
 * JsonNode result = protocol.handle(new JsonRpc.Request(id, "tools/list", params), exchange);
 * }</pre>
 */
final class McpProtocol {
    /** The newest revision, answered to a client that asks for one Warden does not speak. */
    static final String LATEST = "2025-11-25";
    /** The one revision with JSON-RPC batches: its clients may send them, and servers must accept them. */
    static final String WITH_BATCHES = "2025-03-26";
    /** Revisions whose Streamable HTTP transport Warden serves, newest first. */
    static final List<String> SUPPORTED = List.of(LATEST, "2025-06-18", "2025-03-26");
    /** Revisions served over the legacy HTTP+SSE transport, which 2024-11-05 clients use. */
    static final List<String> SUPPORTED_LEGACY = List.of(LATEST, "2025-06-18", "2025-03-26", "2024-11-05");
    private static final Logger log = LoggerFactory.getLogger(McpProtocol.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** What Warden tells a model about itself, in {@code initialize} and {@code server/discover}. */
    static final String INSTRUCTIONS = "Warden federates the tools, resources and prompts of several MCP servers. "
            + "Tool and prompt names may be prefixed with their server's name, and resource URIs rewritten as "
            + "warden://<server>/<uri>; you only see what your role may use.";

    private final FederatedTools tools;
    private final FederatedResources resources;
    private final FederatedPrompts prompts;
    private final FederatedCompletions completions;
    private final String version;
    private final boolean listChanged;
    private final ClientRelays relays;

    /**
     * @param listChanged whether clients can receive {@code notifications/…/list_changed} and resource updates (a
     *                    GET stream), and so subscribe to resources
     * @param relays      session state for relays ({@code logging/setLevel})
     */
    McpProtocol(FederatedTools tools, FederatedResources resources, FederatedPrompts prompts, String version,
                boolean listChanged, ClientRelays relays) {
        this.tools = tools;
        this.resources = resources;
        this.prompts = prompts;
        this.completions = new FederatedCompletions(resources, prompts);
        this.version = version;
        this.listChanged = listChanged;
        this.relays = relays;
    }

    /** The agreed revision and the {@code initialize} result, from the client's {@code initialize} params. */
    record Initialized(String protocolVersion, JsonNode clientInfo, ObjectNode result) {}

    Initialized initialize(ObjectNode params) { return initialize(params, SUPPORTED); }

    /** @param supported the revisions the transport in use can carry, newest first */
    Initialized initialize(ObjectNode params, List<String> supported) {
        JsonNode requested = params.get("protocolVersion");
        if (requested == null || requested.isNull()) {
            throw invalid("initialize: \"protocolVersion\" is required (e.g. \"" + LATEST + "\")");
        }
        if (!requested.isString()) throw invalid("initialize: \"protocolVersion\" must be a string");
        JsonNode capabilities = params.get("capabilities");
        if (capabilities == null || !capabilities.isObject()) {
            throw invalid("initialize: \"capabilities\" is required and must be an object");
        }
        JsonNode clientInfo = params.get("clientInfo");
        if (clientInfo == null || !clientInfo.isObject() || !clientInfo.path("name").isString()) {
            throw invalid("initialize: \"clientInfo\" is required and must be an object with a string \"name\"");
        }
        // Negotiation: the client's revision when Warden speaks it, otherwise Warden's newest; the client then
        // decides whether it can continue.
        String agreed = supported.contains(requested.asString()) ? requested.asString() : supported.get(0);
        ObjectNode result = NODES.objectNode().put("protocolVersion", agreed);
        ObjectNode offered = result.putObject("capabilities");
        offered.putObject("tools").put("listChanged", listChanged);
        offered.putObject("resources").put("subscribe", listChanged).put("listChanged", listChanged);
        offered.putObject("prompts").put("listChanged", listChanged);
        offered.putObject("completions");
        offered.putObject("logging"); // upstreams' log messages about a client's calls are relayed to it
        result.set("serverInfo", serverInfo());
        result.put("instructions", INSTRUCTIONS);
        return new Initialized(agreed, clientInfo, result);
    }

    /** Who answers: Warden's name and version, as {@code initialize} and {@code server/discover} tell clients. */
    ObjectNode serverInfo() {
        return NODES.objectNode().put("name", "warden").put("title", "Warden MCP Gateway").put("version", version);
    }

    /**
     * The JSON-RPC answer to one request after {@code initialize}: its result, or the error it ended with. Never
     * throws: an unexpected failure is logged with its trace and answered as an internal error naming the request id.
     */
    ObjectNode respond(Request r, Exchange ex) {
        try {
            return JsonRpc.result(r.id(), handle(r, ex));
        } catch (McpError e) {
            return JsonRpc.error(r.id(), e);
        } catch (AuditStoreException e) {
            log.error("audit store failure; refusing the MCP request", e);
            return JsonRpc.error(r.id(), new McpError(McpError.INTERNAL_ERROR, "the audit record could not be "
                    + "written, so the request was not completed"));
        } catch (RuntimeException e) {
            log.error("unexpected error answering MCP method {}", r.method(), e);
            return JsonRpc.error(r.id(), new McpError(McpError.INTERNAL_ERROR, "internal error; see the gateway log "
                    + "for request id " + ex.requestId()));
        }
    }

    /** Answers one request after {@code initialize}. */
    JsonNode handle(Request r, Exchange ex) {
        return switch (r.method()) {
            case "ping" -> NODES.objectNode();
            case "tools/list" -> {
                cursor(r);
                yield tools.list(ex);
            }
            case "tools/call" -> call(r.params(), ex);
            case "resources/list" -> {
                cursor(r);
                yield resources.list(ex);
            }
            case "resources/templates/list" -> {
                cursor(r);
                yield resources.templates(ex);
            }
            case "resources/read" -> resources.read(ex, uri(r));
            case "resources/subscribe" -> resources.subscribe(ex, uri(r));
            case "resources/unsubscribe" -> resources.unsubscribe(ex, uri(r));
            case "prompts/list" -> {
                cursor(r);
                yield prompts.list(ex);
            }
            case "prompts/get" -> getPrompt(r.params(), ex);
            case "completion/complete" -> {
                String problem = FederatedCompletions.problem(r.params());
                if (problem != null) throw invalid("completion/complete: " + problem);
                yield completions.complete(ex, r.params());
            }
            case "logging/setLevel" -> {
                JsonNode level = r.params().get("level");
                if (level == null || !level.isString()) {
                    throw invalid("logging/setLevel: \"level\" is required and must be a string, one of "
                            + ClientRelays.LEVELS);
                }
                relays.setLevel(ex.session() == null ? null : ex.session().id(), level.asString());
                yield NODES.objectNode();
            }
            case "initialize" -> throw new IllegalStateException("initialize is answered by the endpoint");
            default -> throw new McpError(McpError.METHOD_NOT_FOUND, "Method not found: " + r.method()
                    + " (Warden serves initialize, ping, tools/list, tools/call, resources/list, "
                    + "resources/templates/list, resources/read, resources/subscribe, resources/unsubscribe, "
                    + "prompts/list, prompts/get, completion/complete, logging/setLevel)",
                    NODES.objectNode().put("method", r.method()));
        };
    }

    /** Notifications need no answer; those Warden does not act on are accepted and logged. */
    void accept(Notification n, Exchange ex) {
        switch (n.method()) {
            case "notifications/initialized" -> log.debug("client {} finished initialization",
                    ex.session() == null ? "(stateless)" : ex.session().clientInfo().path("name").asString(""));
            case "notifications/cancelled" -> log.debug("client cancelled request {}", n.params().path("requestId"));
            default -> log.debug("ignoring notification {}", n.method());
        }
    }

    private ObjectNode call(ObjectNode params, Exchange ex) {
        JsonNode name = params.get("name");
        if (name == null || name.isNull()) throw invalid("tools/call: \"name\" is required");
        if (!name.isString() || name.asString().isEmpty()) throw invalid("tools/call: \"name\" must be a non-empty "
                + "string");
        JsonNode arguments = params.get("arguments");
        if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
            throw invalid("tools/call: \"arguments\" must be an object");
        }
        ObjectNode args = arguments instanceof ObjectNode o ? o : NODES.objectNode();
        return tools.call(ex, name.asString(), args);
    }

    /** {@code prompts/get}: a prompt name, and arguments that are an object of strings as MCP requires. */
    private ObjectNode getPrompt(ObjectNode params, Exchange ex) {
        JsonNode name = params.get("name");
        if (name == null || name.isNull()) throw invalid("prompts/get: \"name\" is required");
        if (!name.isString() || name.asString().isEmpty()) throw invalid("prompts/get: \"name\" must be a "
                + "non-empty string");
        JsonNode arguments = params.get("arguments");
        if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
            throw invalid("prompts/get: \"arguments\" must be an object of strings");
        }
        ObjectNode args = arguments instanceof ObjectNode o ? o : NODES.objectNode();
        for (var entry : args.properties()) {
            if (!entry.getValue().isString()) {
                throw invalid("prompts/get: argument \"" + entry.getKey() + "\" must be a string");
            }
        }
        return prompts.get(ex, name.asString(), args);
    }

    /** The {@code uri} parameter of the resource methods. */
    private static String uri(Request r) {
        JsonNode uri = r.params().get("uri");
        if (uri == null || uri.isNull()) throw invalid(r.method() + ": \"uri\" is required");
        if (!uri.isString() || uri.asString().isEmpty()) throw invalid(r.method() + ": \"uri\" must be a non-empty "
                + "string");
        return uri.asString();
    }

    /** Warden answers every list in one page, so any cursor is one it never issued. */
    private static void cursor(Request r) {
        JsonNode cursor = r.params().get("cursor");
        if (cursor == null || cursor.isNull()) return;
        if (!cursor.isString()) throw invalid(r.method() + ": \"cursor\" must be a string");
        throw invalid(r.method() + ": unknown cursor '" + cursor.asString() + "' (Warden returns the whole list in "
                + "one page and never issues a cursor)");
    }

    private static McpError invalid(String message) { return new McpError(McpError.INVALID_PARAMS, message); }
}
