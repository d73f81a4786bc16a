package dev.warden.gateway.http;

import dev.warden.gateway.audit.AuditLog;
import dev.warden.gateway.auth.JwtAuthenticator;
import dev.warden.gateway.authz.PolicyDecisionPoint;
import dev.warden.gateway.authz.Reloader;
import dev.warden.gateway.config.WardenConfig;
import dev.warden.gateway.upstream.Upstreams;
import java.time.Clock;

/**
 * What the REST API needs from the rest of the gateway; {@code Gateway} builds it once at startup. {@code reloader}
 * is null when nothing can be reloaded (then {@code POST /admin/reload} answers 503).
 *
 * <pre>{@code
 * RestApi api = new RestApi(new ApiServices(config, authenticator, pdp, upstreams, auditLog, Clock.systemUTC()));
 * }</pre>
 */
public record ApiServices(WardenConfig config, JwtAuthenticator authenticator, PolicyDecisionPoint pdp,
                          Upstreams upstreams, AuditLog audit, Clock clock, Reloader reloader) {

    public ApiServices(WardenConfig config, JwtAuthenticator authenticator, PolicyDecisionPoint pdp,
                       Upstreams upstreams, AuditLog audit, Clock clock) {
        this(config, authenticator, pdp, upstreams, audit, clock, null);
    }
}
