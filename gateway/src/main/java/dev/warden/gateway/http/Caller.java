package dev.warden.gateway.http;

import dev.warden.gateway.audit.AuditEvent;
import dev.warden.gateway.auth.AuthenticationException;
import dev.warden.gateway.auth.Principal;
import io.javalin.http.Context;
import tools.jackson.databind.JsonNode;

/**
 * Establishes who is calling, recording every refused credential in the audit trail. Used by the REST routes and,
 * through {@link #authenticate(String, String, long, String, String, String, JsonNode)}, by transports that do not
 * run on Javalin (the MCP endpoint).
 *
 * <pre>{@code
 * Principal who = new Caller(services).authenticate(authorizationHeader, requestId, startNanos,
 *         DecisionRequest.LIST, null, null, null);
 * }</pre>
 */
public final class Caller {
    private final ApiServices services;

    public Caller(ApiServices services) { this.services = services; }

    /**
     * @throws AuthenticationException (401) after recording it; {@code action}, {@code server}, {@code tool} and
     *                                 {@code parameters} say what the refused caller was attempting
     */
    public Principal authenticate(Context ctx, String action, String server, String tool, JsonNode parameters) {
        return authenticate(ctx.header("Authorization"), RestApi.requestId(ctx), RestApi.startNanos(ctx), action,
                server, tool, parameters);
    }

    /** The same check from the raw {@code Authorization} header, for callers without a Javalin context. */
    public Principal authenticate(String authorization, String requestId, long startNanos, String action,
                                  String server, String tool, JsonNode parameters) {
        try {
            return services.authenticator().authenticate(authorization);
        } catch (AuthenticationException e) {
            services.audit().record(AuditEvent.builder(AuditEvent.Type.AUTHENTICATION, requestId)
                    .target(action, server, tool).parameters(parameters)
                    .decision("deny", e.getMessage(), null), startNanos);
            throw e;
        }
    }
}
