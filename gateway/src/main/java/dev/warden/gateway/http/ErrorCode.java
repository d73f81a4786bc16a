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
    /** The request body stopped arriving: nothing came for the connection's idle timeout. */
    REQUEST_TIMEOUT(408),
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

    /**
     * The code of an error that a layer reports by its status alone (Jetty refusing a request before any route, a
     * Javalin {@code HttpResponseException}): the code whose own status it is, {@link #INVALID_REQUEST} for any other
     * refusal of the request (another 4xx, and 505, an HTTP version the server does not speak), and
     * {@link #INTERNAL_ERROR} for anything else. The answer keeps its status; only the envelope's code comes from here.
     */
    public static ErrorCode forStatus(int status) {
        return switch (status) {
            case 400 -> INVALID_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 429 -> RATE_LIMIT_EXCEEDED;
            case 502 -> UPSTREAM_UNAVAILABLE;
            case 503 -> SHUTTING_DOWN; // Jetty answers 503 for a context that is stopping
            case 504 -> GATEWAY_TIMEOUT;
            default -> (status >= 400 && status < 500) || status == 505 ? INVALID_REQUEST : INTERNAL_ERROR;
        };
    }
}
