package dev.warden.gateway.http;

import dev.warden.gateway.audit.AuditEvent;
import dev.warden.gateway.auth.AuthenticationException;
import dev.warden.gateway.auth.Principal;
import io.javalin.http.Context;
import tools.jackson.databind.JsonNode;

/** Establishes who is calling, recording every refused credential in the audit trail. */
final class Caller {
    private final ApiServices services;

    Caller(ApiServices services) { this.services = services; }

    /**
     * @throws AuthenticationException (401) after recording it; {@code action}, {@code server}, {@code tool} and
     *                                 {@code parameters} say what the refused caller was attempting
     */
    Principal authenticate(Context ctx, String action, String server, String tool, JsonNode parameters) {
        try {
            return services.authenticator().authenticate(ctx.header("Authorization"));
        } catch (AuthenticationException e) {
            services.audit().record(AuditEvent.builder(AuditEvent.Type.AUTHENTICATION, RestApi.requestId(ctx))
                    .target(action, server, tool).parameters(parameters)
                    .decision("deny", e.getMessage(), null), RestApi.startNanos(ctx));
            throw e;
        }
    }
}
