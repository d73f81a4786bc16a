package dev.warden.gateway.http;

import java.util.Map;

/**
 * A request that ends with an error envelope {@code {"error": {"code", "message", "details"}}}. Thrown anywhere in
 * a handler; {@link ErrorMapper} writes it.
 *
 * <pre>{@code
 * throw new ApiException(ErrorCode.SERVER_NOT_FOUND, "no server named 'x'", Map.of("server_name", "x"));
 * }</pre>
 */
public final class ApiException extends RuntimeException {
    private final ErrorCode code;
    private final Map<String, Object> details;

    public ApiException(ErrorCode code, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.code = code;
        this.details = details == null ? Map.of() : Map.copyOf(details);
    }

    public ApiException(ErrorCode code, String message) { this(code, message, Map.of()); }

    /** A 400 naming the field at fault. */
    public static ApiException invalid(String field, String problem) {
        return new ApiException(ErrorCode.INVALID_REQUEST, field + ": " + problem, Map.of("field", field));
    }

    public ErrorCode code() { return code; }

    public Map<String, Object> details() { return details; }
}
