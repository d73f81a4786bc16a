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

    /**
     * An error answer: its status, code, message, details, and a challenge for a 401 (else null). The status is the
     * code's, except for an error that came with a status of its own ({@link ErrorCode#forStatus}).
     */
    record Failure(int status, ErrorCode code, String message, Map<String, Object> details, String challenge) {
        /** An answer with the code's own status. */
        Failure(ErrorCode code, String message, Map<String, Object> details, String challenge) {
            this(code.status(), code, message, details, challenge);
        }

        /** The envelope {@code {"error": {"code", "message", "details"}}}. */
        Map<String, Object> envelope() {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", code.name());
            error.put("message", message);
            error.put("details", details);
            return Map.of("error", error);
        }
    }

    static void register(RoutesConfig routes) {
        routes.exception(Exception.class, (e, ctx) -> {
            Failure f = failure(e, ctx.method().name(), ctx.path(), ctx.attribute(RestApi.REQUEST_ID));
            if (f.challenge() != null) ctx.header("WWW-Authenticate", f.challenge());
            write(ctx, f);
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

    /**
     * What a request that ended with {@code e} is answered, whichever HTTP layer served it (Javalin's routes or
     * {@link ToolInvokeHandler}). Logs what the caller must not see: an audit store failure, an unexpected error.
     */
    static Failure failure(Exception e, String method, String path, String requestId) {
        return switch (e) {
            // Every 401 names how to authenticate (RFC 9110): a refused API key or login too, not only a JWT.
            case ApiException a -> new Failure(a.code(), a.getMessage(), a.details(),
                    a.code() == ErrorCode.UNAUTHORIZED ? "Bearer realm=\"warden\"" : null);
            case AuthenticationException a -> new Failure(ErrorCode.UNAUTHORIZED, a.getMessage(), Map.of(),
                    challenge(a));
            case UpstreamException.Unavailable u -> new Failure(ErrorCode.UPSTREAM_UNAVAILABLE,
                    "upstream server '" + u.server() + "' is unavailable: " + u.getMessage(),
                    Map.of("server_name", u.server()), null);
            case UpstreamException.Timeout t -> new Failure(ErrorCode.GATEWAY_TIMEOUT,
                    "upstream server '" + t.server() + "' did not answer in time: " + t.getMessage(),
                    Map.of("server_name", t.server()), null);
            case AuditStoreException a -> {
                log.error("audit store failure; refusing the request", a);
                yield new Failure(ErrorCode.INTERNAL_ERROR, "the audit record could not be written, so the request "
                        + "was not completed", Map.of(), null);
            }
            // Javalin's way to refuse a request from a route (no route of Warden's does today): its status stands. A
            // status that is no error (a redirect) would be a route's mistake, answered as one.
            case HttpResponseException h when h.getStatus() >= 400 && h.getStatus() <= 599 ->
                    new Failure(h.getStatus(), ErrorCode.forStatus(h.getStatus()), h.getMessage(), Map.of(), null);
            default -> {
                log.error("unexpected error handling {} {}", method, path, e);
                yield new Failure(ErrorCode.INTERNAL_ERROR, "internal error; see the gateway log for request id "
                        + requestId, Map.of(), null);
            }
        };
    }

    static void write(Context ctx, ErrorCode code, String message, Map<String, Object> details) {
        write(ctx, new Failure(code, message, details, null));
    }

    private static void write(Context ctx, Failure f) {
        ctx.attribute(WRITTEN, true);
        ctx.status(f.status()).json(f.envelope());
    }

    /** RFC 6750: no error code when no credentials were sent; {@code invalid_token} otherwise. */
    private static String challenge(AuthenticationException e) {
        if (!e.credentialsPresent()) return "Bearer realm=\"warden\"";
        return "Bearer realm=\"warden\", error=\"invalid_token\", error_description=\""
                + e.getMessage().replace("\"", "'") + "\"";
    }
}
