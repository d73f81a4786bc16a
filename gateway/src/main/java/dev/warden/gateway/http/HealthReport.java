package dev.warden.gateway.http;

import dev.warden.gateway.authz.CachingDecisionPoint;
import dev.warden.gateway.config.ServerConfig;
import dev.warden.gateway.upstream.Upstreams.UpstreamStatus;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /health}: real component status. {@code healthy} when everything works; {@code degraded} (200) when
 * some enabled upstream is down; {@code unhealthy} (503) when the gateway cannot serve: the audit store is not
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
        boolean canServe = auditOk && !stopping.getAsBoolean();
        String status = !canServe ? "unhealthy" : anyDown ? "degraded" : "healthy";

        Map<String, Object> components = new LinkedHashMap<>();
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("status", "ok");
        policy.put("engine", services.pdp().engine());
        policy.put("policy_version", services.pdp().policyVersion());
        if (services.pdp() instanceof CachingDecisionPoint cache) { // hit and miss counts for dashboards
            CachingDecisionPoint.Stats st = cache.stats();
            policy.put("cache", Map.of("hits", st.hits(), "misses", st.misses(), "size", st.size()));
        }
        components.put("policy_engine", policy);
        components.put("audit_store", Map.of("status", auditOk ? "writable" : "not_writable"));
        components.put("upstreams", upstreams);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        if (stopping.getAsBoolean()) body.put("detail", "shutting down");
        body.put("components", components);
        body.put("timestamp", services.clock().instant().toString());
        ctx.status(canServe ? 200 : 503).json(body);
    }
}
