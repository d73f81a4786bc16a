package dev.warden.gateway.http;

import dev.warden.gateway.audit.AuditForwarder;
import dev.warden.gateway.authz.CachingDecisionPoint;
import dev.warden.gateway.authz.PolicyDecisionPoint;
import dev.warden.gateway.authz.RemoteEngine;
import dev.warden.gateway.authz.Reloader;
import dev.warden.gateway.config.ServerConfig;
import dev.warden.gateway.upstream.Upstreams.UpstreamStatus;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /health}: real component status. {@code healthy} when everything works; {@code degraded} (200) when
 * some enabled upstream is down, a remote decision engine's last call failed, or the last reload failed (the
 * previous policies serve on; {@code components.policy_engine.last_reload.errors} says why); {@code unhealthy} (503) when the gateway cannot serve: the audit store is not
 * writable (no call could be recorded, so none is made) or the gateway is shutting down.
 */
final class HealthReport {
    private final ApiServices services;
    private final BooleanSupplier stopping;

    HealthReport(ApiServices services, BooleanSupplier stopping) {
        this.services = services;
        this.stopping = stopping;
    }

    void handle(Context ctx) {
        boolean auditOk = services.audit().store().isWritable();
        Map<String, Object> upstreams = new LinkedHashMap<>();
        boolean anyDown = false;
        for (ServerConfig server : services.upstreams().servers()) {
            UpstreamStatus s = services.upstreams().status(server.name());
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("status", s.state().name().toLowerCase(Locale.ROOT));
            if (s.detail() != null && !s.detail().isBlank()) u.put("detail", s.detail());
            upstreams.put(server.name(), u);
            anyDown |= server.enabled() && s.state() == UpstreamStatus.State.DOWN;
        }
        // A remote engine (sark, opa) whose last call failed: every call is being denied, so say so.
        PolicyDecisionPoint engine = services.pdp() instanceof CachingDecisionPoint c ? c.delegate() : services.pdp();
        String engineFailure = engine instanceof RemoteEngine remote ? remote.lastFailure() : null;
        // A reload that failed: the previous policies or registry still serve, but not what is on disk.
        Reloader.Outcome reload = services.reloader() == null ? null : services.reloader().last();
        boolean reloadFailed = reload != null && !reload.ok();
        boolean canServe = auditOk && !stopping.getAsBoolean();
        String status = !canServe ? "unhealthy"
                : anyDown || engineFailure != null || reloadFailed ? "degraded" : "healthy";

        Map<String, Object> components = new LinkedHashMap<>();
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("status", engineFailure != null ? "unavailable" : reloadFailed ? "reload_failed" : "ok");
        policy.put("engine", services.pdp().engine());
        policy.put("policy_version", services.pdp().policyVersion());
        if (engineFailure != null) {
            policy.put("detail", engineFailure);
        } else if (reloadFailed) {
            policy.put("detail", "the last reload failed; still serving policy version " + reload.policyVersion()
                    + ": " + String.join("; ", reload.errors()));
        }
        if (services.pdp() instanceof CachingDecisionPoint cache) { // hit and miss counts for dashboards
            CachingDecisionPoint.Stats st = cache.stats();
            policy.put("cache", Map.of("hits", st.hits(), "misses", st.misses(), "size", st.size()));
        }
        if (reload != null) policy.put("last_reload", AdminReload.describe(reload));
        components.put("policy_engine", policy);
        Map<String, Object> auditStore = new LinkedHashMap<>();
        auditStore.put("status", auditOk ? "writable" : "not_writable");
        AuditForwarder forwarder = services.audit().forwarder();
        if (forwarder != null) { // records also sent to SARK: how many went, wait, or were given up (and logged)
            AuditForwarder.Stats f = forwarder.stats();
            Map<String, Object> fw = new LinkedHashMap<>();
            fw.put("target", f.target());
            fw.put("queued", f.queued());
            fw.put("sent", f.sent());
            fw.put("dropped", f.dropped());
            if (f.lastFailure() != null) fw.put("last_failure", f.lastFailure());
            auditStore.put("forwarding", fw);
        }
        components.put("audit_store", auditStore);
        components.put("upstreams", upstreams);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        if (stopping.getAsBoolean()) body.put("detail", "shutting down");
        body.put("components", components);
        body.put("timestamp", services.clock().instant().toString());
        ctx.status(canServe ? 200 : 503).json(body);
    }
}
