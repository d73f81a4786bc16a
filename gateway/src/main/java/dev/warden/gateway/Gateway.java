package dev.warden.gateway;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.warden.gateway.audit.AuditForwarder;
import dev.warden.gateway.audit.AuditLog;
import dev.warden.gateway.audit.Redactor;
import dev.warden.gateway.audit.SqliteAuditStore;
import dev.warden.gateway.auth.JwtAuthenticator;
import dev.warden.gateway.authz.CachingDecisionPoint;
import dev.warden.gateway.authz.OpaDecisionEngine;
import dev.warden.gateway.authz.SarkDecisionEngine;
import dev.warden.gateway.authz.PolicyDecisionPoint;
import dev.warden.gateway.authz.ReloadablePolicy;
import dev.warden.gateway.authz.Reloader;
import dev.warden.gateway.config.ChangeWatcher;
import dev.warden.gateway.config.ServerConfig;
import dev.warden.gateway.config.ServerRegistryLoader;
import dev.warden.gateway.config.WardenConfig;
import dev.warden.gateway.config.WardenConfig.AuthzSettings;
import dev.warden.gateway.http.ApiServices;
import dev.warden.gateway.http.RestApi;
import dev.warden.gateway.mcp.McpEndpoint;
import dev.warden.gateway.observability.Logging;
import dev.warden.gateway.sark.SarkApi;
import dev.warden.gateway.upstream.McpUpstreams;
import dev.warden.gateway.upstream.Upstreams;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running gateway: every component wired in one place, started in dependency order and stopped in reverse.
 *
 * <pre>{@code
 * WardenConfig config = ConfigLoader.fromEnvironment().load(Path.of("examples/warden.yaml"));
 * try (Gateway gateway = Gateway.builder(config).start()) {
 *     gateway.awaitStop();
 * }
 * }</pre>
 *
 * <p>Startup does only what must happen before the first request: compile the policies (a policy that does not
 * compile must stop the start, not the first call) and open the audit database, side by side. Upstream
 * connections start once the gateway listens and come up in the background, so that a slow server does not delay
 * readiness. Once running, the policies and the server registry are reloaded when their files change or an admin
 * asks ({@link #reloader()}); a sark-mode gateway also forwards its audit records to SARK.
 */
public final class Gateway implements AutoCloseable {
    public static final String VERSION = version();
    private static final Logger log = LoggerFactory.getLogger(Gateway.class);
    private static final Duration FORWARD_GRACE = Duration.ofSeconds(2);

    private final WardenConfig config;
    private final RestApi api;
    private final Upstreams upstreams;
    private final SqliteAuditStore auditStore;
    private final AuditLog auditLog;
    private final Reloader reloader;
    private final ChangeWatcher watcher;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Gateway(WardenConfig config, RestApi api, Upstreams upstreams, AuditLog auditLog,
                    Reloader reloader, ChangeWatcher watcher) {
        this.config = config;
        this.api = api;
        this.upstreams = upstreams;
        this.auditLog = auditLog;
        this.auditStore = auditLog.store();
        this.reloader = reloader;
        this.watcher = watcher;
    }

    public static Builder builder(WardenConfig config) { return new Builder(config); }

    /** The port the REST API listens on. */
    public int port() { return api.port(); }

    public WardenConfig config() { return config; }

    /** Reloads the policies and the server registry (what a change on disk and {@code POST /admin/reload} do). */
    public Reloader reloader() { return reloader; }

    /** Blocks until {@link #close()} has finished. */
    public void awaitStop() throws InterruptedException { stopped.await(); }

    /** Graceful shutdown: stop accepting, finish in-flight requests, close upstreams, then the audit store. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        log.info("stopping the gateway");
        if (watcher != null) watcher.close();
        try {
            api.stop(config.gateway().shutdownGrace());
        } finally {
            try {
                // The last requests' records are queued by now; give them a moment to reach SARK.
                AuditForwarder forwarder = auditLog.forwarder();
                if (forwarder != null) forwarder.close(FORWARD_GRACE);
                upstreams.close();
            } finally {
                auditStore.close();
                stopped.countDown();
                log.info("gateway stopped");
            }
        }
    }

    /** Chooses the parts a test or an embedding application may replace; everything else comes from config. */
    public static final class Builder {
        private final WardenConfig config;
        private Function<List<ServerConfig>, Upstreams> upstreamsFactory;
        private PolicyDecisionPoint pdp;
        private Clock clock = Clock.systemUTC();

        private Builder(WardenConfig config) {
            this.config = Objects.requireNonNull(config);
            this.upstreamsFactory = servers -> new McpUpstreams(servers, McpUpstreams.Options.defaults()
                    .withUpstreamSessionsPerServer(config.mcp().maxUpstreamSessionsPerServer()));
        }

        /** How upstream connections are made from the registry (default: MCP over each server's transport). */
        public Builder upstreams(Function<List<ServerConfig>, Upstreams> factory) {
            this.upstreamsFactory = factory;
            return this;
        }

        /**
         * Overrides the decision point (default: the embedded Rego engine over {@code policy.dir}, with allowed
         * decisions cached for their {@code cache_ttl}).
         */
        public Builder policy(PolicyDecisionPoint pdp) {
            this.pdp = pdp;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Gateway start() {
            long t0 = System.nanoTime();
            Logging.setLevel(config.gateway().logLevel());
            // The two slow steps, policy compilation and opening SQLite (native library), run side by side.
            CompletableFuture<PolicyDecisionPoint> decisions = pdp != null ? CompletableFuture.completedFuture(pdp)
                    : CompletableFuture.supplyAsync(this::configuredPolicy);
            CompletableFuture<SqliteAuditStore> store = CompletableFuture.supplyAsync(
                    () -> SqliteAuditStore.open(config.audit().dbPath()));
            Upstreams upstreams = null;
            AuditForwarder forwarder = null;
            try {
                List<ServerConfig> servers = config.serversConfig() == null ? List.of()
                        : ServerRegistryLoader.load(config.serversConfig(), config.environment());
                JwtAuthenticator authenticator = new JwtAuthenticator(config.jwt(), clock);
                PolicyDecisionPoint policy = join(decisions);
                forwarder = config.authz().engine() == AuthzSettings.Engine.SARK && config.sark().forwardAudit()
                        ? AuditForwarder.start(config.sark()) : null;
                AuditLog audit = new AuditLog(join(store), new Redactor(config.audit().redactKeys()), clock, forwarder);
                upstreams = upstreamsFactory.apply(servers);
                if (upstreams.servers().isEmpty()) {
                    log.warn("no upstream MCP servers are registered (set MCP_SERVERS_CONFIG or servers.config)");
                }
                Reloader reloader = reloader(policy, upstreams);
                ApiServices services = new ApiServices(config, authenticator, policy, upstreams, audit, clock, reloader);
                RestApi api = new RestApi(services, VERSION, handler -> McpEndpoint.mount(handler, services, VERSION),
                        routes -> {
                            if (config.authz().sarkApiEnabled()) SarkApi.register(routes, services, VERSION);
                        })
                        .start(config.gateway().host(), config.gateway().port());
                // Upstream servers (often child JVMs) start once the gateway listens, so that they do not compete
                // with its own startup; until they connect, /health reports them as connecting.
                if (upstreams instanceof McpUpstreams mcp) mcp.start();
                log.info("Warden {} listening on http://{}:{} ({} environment, {} upstream servers, policy {}) in {} ms",
                        VERSION, config.gateway().host(), api.port(), config.gateway().environment(),
                        upstreams.servers().size(), policy.policyVersion(), (System.nanoTime() - t0) / 1_000_000);
                return new Gateway(config, api, upstreams, audit, reloader, watch(reloader, upstreams));
            } catch (RuntimeException e) {
                if (upstreams != null) upstreams.close();
                if (forwarder != null) forwarder.close(Duration.ZERO);
                // Wait for the store that was opening beside the failed step, and close it: left to finish on its
                // own, it created the database file after start() had failed (and after a test had cleaned up).
                try {
                    store.join().close();
                } catch (RuntimeException storeFailure) {
                    e.addSuppressed(storeFailure); // the store failed too: nothing of it is open
                }
                throw e;
            }
        }

        /**
         * What a reload refreshes: the embedded policies when they were loaded from {@code policy.dir}, the
         * registry when it came from a file and the upstreams can take a new one, and the decision cache.
         */
        private Reloader reloader(PolicyDecisionPoint policy, Upstreams upstreams) {
            CachingDecisionPoint cache = policy instanceof CachingDecisionPoint c ? c : null;
            PolicyDecisionPoint engine = cache != null ? cache.delegate() : policy;
            ReloadablePolicy reloadable = engine instanceof ReloadablePolicy r ? r : null;
            Reloader.RegistryStep registry = null;
            if (config.serversConfig() != null && upstreams instanceof McpUpstreams mcp) {
                registry = () -> {
                    McpUpstreams.ReloadSummary s = mcp.reload(ServerRegistryLoader.load(config.serversConfig(),
                            config.environment()));
                    return "added " + s.added() + ", changed " + s.changed() + ", removed " + s.removed();
                };
            }
            return new Reloader(policy, reloadable, cache, registry, clock);
        }

        /** Watches the policy directory and the registry file, when {@code policy.watch} is on. */
        private ChangeWatcher watch(Reloader reloader, Upstreams upstreams) {
            if (!config.policy().watch()) return null;
            List<Path> paths = new ArrayList<>();
            if (reloader.policyDir() != null) paths.add(reloader.policyDir());
            if (config.serversConfig() != null && upstreams instanceof McpUpstreams) paths.add(config.serversConfig());
            if (paths.isEmpty()) return null;
            Duration interval = config.policy().watchInterval();
            // Under the policy directory only what PolicyFiles reads: Rego modules and JSON data.
            return ChangeWatcher.start(paths, file -> {
                String name = file.getFileName().toString();
                return name.endsWith(".rego") || name.endsWith(".json");
            }, interval, interval.dividedBy(2), changed -> reloader.reload("file change (" + changed + ")"));
        }

        private PolicyDecisionPoint configuredPolicy() {
            PolicyDecisionPoint engine = switch (config.authz().engine()) {
                case SARK -> new SarkDecisionEngine(config.sark());
                case OPA -> new OpaDecisionEngine(config.authz().opaUrl(), config.authz().opaTimeout(),
                        config.authz().opaToken());
                case EMBEDDED -> ReloadablePolicy.load(config.policy().dir(), config.policy().decisionTimeout(),
                        clock, config.policy().allowHttpSend());
            };
            int cacheSize = config.policy().decisionCacheSize();
            return cacheSize == 0 ? engine : new CachingDecisionPoint(engine, cacheSize, Ticker.systemTicker());
        }

        /** The future's value, or the exception it failed with, as thrown by the step itself. */
        private static <T> T join(CompletableFuture<T> future) {
            try {
                return future.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                if (e.getCause() instanceof Error err) throw err;
                throw e;
            }
        }
    }

    private static String version() {
        String v = Gateway.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }
}
