package dev.warden.gateway.http;

import dev.warden.gateway.audit.AuditStoreException;
import dev.warden.gateway.auth.AuthenticationException;
import dev.warden.gateway.upstream.UpstreamException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become HTTP responses, all in the envelope
 * {@code {"error": {"code", "message", "details"}}}. Nothing reaching the caller holds a stack trace; unexpected
 * exceptions are logged here with their trace and answered with a generic 500.
 */
final class ErrorMapper {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);
    /** Set once a handler has written an envelope, so the status-code handlers below leave it alone. */
    private static final String WRITTEN = "warden.error-written";

    private ErrorMapper() {}

    static void register(RoutesConfig routes) {
        routes.exception(ApiException.class, (e, ctx) -> write(ctx, e.code(), e.getMessage(), e.details()));
        routes.exception(AuthenticationException.class, (e, ctx) -> {
            ctx.header("WWW-Authenticate", challenge(e));
            write(ctx, ErrorCode.UNAUTHORIZED, e.getMessage(), Map.of());
        });
        routes.exception(UpstreamException.Unavailable.class, (e, ctx) -> write(ctx, ErrorCode.UPSTREAM_UNAVAILABLE,
                "upstream server '" + e.server() + "' is unavailable: " + e.getMessage(), Map.of("server_name", e.server())));
        routes.exception(UpstreamException.Timeout.class, (e, ctx) -> write(ctx, ErrorCode.GATEWAY_TIMEOUT,
                "upstream server '" + e.server() + "' did not answer in time: " + e.getMessage(),
                Map.of("server_name", e.server())));
        routes.exception(AuditStoreException.class, (e, ctx) -> {
            log.error("audit store failure; refusing the request", e);
            write(ctx, ErrorCode.INTERNAL_ERROR, "the audit record could not be written, so the request was not "
                    + "completed", Map.of());
        });
        routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, codeFor(e.getStatus()), e.getMessage(),
                Map.of()));
        routes.exception(Exception.class, (e, ctx) -> {
            log.error("unexpected error handling {} {}", ctx.method(), ctx.path(), e);
            write(ctx, ErrorCode.INTERNAL_ERROR, "internal error; see the gateway log for request id "
                    + ctx.attribute(RestApi.REQUEST_ID), Map.of());
        });
        routes.error(404, ctx -> {
            if (ctx.attribute(WRITTEN) == null) {
                write(ctx, ErrorCode.NOT_FOUND, "no route for " + ctx.method() + " " + ctx.path(), Map.of());
            }
        });
        routes.error(405, ctx -> {
            if (ctx.attribute(WRITTEN) == null) {
                write(ctx, ErrorCode.METHOD_NOT_ALLOWED, ctx.method() + " is not allowed on " + ctx.path(), Map.of());
            }
        });
    }

    static void write(Context ctx, ErrorCode code, String message, Map<String, Object> details) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code.name());
        error.put("message", message);
        error.put("details", details);
        ctx.attribute(WRITTEN, true);
        ctx.status(code.status()).json(Map.of("error", error));
    }

    /** RFC 6750: no error code when no credentials were sent; {@code invalid_token} otherwise. */
    private static String challenge(AuthenticationException e) {
        if (!e.credentialsPresent()) return "Bearer realm=\"warden\"";
        return "Bearer realm=\"warden\", error=\"invalid_token\", error_description=\""
                + e.getMessage().replace("\"", "'") + "\"";
    }

    private static ErrorCode codeFor(int status) {
        return switch (status) {
            case 400 -> ErrorCode.INVALID_REQUEST;
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 503 -> ErrorCode.SHUTTING_DOWN;
            default -> ErrorCode.INTERNAL_ERROR;
        };
    }
}
