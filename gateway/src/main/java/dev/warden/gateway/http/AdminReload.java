package dev.warden.gateway.http;

import dev.warden.gateway.auth.Principal;
import dev.warden.gateway.authz.Reloader;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /admin/reload}: reloads the policies and the server registry now and forgets cached decisions
 * (what a change on disk does by itself when {@code policy.watch} is on). Only for tokens with the {@code admin}
 * role. 200 with what changed; 422 {@code RELOAD_FAILED} with each failure when some part did not load, the
 * previous one serving on.
 *
 * <pre>{@code
 * curl -X POST -H "Authorization: Bearer $ADMIN_TOKEN" http://localhost:8080/admin/reload
 * }</pre>
 */
final class AdminReload {
    static final String ROLE = "admin";
    static final String ACTION = "gateway:admin:reload";

    private final ApiServices services;
    private final Caller caller;

    AdminReload(ApiServices services, Caller caller) {
        this.services = services;
        this.caller = caller;
    }

    void handle(Context ctx) {
        Principal who = caller.authenticate(ctx, ACTION, null, null, null);
        if (!who.hasRole(ROLE)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "reloading needs the '" + ROLE + "' role");
        }
        Reloader reloader = services.reloader();
        if (reloader == null) {
            throw new ApiException(ErrorCode.GATEWAY_NOT_ENABLED, "this gateway has nothing to reload");
        }
        Reloader.Outcome o = reloader.reload("admin (" + who.subject() + ")");
        Map<String, Object> body = describe(o);
        if (!o.ok()) {
            throw new ApiException(ErrorCode.RELOAD_FAILED, "reload failed; the previous configuration keeps serving: "
                    + String.join("; ", o.errors()), body);
        }
        ctx.json(body);
    }

    /** A reload as {@code /admin/reload} and {@code /health} show it. */
    static Map<String, Object> describe(Reloader.Outcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", o.ok() ? "reloaded" : "failed");
        m.put("trigger", o.trigger());
        m.put("at", o.at().toString());
        m.put("policy_version", o.policyVersion());
        m.put("policy_changed", o.policyChanged());
        if (o.registry() != null) m.put("registry", o.registry());
        m.put("cache_cleared", o.cacheCleared());
        if (!o.ok()) m.put("errors", o.errors());
        return m;
    }
}
