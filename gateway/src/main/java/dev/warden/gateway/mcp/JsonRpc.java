package dev.warden.gateway.mcp;

import dev.warden.gateway.http.JsonBodies;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON-RPC 2.0 as MCP uses it: one message per HTTP body (revision 2025-06-18 removed batches; the servlet reads
 * those of 2025-03-26 sessions message by message), ids that are
 * strings or integers and never null. {@link #read} classifies a parsed body or says precisely what is wrong.
 *
 * <pre>{@code
 * switch (JsonRpc.read(tree)) {
 *     case JsonRpc.Request r -> answer(r.id(), dispatch(r.method(), r.params()));
 *     case JsonRpc.Notification n -> accept(n);
 *     case JsonRpc.Response r -> ignore(r);
 * }
 * }</pre>
 */
final class JsonRpc {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonRpc() {}

    /** A message from the client. */
    sealed interface Message permits Request, Notification, Response {}

    /** A call that expects an answer; {@code params} is an object, empty when the client sent none. */
    record Request(JsonNode id, String method, ObjectNode params) implements Message {}

    record Notification(String method, ObjectNode params) implements Message {}

    /** The client's answer to a server-to-client request: the whole message, with its result or error. */
    record Response(JsonNode id, ObjectNode message) implements Message {}

    /**
     * @throws McpError {@link McpError#INVALID_REQUEST} (HTTP 400) naming the problem, with the message's id when it had a
     *                  usable one
     */
    static Message read(JsonNode tree) {
        if (tree.isArray()) {
            throw invalid("JSON-RPC batches are not supported (protocol revision 2025-06-18 removed them; only "
                    + "sessions at 2025-03-26 may send them); send one JSON-RPC message per HTTP request");
        }
        if (!(tree instanceof ObjectNode msg)) {
            throw invalid("a JSON-RPC message must be a JSON object, got "
                    + tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        JsonNode rawId = msg.get("id");
        JsonNode id = rawId != null && (rawId.isString() || rawId.isIntegralNumber()) ? rawId : null;
        JsonNode version = msg.get("jsonrpc");
        if (version == null || !version.isString() || !version.asString().equals("2.0")) {
            throw invalid("the member \"jsonrpc\" must be the string \"2.0\"")
                    .withId(id);
        }
        if (rawId != null && id == null) {
            throw invalid(rawId.isNull() ? "\"id\" must not be null (MCP forbids null ids); send a string or an integer"
                    : "\"id\" must be a string or an integer, got " + JsonBodies.kind(rawId));
        }
        JsonNode method = msg.get("method");
        if (method == null) {
            if (id != null && (msg.has("result") || msg.has("error"))) return new Response(id, msg);
            throw invalid("the message has no \"method\" (and is not a response)")
                    .withId(id);
        }
        if (!method.isString() || method.asString().isEmpty()) {
            throw invalid("\"method\" must be a non-empty string").withId(id);
        }
        if (msg.has("result") || msg.has("error")) { // which was meant, a call or an answer?
            throw invalid("a message with a \"method\" is a request or a notification and cannot also carry \""
                    + (msg.has("result") ? "result" : "error") + "\"").withId(id);
        }
        JsonNode params = msg.get("params");
        if (params != null && !params.isNull() && !params.isObject()) {
            throw invalid("\"params\" must be an object when present (MCP uses named "
                    + "parameters only)").withId(id);
        }
        ObjectNode p = params instanceof ObjectNode o ? o : NODES.objectNode();
        return id == null ? new Notification(method.asString(), p) : new Request(id, method.asString(), p);
    }

    /** Not a valid request: answered with HTTP 400, since no method can run. */
    private static McpError invalid(String message) {
        return McpError.http(400, McpError.INVALID_REQUEST, message);
    }

    static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode out = NODES.objectNode().put("jsonrpc", "2.0");
        out.set("id", id);
        out.set("result", result);
        return out;
    }

    static ObjectNode error(JsonNode id, McpError e) {
        ObjectNode out = NODES.objectNode().put("jsonrpc", "2.0");
        out.set("id", id == null ? NullNode.getInstance() : id);
        ObjectNode error = out.putObject("error").put("code", e.code()).put("message", e.getMessage());
        if (e.data() != null) error.set("data", e.data());
        return out;
    }
}
