package dev.warden.gateway.mcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * MCP revision 2026-07-28 ("modern"), as {@code /mcp} serves it beside the handshake-based revisions: no
 * {@code initialize} and no session; every request names its revision and the client's capabilities in
 * {@code params._meta} and repeats its method (and, for {@code tools/call}, {@code prompts/get} and
 * {@code resources/read}, the name or URI) in headers, which must match the body. This class knows the rules of the
 * revision and nothing of HTTP but the headers it reads: which requests are modern, what they must carry, and how
 * results and errors differ from the older revisions' ({@code resultType}, the server's identity in {@code _meta},
 * cache hints on lists and reads, {@code -32602} for a resource that does not exist).
 *
 * <pre>{@code
 * if (StatelessRevision.isModern(headerVersion, tree)) {
 *     StatelessRevision.Checked checked = StatelessRevision.check(request, headerVersion, req);
 *     ObjectNode answer = StatelessRevision.complete(request.method(), protocol.respond(request, exchange), serverInfo);
 * }
 * }</pre>
 */
final class StatelessRevision {
    /** The modern revisions Warden serves. */
    static final List<String> VERSIONS = List.of("2026-07-28");
    /** Every revision {@code /mcp} serves, newest first: what an unsupported-version error lists. */
    static final List<String> ALL_VERSIONS;
    static final String META_VERSION = "io.modelcontextprotocol/protocolVersion";
    static final String META_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
    static final String META_LOG_LEVEL = "io.modelcontextprotocol/logLevel";
    static final String META_SERVER_INFO = "io.modelcontextprotocol/serverInfo";
    static final String METHOD_HEADER = "Mcp-Method";
    static final String NAME_HEADER = "Mcp-Name";
    /** A request header disagrees with the body, or is missing. */
    static final int HEADER_MISMATCH = -32020;
    /** Serving the request needs a capability the client did not declare. */
    static final int MISSING_CAPABILITY = -32021;
    /** The request's revision is not one the server speaks. */
    static final int UNSUPPORTED_VERSION = -32022;
    /** The methods of the revision that Warden answers (besides {@code server/discover}). */
    static final Set<String> METHODS = Set.of("tools/list", "tools/call", "resources/list", "resources/templates/list",
            "resources/read", "prompts/list", "prompts/get", "completion/complete");
    /** Results a client may cache, which must say for how long and for whom. */
    private static final Set<String> CACHEABLE = Set.of("tools/list", "resources/list", "resources/templates/list",
            "prompts/list", "resources/read");
    /**
     * How long a list may be reused. Lists follow the upstreams (and reloads) and this revision gives Warden no way
     * to tell a client they changed, so a short freshness; a stale list is harmless, as every call is decided anew.
     */
    static final long LIST_TTL_MS = 60_000;
    /** How long {@code server/discover}'s answer may be reused: it changes only with the gateway's version. */
    static final long DISCOVER_TTL_MS = 3_600_000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static {
        List<String> all = new ArrayList<>(VERSIONS);
        all.addAll(McpProtocol.SUPPORTED);
        ALL_VERSIONS = List.copyOf(all);
    }

    private StatelessRevision() {}

    /**
     * Whether a POST is a modern request: its {@code MCP-Protocol-Version} header names a modern revision, or its
     * params carry the revision in {@code _meta} (which handshake-based clients never send).
     */
    static boolean isModern(String headerVersion, JsonNode body) {
        if (headerVersion != null && VERSIONS.contains(headerVersion.strip())) return true;
        return body.path("params").path("_meta").has(META_VERSION);
    }

    /** What a modern request declared about its client. */
    record Checked(JsonNode capabilities, int minLogLevel) {}

    /**
     * Checks what every modern request must carry, in the order the revision's errors are told apart: the
     * revision in {@code _meta} ({@code -32602} when missing), the {@code MCP-Protocol-Version} header
     * ({@code -32020} when missing or not the same), the revision itself ({@code -32022} when not served), the
     * client's capabilities ({@code -32602}), then the method and name headers ({@code -32020}). Every refusal is
     * HTTP 400.
     *
     * @param params        the request's params (empty when it sent none)
     * @param headerVersion the {@code MCP-Protocol-Version} header, or null
     */
    static Checked check(String method, ObjectNode params, String headerVersion, HttpServletRequest req) {
        JsonNode meta = params.get("_meta");
        JsonNode version = meta == null ? null : meta.get(META_VERSION);
        if (version == null || version.isNull()) {
            throw badParams(method + ": _meta[\"" + META_VERSION + "\"] is required in protocol revision "
                    + VERSIONS.getFirst() + " (every request names its revision)");
        }
        if (!version.isString()) throw badParams(method + ": _meta[\"" + META_VERSION + "\"] must be a string");
        if (headerVersion == null) throw mismatch("the " + McpServlet.VERSION_HEADER + " header is required");
        if (!headerVersion.strip().equals(version.asString())) {
            throw mismatch(McpServlet.VERSION_HEADER + " header value '" + headerVersion + "' does not match body "
                    + "value '" + version.asString() + "'");
        }
        if (!VERSIONS.contains(version.asString())) throw unsupported(version.asString());
        JsonNode capabilities = meta.get(META_CAPABILITIES);
        if (capabilities == null || !capabilities.isObject()) {
            throw badParams(method + ": _meta[\"" + META_CAPABILITIES + "\"] is required and must be an object "
                    + "({} for a client that offers none)");
        }
        String methodHeader = Wire.single(req, METHOD_HEADER);
        if (methodHeader == null) throw mismatch("the " + METHOD_HEADER + " header is required");
        if (!methodHeader.strip().equals(method)) {
            throw mismatch(METHOD_HEADER + " header value '" + methodHeader + "' does not match body value '" + method
                    + "'");
        }
        String nameField = switch (method) {
            case "tools/call", "prompts/get" -> "name";
            case "resources/read" -> "uri";
            default -> null;
        };
        JsonNode name = nameField == null ? null : params.get(nameField);
        if (name != null && name.isString()) {
            String raw = Wire.single(req, NAME_HEADER);
            if (raw == null) throw mismatch("the " + NAME_HEADER + " header is required for " + method);
            String decoded = headerValue(raw.strip());
            if (!name.asString().equals(decoded)) {
                throw mismatch(NAME_HEADER + " header value '" + raw + "' does not match body value '"
                        + name.asString() + "'");
            }
        }
        return new Checked(capabilities, logLevel(method, meta.get(META_LOG_LEVEL)));
    }

    /** The least severe log level the client wants relayed; none at all (past the last) when it named none. */
    private static int logLevel(String method, JsonNode level) {
        if (level == null || level.isNull()) return ClientRelays.LEVELS.size();
        int index = level.isString() ? ClientRelays.LEVELS.indexOf(level.asString()) : -1;
        if (index < 0) {
            throw new McpError(McpError.INVALID_PARAMS, method + ": _meta[\"" + META_LOG_LEVEL + "\"] must be one of "
                    + ClientRelays.LEVELS);
        }
        return index;
    }

    /**
     * A header value as the client meant it: values that are not plain header text are sent as
     * {@code =?base64?<UTF-8 bytes in base64>?=}. A value that only looks like that form is compared as it is.
     */
    static String headerValue(String raw) {
        if (raw.startsWith("=?base64?") && raw.endsWith("?=") && raw.length() >= 11) {
            try {
                byte[] bytes = Base64.getDecoder().decode(raw.substring(9, raw.length() - 2));
                return new String(bytes, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw mismatch(NAME_HEADER + " header value '" + raw + "' is not valid base64");
            }
        }
        return raw;
    }

    /** The answer to {@code server/discover}: the revisions, capabilities and identity of the gateway. */
    static ObjectNode discover(JsonNode serverInfo, String instructions) {
        ObjectNode result = NODES.objectNode();
        result.put("resultType", "complete");
        var versions = result.putArray("supportedVersions");
        ALL_VERSIONS.forEach(versions::add);
        ObjectNode capabilities = result.putObject("capabilities");
        // No list-change notifications or resource subscriptions: this revision carries them on
        // subscriptions/listen, which Warden does not serve yet.
        capabilities.putObject("tools");
        capabilities.putObject("resources");
        capabilities.putObject("prompts");
        capabilities.putObject("completions");
        capabilities.putObject("logging");
        result.put("instructions", instructions);
        result.put("ttlMs", DISCOVER_TTL_MS).put("cacheScope", "public");
        result.putObject("_meta").set(META_SERVER_INFO, serverInfo);
        return result;
    }

    /**
     * A JSON-RPC answer made modern: a result gains {@code resultType} and the server's identity in {@code _meta}
     * (kept beside what an upstream put there), and lists and reads their cache hints (private: what a caller sees
     * depends on who asks); a {@code -32002 Resource not found} becomes {@code -32602}, as this revision requires.
     */
    static ObjectNode complete(String method, ObjectNode answer, JsonNode serverInfo) {
        if (answer.get("result") instanceof ObjectNode result) {
            result.put("resultType", "complete");
            JsonNode meta = result.get("_meta");
            ObjectNode own = meta instanceof ObjectNode o ? o : result.putObject("_meta");
            if (!own.has(META_SERVER_INFO)) own.set(META_SERVER_INFO, serverInfo);
            if (CACHEABLE.contains(method)) {
                result.put("ttlMs", method.equals("resources/read") ? 0 : LIST_TTL_MS).put("cacheScope", "private");
            }
        } else if (answer.get("error") instanceof ObjectNode error
                && error.path("code").asInt() == FederatedResources.RESOURCE_NOT_FOUND) {
            error.put("code", McpError.INVALID_PARAMS);
        }
        return answer;
    }

    /** A method this revision does not have, or Warden does not serve: 404 with -32601. */
    static McpError notServed(String method) {
        String why = switch (method) {
            case "initialize", "ping", "logging/setLevel", "resources/subscribe", "resources/unsubscribe" ->
                    " (protocol revision " + VERSIONS.getFirst() + " has no " + method + ")";
            case "subscriptions/listen" -> " (Warden does not offer subscriptions yet; lists carry ttlMs instead)";
            default -> "";
        };
        return McpError.http(404, McpError.METHOD_NOT_FOUND, "Method not found: " + method + why + "; Warden serves "
                + "server/discover, " + String.join(", ", METHODS.stream().sorted().toList()));
    }

    /** -32021: the call needed the client's {@code capability}, which its request did not declare (HTTP 400). */
    static McpError missingCapability(String capability) {
        ObjectNode data = NODES.objectNode();
        data.putObject("requiredCapabilities").putObject(capability);
        return McpError.http(400, MISSING_CAPABILITY, "the tool asked the client for '" + capability + "', which the "
                + "request did not declare in _meta[\"" + META_CAPABILITIES + "\"]", data);
    }

    /** -32022 with the revisions Warden speaks and the one asked for. */
    static McpError unsupported(String requested) {
        ObjectNode data = NODES.objectNode();
        var supported = data.putArray("supported");
        ALL_VERSIONS.forEach(supported::add);
        data.put("requested", requested);
        return McpError.http(400, UNSUPPORTED_VERSION, "Unsupported protocol version '" + requested + "'; supported: "
                + ALL_VERSIONS, data);
    }

    private static McpError mismatch(String message) {
        return McpError.http(400, HEADER_MISMATCH, "Header mismatch: " + message);
    }

    private static McpError badParams(String message) {
        return McpError.http(400, McpError.INVALID_PARAMS, message);
    }
}
