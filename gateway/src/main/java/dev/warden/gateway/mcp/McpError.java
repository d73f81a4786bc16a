package dev.warden.gateway.mcp;

import tools.jackson.databind.JsonNode;

/**
 * A JSON-RPC error answered to an MCP client, thrown anywhere in the handling of a message; {@link McpEndpoint}
 * writes it. The standard codes come from JSON-RPC 2.0; the gateway's own are in the implementation-defined range
 * -32000 to -32099.
 *
 * <pre>{@code
 * throw new McpError(McpError.INVALID_PARAMS, "tools/call: \"name\" is required");
 * }</pre>
 */
final class McpError extends RuntimeException {
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;
    /** The upstream server is down, disabled, or its connection broke (REST: 502). */
    static final int UPSTREAM_UNAVAILABLE = -32010;
    /** The upstream server did not answer within the call's timeout (REST: 504). */
    static final int UPSTREAM_TIMEOUT = -32011;
    /** The policy denied the call and {@code mcp.denied_tools} is {@code explain} (REST: 403). */
    static final int DENIED_BY_POLICY = -32012;
    /** No valid bearer token (HTTP 401). */
    static final int UNAUTHORIZED = -32013;
    /** The request's Origin or Host is not allowed (HTTP 403, DNS rebinding protection). */
    static final int FORBIDDEN = -32014;

    private final int code;
    private final transient JsonNode data;
    private final transient JsonNode id;
    private final int httpStatus;

    McpError(int code, String message) { this(code, message, null, null, 200); }

    McpError(int code, String message, JsonNode data) { this(code, message, data, null, 200); }

    private McpError(int code, String message, JsonNode data, JsonNode id, int httpStatus) {
        super(message, null, false, false);
        this.code = code;
        this.data = data;
        this.id = id;
        this.httpStatus = httpStatus;
    }

    /** An error refused at the HTTP level (a malformed message, a bad header, an unknown session). */
    static McpError http(int httpStatus, int code, String message) {
        return new McpError(code, message, null, null, httpStatus);
    }

    /** As {@link #http(int, int, String)}, with the error's {@code data}. */
    static McpError http(int httpStatus, int code, String message, JsonNode data) {
        return new McpError(code, message, data, null, httpStatus);
    }

    /** The same error, answering the request with this id. */
    McpError withId(JsonNode requestId) { return new McpError(code, getMessage(), data, requestId, httpStatus); }

    /** The same error, sent with this HTTP status. */
    McpError withStatus(int status) { return new McpError(code, getMessage(), data, id, status); }

    /** 200 for errors of a well-formed request; 4xx when the HTTP exchange itself was refused. */
    int httpStatus() { return httpStatus; }

    int code() { return code; }

    JsonNode data() { return data; }

    /** The id of the request this answers, or null when the request had no usable id. */
    JsonNode id() { return id; }
}
