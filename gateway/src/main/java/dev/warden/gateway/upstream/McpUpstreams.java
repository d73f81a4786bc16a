package dev.warden.gateway.upstream;

import dev.warden.gateway.config.ServerConfig;
import dev.warden.gateway.upstream.Upstreams.UpstreamStatus.State;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link Upstreams} over the official MCP Java SDK: one supervised connection per enabled server (stdio child
 * process, Streamable HTTP or SSE), connecting in the background, reconnecting with exponential backoff, each
 * independent of the others.
 *
 * <pre>{@code
 * try (McpUpstreams upstreams = new McpUpstreams(ServerRegistryLoader.load(path)).start()) {
 *     upstreams.awaitFirstAttempts(Duration.ofSeconds(2));   // optional: let fast servers come up first
 *     var out = upstreams.callTool("postgres-mcp", "execute_query", args, Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class McpUpstreams implements Upstreams {

    /** Sent to upstream servers as the client version. */
    static final String VERSION = "0.1.0";

    private final Options options;
    private final List<Listener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Object reloading = new Object();
    private volatile Snapshot snapshot;
    private volatile boolean started;

    public McpUpstreams(List<ServerConfig> servers) {
        this(servers, Options.defaults());
    }

    public McpUpstreams(List<ServerConfig> servers, Options options) {
        this.options = options;
        this.snapshot = Snapshot.of(servers, Map.of(), options, this::listeners);
    }

    /**
     * The servers and their connections at one moment: replaced whole on reload, so the call path reads one
     * volatile field and never takes a lock.
     */
    private record Snapshot(List<ServerConfig> servers, Map<String, ServerConfig> byName,
                            Map<String, Connection> connections) {

        /** Reuses a connection from {@code previous} when its server's connection settings did not change. */
        static Snapshot of(List<ServerConfig> servers, Map<String, Connection> previous, Options options,
                           java.util.function.Supplier<List<Listener>> listeners) {
            Map<String, ServerConfig> byName = new LinkedHashMap<>();
            Map<String, Connection> connections = new LinkedHashMap<>();
            for (ServerConfig server : servers) {
                if (byName.put(server.name(), server) != null) {
                    throw new IllegalArgumentException("duplicate upstream server name '" + server.name() + "'");
                }
                if (server.enabled()) {
                    Connection old = previous.get(server.name());
                    connections.put(server.name(), old != null && sameConnection(old.config(), server) ? old
                            : new Connection(Upstream.of(server, options.connectTimeout()), options, listeners));
                }
            }
            return new Snapshot(List.copyOf(servers), Map.copyOf(byName), Map.copyOf(connections));
        }

        /** Description, metadata and call timeout are read per request; only these need a new connection. */
        private static boolean sameConnection(ServerConfig a, ServerConfig b) {
            return a.transport() == b.transport() && java.util.Objects.equals(a.command(), b.command())
                    && a.args().equals(b.args()) && a.env().equals(b.env())
                    && java.util.Objects.equals(a.cwd(), b.cwd()) && java.util.Objects.equals(a.url(), b.url())
                    && a.headers().equals(b.headers());
        }
    }

    /** Starts connecting every enabled server in the background; returns at once. */
    public McpUpstreams start() {
        synchronized (reloading) {
            started = true;
            snapshot.connections().values().forEach(Connection::start);
        }
        return this;
    }

    /**
     * Replaces the registry (hot reload): servers whose connection settings are unchanged keep their
     * connection, new or changed ones connect in the background, removed or disabled ones are closed.
     * Calls in flight on a closed connection fail as unavailable.
     *
     * @return the names of the servers that were added, changed and removed
     * @throws IllegalArgumentException when two servers share a name (the current registry stays)
     */
    public ReloadSummary reload(List<ServerConfig> servers) {
        List<Connection> retired = new ArrayList<>();
        ReloadSummary summary;
        synchronized (reloading) {
            Snapshot before = snapshot;
            Snapshot after = Snapshot.of(servers, before.connections(), options, this::listeners);
            List<String> added = new ArrayList<>();
            List<String> changed = new ArrayList<>();
            for (ServerConfig server : after.servers()) {
                ServerConfig old = before.byName().get(server.name());
                if (old == null) {
                    added.add(server.name());
                } else if (!old.equals(server)) {
                    changed.add(server.name());
                }
            }
            List<String> removed = before.servers().stream().map(ServerConfig::name)
                    .filter(name -> !after.byName().containsKey(name)).toList();
            before.connections().forEach((name, connection) -> {
                if (after.connections().get(name) != connection) {
                    retired.add(connection);
                }
            });
            snapshot = after;
            if (started) {
                after.connections().values().forEach(Connection::start);
            }
            summary = new ReloadSummary(added, changed, removed);
        }
        closeAll(retired);
        return summary;
    }

    /** What a {@link #reload} changed, by server name. */
    public record ReloadSummary(List<String> added, List<String> changed, List<String> removed) {
        public ReloadSummary {
            added = List.copyOf(added);
            changed = List.copyOf(changed);
            removed = List.copyOf(removed);
        }
    }

    /**
     * Waits at most {@code max} until every enabled server has either connected or failed its first attempt;
     * returns whether all of them are connected. Startup may call it to let fast servers come up first.
     */
    public boolean awaitFirstAttempts(Duration max) {
        var connections = snapshot.connections().values();
        CompletableFuture<?>[] attempts = connections.stream().map(Connection::firstAttempt)
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(attempts).get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Timed out: the servers still connecting keep doing so in the background.
        }
        return connections.stream().allMatch(c -> c.status().state() == State.CONNECTED);
    }

    @Override
    public List<ServerConfig> servers() {
        return snapshot.servers();
    }

    @Override
    public Optional<ServerConfig> server(String name) {
        return Optional.ofNullable(snapshot.byName().get(name));
    }

    @Override
    public UpstreamStatus status(String name) {
        Snapshot now = snapshot;
        known(now, name);
        Connection connection = now.connections().get(name);
        return connection == null ? new UpstreamStatus(State.DISABLED, "disabled in the server registry")
                : connection.status();
    }

    @Override
    public List<ToolInfo> tools(String server) {
        return connection(server).tools();
    }

    /** True: a connection keeps its server's last tool list, or throws at once when it has none. */
    @Override
    public boolean toolsFromMemory() { return true; }

    @Override
    public ToolCallOutcome callTool(String server, String tool, ObjectNode arguments, Duration timeout) {
        return connection(server).call(tool, arguments, timeout);
    }

    @Override
    public List<ResourceInfo> resources(String server) {
        return connection(server).features().resources();
    }

    @Override
    public List<ResourceTemplateInfo> resourceTemplates(String server) {
        return connection(server).features().templates();
    }

    @Override
    public List<PromptInfo> prompts(String server) {
        return connection(server).features().prompts();
    }

    @Override
    public Answer readResource(String server, String uri, Duration timeout) {
        return readResource(server, uri, timeout, null);
    }

    @Override
    public Answer readResource(String server, String uri, Duration timeout, String gatewaySession) {
        return answer(server, gatewaySession, timeout, "resources/read '" + uri + "'", (f, left) -> f.read(uri, left));
    }

    @Override
    public Answer getPrompt(String server, String prompt, ObjectNode arguments, Duration timeout) {
        return getPrompt(server, prompt, arguments, timeout, null);
    }

    @Override
    public Answer getPrompt(String server, String prompt, ObjectNode arguments, Duration timeout,
                            String gatewaySession) {
        return answer(server, gatewaySession, timeout, "prompts/get '" + prompt + "'",
                (f, left) -> f.get(prompt, arguments, left));
    }

    @Override
    public Answer subscribeResource(String server, String uri, Duration timeout) {
        return connection(server).features().subscribe(uri, timeout);
    }

    @Override
    public Answer unsubscribeResource(String server, String uri, Duration timeout) {
        return connection(server).features().unsubscribe(uri, timeout);
    }

    @Override
    public Answer complete(String server, ObjectNode params, Duration timeout) {
        return complete(server, params, timeout, null);
    }

    @Override
    public Answer complete(String server, ObjectNode params, Duration timeout, String gatewaySession) {
        return answer(server, gatewaySession, timeout, "completion/complete", (f, left) -> f.complete(params, left));
    }

    /**
     * A resources, prompts or completion request: on the client's own upstream session when {@code gatewaySession}
     * names one and the server is stateful, else on the shared session; behind the server's breaker either way.
     */
    private Answer answer(String server, String gatewaySession, Duration timeout, String what,
                          java.util.function.BiFunction<ServerFeatures, Duration, Answer> request) {
        Connection c = connection(server);
        ServerFeatures shared = c.features();
        if (gatewaySession != null) {
            Answer own = c.onClientSession(gatewaySession, timeout, what, (s, left) -> request.apply(s.features(), left));
            if (own != null) return own;
        }
        return c.guarded(() -> request.apply(shared, timeout));
    }

    /** Closes the upstream sessions the gateway session held, at every server, in the background. */
    @Override
    public void sessionEnded(String gatewaySession) {
        snapshot.connections().values().forEach(c -> c.endSession(gatewaySession));
    }

    /** How many gateway clients hold their own upstream session at {@code server} (0 when it has none). */
    public int clientSessions(String server) {
        Connection c = snapshot.connections().get(server);
        return c == null ? 0 : c.clientSessions();
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    private List<Listener> listeners() {
        return listeners;
    }

    @Override
    public ToolCallOutcome callTool(String server, String tool, ObjectNode arguments, Duration timeout,
                                    CallRelay relay) {
        Connection c = connection(server);
        String scope = relay.gatewaySession();
        if (scope != null) {
            ToolCallOutcome own = c.onClientSession(scope, timeout, "tools/call '" + tool + "'",
                    (s, left) -> s.call(tool, arguments, left, relay));
            if (own != null) return own;
        }
        return c.call(tool, arguments, timeout, relay);
    }

    @Override
    public void setLoggingLevel(String level) {
        snapshot.connections().values().forEach(c -> c.setLoggingLevel(level));
    }

    /** Closes every connection in parallel (each child gets its own grace period) and waits for them. */
    @Override
    public void close() {
        synchronized (reloading) {
            closeAll(snapshot.connections().values());
        }
    }

    private static void closeAll(java.util.Collection<Connection> connections) {
        List<Thread> closing = new ArrayList<>();
        for (Connection connection : connections) {
            closing.add(Thread.ofVirtual().name("close-" + connection.config().name()).start(connection::close));
        }
        for (Thread thread : closing) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void known(Snapshot snapshot, String name) {
        if (!snapshot.byName().containsKey(name)) {
            throw new IllegalArgumentException("no upstream server named '" + name + "'");
        }
    }

    private Connection connection(String name) {
        Snapshot now = snapshot;
        known(now, name);
        Connection connection = now.connections().get(name);
        if (connection == null) {
            throw new UpstreamException.Unavailable(name, "upstream '" + name + "' is disabled in the server registry", null);
        }
        return connection;
    }

    /**
     * Tuning for connections; {@link #defaults()} suits production.
     *
     * @param clock          measures how long a connection stayed up (a stable one resets the backoff)
     * @param connectTimeout bound on starting, initializing and listing tools, and on each health ping
     * @param backoff        wait between reconnection attempts
     * @param stableAfter    a connection up this long resets the backoff to its initial delay
     * @param pingInterval   how often a connection is checked: its tools re-listed (healing a missed
     *                       {@code list_changed}), or a ping when it has no tools
     * @param stopGrace      how long a child may take to exit after SIGTERM before it is killed
     * @param breaker        when to stop sending calls to a server that keeps timing out or failing
     * @param upstreamSessionsPerServer how many gateway clients may hold their own MCP session at one stateful
     *                       Streamable HTTP server (see {@link UpstreamSessionPool}); the others share the
     *                       connection's session; 0 turns per-client sessions off
     */
    public record Options(Clock clock, Duration connectTimeout, Backoff backoff, Duration stableAfter,
                          Duration pingInterval, Duration stopGrace, CallBreaker.Settings breaker,
                          int upstreamSessionsPerServer) {

        /** The default of {@code mcp.max_upstream_sessions_per_server}. */
        public static final int DEFAULT_UPSTREAM_SESSIONS_PER_SERVER = 1000;

        public Options {
            if (upstreamSessionsPerServer < 0) {
                throw new IllegalArgumentException("upstreamSessionsPerServer must be 0 or more, got "
                        + upstreamSessionsPerServer);
            }
        }

        /** Options with the default number of per-client upstream sessions. */
        public Options(Clock clock, Duration connectTimeout, Backoff backoff, Duration stableAfter,
                       Duration pingInterval, Duration stopGrace, CallBreaker.Settings breaker) {
            this(clock, connectTimeout, backoff, stableAfter, pingInterval, stopGrace, breaker,
                    DEFAULT_UPSTREAM_SESSIONS_PER_SERVER);
        }

        public static Options defaults() {
            return new Options(Clock.systemUTC(), Duration.ofSeconds(30),
                    new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30)), Duration.ofMinutes(1),
                    Duration.ofSeconds(15), Duration.ofSeconds(5), CallBreaker.Settings.defaults());
        }

        /** The same options with another backoff, e.g. for tests. */
        public Options withBackoff(Duration initial, Duration max) {
            return new Options(clock, connectTimeout, new Backoff(initial, max), stableAfter, pingInterval, stopGrace,
                    breaker, upstreamSessionsPerServer);
        }

        /** The same options with another bound on per-client upstream sessions ({@code 0}: none). */
        public Options withUpstreamSessionsPerServer(int max) {
            return new Options(clock, connectTimeout, backoff, stableAfter, pingInterval, stopGrace, breaker, max);
        }
    }
}
