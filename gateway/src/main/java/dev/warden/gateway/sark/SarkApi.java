package dev.warden.gateway.sark;

import dev.warden.gateway.authz.A2aPolicyEngine;
import dev.warden.gateway.authz.CachingDecisionPoint;
import dev.warden.gateway.authz.EmbeddedPolicyEngine;
import dev.warden.gateway.authz.PolicyDecisionPoint;
import dev.warden.gateway.authz.ReloadablePolicy;
import dev.warden.gateway.config.WardenConfig.AuthzSettings;
import dev.warden.gateway.util.Lazy;
import dev.warden.gateway.http.ApiServices;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The SARK gateway API served by Warden, so that other gateways can use Warden as their authorization service
 * ({@code contracts/sark-gateway-api.md}): {@code POST /api/v1/gateway/authorize}, {@code POST
 * /api/v1/gateway/authorize-a2a}, {@code GET /api/v1/gateway/servers}, {@code GET /api/v1/gateway/tools},
 * {@code POST /api/v1/gateway/audit}, {@code GET /api/v1/version}, {@code POST /api/v1/auth/login} (unless
 * {@code sark_api.login: false}), and OPA's data API ({@code POST|GET /v1/data/{path}}, {@link OpaDataApi}).
 * Errors use the REST API's envelope. Switched on with {@code sark_api.enabled}.
 *
 * <pre>{@code
 * new RestApi(services, version, mounts, routes -> SarkApi.register(routes, services, version));
 * }</pre>
 */
public final class SarkApi {
    static final String PREFIX = "/api/v1/gateway";

    private SarkApi() {}

    public static void register(RoutesConfig routes, ApiServices services, String version) {
        Subjects subjects = new Subjects(services);
        AuthorizeEndpoint authorize = new AuthorizeEndpoint(services, subjects);
        CatalogEndpoints catalog = new CatalogEndpoints(services, subjects);
        AuditEndpoint audit = new AuditEndpoint(services, subjects);
        A2aEndpoint a2a = new A2aEndpoint(services, subjects, a2aPolicy(services));
        routes.post(PREFIX + "/authorize", authorize::handle);
        routes.post(PREFIX + "/authorize-a2a", a2a::handle);
        routes.get(PREFIX + "/servers", catalog::servers);
        routes.get(PREFIX + "/tools", catalog::tools);
        routes.post(PREFIX + "/audit", audit::handle);
        routes.get("/api/v1/version", ctx -> version(ctx, version));
        if (services.config().authz().loginEnabled()) {
            LoginEndpoint login = new LoginEndpoint(services);
            routes.post("/api/v1/auth/login", login::handle);
        }
        OpaDataApi data = new OpaDataApi(services, subjects, embedded(services, EmbeddedPolicyEngine::dataApi));
        routes.post("/v1/data", data::post);
        routes.post("/v1/data/<path>", data::post);
        routes.get("/v1/data", data::get);
        routes.get("/v1/data/<path>", data::get);
    }

    /**
     * The A2A policy, compiled at the first A2A request (most deployments never ask one) and only when this Warden
     * decides with its embedded engine.
     */
    private static Supplier<A2aPolicyEngine> a2aPolicy(ApiServices services) {
        return embedded(services, EmbeddedPolicyEngine::a2a);
    }

    /**
     * A view of the embedded policies serving now (after a reload, the new ones), or a supplier of null when this
     * Warden decides with a remote engine.
     */
    private static <T> Supplier<T> embedded(ApiServices services, Function<EmbeddedPolicyEngine, T> view) {
        PolicyDecisionPoint pdp = services.pdp() instanceof CachingDecisionPoint c ? c.delegate() : services.pdp();
        return switch (pdp) {
            case ReloadablePolicy reloadable -> () -> view.apply(reloadable.current());
            case EmbeddedPolicyEngine fixed -> () -> view.apply(fixed);
            default -> services.config().authz().engine() != AuthzSettings.Engine.EMBEDDED ? () -> null
                    : loadOnce(services, view);
        };
    }

    /** An embedded engine given in code rather than from {@code policy.dir}: read the directory once, at first use. */
    private static <T> Supplier<T> loadOnce(ApiServices services, Function<EmbeddedPolicyEngine, T> view) {
        return new Lazy<>(() -> view.apply(EmbeddedPolicyEngine.load(services.config().policy().dir(),
                services.config().policy().decisionTimeout(), services.clock())));
    }

    private static void version(Context ctx, String version) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", version);
        body.put("features", Map.of("gateway_integration", true, "a2a_authorization", true));
        body.put("status", "operational");
        ctx.json(body);
    }
}
