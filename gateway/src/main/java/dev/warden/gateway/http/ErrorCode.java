package dev.warden.gateway.http;

/**
 * Every error code the REST API answers with, and its HTTP status. The first group is SARK's contract
 * ({@code contracts/sark-gateway-api.md}); the second covers cases the contract has no code for.
 */
public enum ErrorCode {
    INVALID_REQUEST(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    SERVER_NOT_FOUND(404),
    TOOL_NOT_FOUND(404),
    RATE_LIMIT_EXCEEDED(429),
    POLICY_EVALUATION_ERROR(500),
    GATEWAY_NOT_ENABLED(503),
    GATEWAY_TIMEOUT(504),

    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    PAYLOAD_TOO_LARGE(413),
    /** {@code POST /admin/reload}: the files on disk did not load; the previous configuration keeps serving. */
    RELOAD_FAILED(422),
    INTERNAL_ERROR(500),
    UPSTREAM_UNAVAILABLE(502),
    SERVER_DISABLED(503),
    SHUTTING_DOWN(503);

    private final int status;

    ErrorCode(int status) { this.status = status; }

    public int status() { return status; }
}
