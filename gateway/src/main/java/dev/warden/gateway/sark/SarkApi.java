package dev.warden.gateway.sark;

import dev.warden.gateway.http.ApiServices;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SARK gateway API served by Warden, so that other gateways can use Warden as their authorization service
 * ({@code contracts/sark-gateway-api.md}): {@code POST /api/v1/gateway/authorize}, {@code GET
 * /api/v1/gateway/servers}, {@code GET /api/v1/gateway/tools}, {@code POST /api/v1/gateway/audit} and {@code GET
 * /api/v1/version}. Errors use the REST API's envelope. Switched on with {@code sark_api.enabled}.
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
        routes.post(PREFIX + "/authorize", authorize::handle);
        routes.get(PREFIX + "/servers", catalog::servers);
        routes.get(PREFIX + "/tools", catalog::tools);
        routes.post(PREFIX + "/audit", audit::handle);
        routes.get("/api/v1/version", ctx -> version(ctx, version));
    }

    private static void version(Context ctx, String version) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", version);
        body.put("features", Map.of("gateway_integration", true, "a2a_authorization", false));
        body.put("status", "operational");
        ctx.json(body);
    }
}
