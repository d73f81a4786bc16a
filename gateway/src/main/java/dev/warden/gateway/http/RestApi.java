package dev.warden.gateway.http;

import dev.warden.gateway.authz.DecisionRequest;
import dev.warden.gateway.config.WardenConfig.CorsSettings;
import dev.warden.gateway.observability.RequestIds;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson3;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API on Javalin (Jetty 12, virtual threads): {@code GET /}, {@code GET /health}, {@code GET /servers},
 * {@code POST /tools/invoke}, {@code GET /audit}, {@code POST /admin/reload}. Errors everywhere use one envelope ({@link ErrorMapper}).
 * {@code POST /tools/invoke} is answered in front of Javalin, on Jetty's own API ({@link ToolInvokeHandler}).
 *
 * <pre>{@code
 * RestApi api = new RestApi(services, "0.1.0");
 * api.start("127.0.0.1", 8080);
 * api.stop(Duration.ofSeconds(10)); // refuses new requests, lets in-flight ones finish, then stops Jetty
 * }</pre>
 */
public final class RestApi {
    static final String REQUEST_ID = "warden.request-id";
    static final String START_NANOS = "warden.start-nanos";
    private static final Logger log = LoggerFactory.getLogger(RestApi.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ApiServices services;
    private final String version;
    private final ShutdownGate gate = new ShutdownGate();
    private final Consumer<ServletContextHandler> mounts;
    private final Consumer<RoutesConfig> extraRoutes;
    private final Javalin app;

    public RestApi(ApiServices services, String version) { this(services, version, handler -> { }); }

    /**
     * @param mounts adds servlets beside the REST routes in the same Jetty (the MCP endpoint); an exact servlet
     *               path takes precedence over Javalin's catch-all
     */
    public RestApi(ApiServices services, String version, Consumer<ServletContextHandler> mounts) {
        this(services, version, mounts, routes -> { });
    }

    /** @param extraRoutes adds routes from other packages (the SARK API), under the same filters and error envelope */
    public RestApi(ApiServices services, String version, Consumer<ServletContextHandler> mounts,
                   Consumer<RoutesConfig> extraRoutes) {
        this.services = services;
        this.version = version;
        this.mounts = mounts;
        this.extraRoutes = extraRoutes;
        this.app = Javalin.create(this::configure);
    }

    private void configure(JavalinConfig config) {
        config.jetty.modifyServletContextHandler(handler -> {
            FilterHolder holder = new FilterHolder(gate);
            holder.setAsyncSupported(true);
            handler.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
            mounts.accept(handler);
        });
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.concurrency.useVirtualThreads = true;
        config.http.prefer405over404 = true;
        config.http.maxRequestSize = services.config().gateway().maxBodyBytes();
        // No per-connection cache of request header lines: every call carries a long Authorization line, which the
        // cache holds and then matches byte by byte through a trie, dearer than parsing it afresh. Under the load
        // benchmark, request parsing fell from 7.3 % to 5.5 % of the gateway's CPU without it.
        config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheSize(0));
        config.jsonMapper(new JavalinJackson3(JSON, false));
        cors(config, services.config().cors());

        Caller caller = new Caller(services);
        ToolInvocation invoke = new ToolInvocation(services, caller);
        // Javalin puts its servlet context inside this handler, which answers POST /tools/invoke itself.
        config.jetty.modifyServer(server -> {
            server.setHandler(new ToolInvokeHandler(invoke, gate, services.config().cors().enabled()));
            server.setErrorHandler(new JsonErrorHandler());
            keepConnectionsFor(server, services.config().gateway().idleTimeout());
        });
        ServerListing servers = new ServerListing(services, caller);
        AuditQueries audit = new AuditQueries(services, caller);
        HealthReport health = new HealthReport(services, gate::closing);
        AdminReload reload = new AdminReload(services, caller);

        config.routes.before(this::begin);
        config.routes.get("/", this::root);
        config.routes.get("/health", health::handle);
        config.routes.get("/servers", servers::handle);
        config.routes.post("/tools/invoke", invoke::handle);
        config.routes.get("/audit", audit::handle);
        config.routes.post("/admin/reload", reload::handle);
        extraRoutes.accept(config.routes);
        config.routes.after(this::end);
        ErrorMapper.register(config.routes);
    }

    /**
     * Sets how long the server keeps an unused connection ({@code gateway.idle_timeout}); Javalin adds its connector
     * when the server starts, so this is done as it starts, before the connector accepts anything.
     */
    private static void keepConnectionsFor(Server server, Duration idleTimeout) {
        server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                for (Connector c : server.getConnectors()) {
                    if (c instanceof AbstractConnector connector) connector.setIdleTimeout(idleTimeout.toMillis());
                }
            }
        });
    }

    /** Every request: a request id (echoed and in the log MDC) and its arrival time. */
    private void begin(Context ctx) {
        String id = RequestIds.accept(ctx.header(RequestIds.HEADER));
        ctx.attribute(REQUEST_ID, id);
        ctx.attribute(START_NANOS, System.nanoTime());
        ctx.header(RequestIds.HEADER, id);
    }

    private void end(Context ctx) { RequestIds.clear(); }

    private void root(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Warden MCP Gateway");
        body.put("version", version);
        body.put("status", gate.closing() ? "stopping" : "running");
        ctx.json(body);
    }

    private static void cors(JavalinConfig config, CorsSettings cors) {
        if (!cors.enabled()) return;
        config.bundledPlugins.enableCors(plugin -> plugin.addRule(rule -> {
            if (cors.allowedOrigins().contains("*")) {
                rule.anyHost(); // config validation forbids this together with credentials
            } else {
                String first = cors.allowedOrigins().get(0);
                rule.allowHost(first, cors.allowedOrigins().subList(1, cors.allowedOrigins().size())
                        .toArray(String[]::new));
            }
            rule.allowCredentials = cors.allowCredentials();
            rule.exposeHeader(RequestIds.HEADER);
        }));
    }

    public RestApi start(String host, int port) {
        app.start(host, port);
        return this;
    }

    /** The port actually bound (useful when started on port 0). */
    public int port() { return app.port(); }

    /**
     * Graceful stop: new requests get 503 at once, in-flight requests get up to {@code grace} to finish, then the
     * server stops.
     */
    public void stop(Duration grace) {
        int left = gate.close(grace);
        if (left > 0) log.warn("stopping with {} requests still in flight after {}", left, grace);
        app.stop();
    }

    /** The request id given to this request (for routes mounted from other packages too). */
    public static String requestId(Context ctx) { return ctx.attribute(REQUEST_ID); }

    public static long startNanos(Context ctx) {
        Long start = ctx.attribute(START_NANOS);
        return start == null ? System.nanoTime() : start;
    }

    /**
     * Writes a JSON answer straight to the response, with its length. For the hot path ({@code POST /tools/invoke}):
     * {@code ctx.json} hands Javalin a stream that it copies through a fresh 8 KB buffer per response, which was a
     * tenth of everything the gateway allocated under load.
     */
    static void writeJson(Context ctx, Object body) {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ctx.contentType("application/json");
        ctx.res().setContentLength(bytes.length);
        try {
            ctx.res().getOutputStream().write(bytes);
        } catch (java.io.IOException e) {
            // The client went away; there is no one left to answer.
            log.debug("could not write the response: {}", e.toString());
        }
    }

    public static DecisionRequest.Context decisionContext(Context ctx, Clock clock) {
        return new DecisionRequest.Context(requestId(ctx), clock.instant(), ctx.ip());
    }
}
