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

    private final List<ServerConfig> servers;
    private final Map<String, ServerConfig> byName = new LinkedHashMap<>();
    private final Map<String, Connection> connections = new LinkedHashMap<>();

    public McpUpstreams(List<ServerConfig> servers) {
        this(servers, Options.defaults());
    }

    public McpUpstreams(List<ServerConfig> servers, Options options) {
        this.servers = List.copyOf(servers);
        for (ServerConfig server : this.servers) {
            if (byName.put(server.name(), server) != null) {
                throw new IllegalArgumentException("duplicate upstream server name '" + server.name() + "'");
            }
            if (server.enabled()) {
                connections.put(server.name(), new Connection(Upstream.of(server, options.connectTimeout()), options));
            }
        }
    }

    /** Starts connecting every enabled server in the background; returns at once. */
    public McpUpstreams start() {
        connections.values().forEach(Connection::start);
        return this;
    }

    /**
     * Waits at most {@code max} until every enabled server has either connected or failed its first attempt;
     * returns whether all of them are connected. Startup may call it to let fast servers come up first.
     */
    public boolean awaitFirstAttempts(Duration max) {
        CompletableFuture<?>[] attempts = connections.values().stream().map(Connection::firstAttempt)
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(attempts).get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Timed out: the servers still connecting keep doing so in the background.
        }
        return connections.values().stream().allMatch(c -> c.status().state() == State.CONNECTED);
    }

    @Override
    public List<ServerConfig> servers() {
        return servers;
    }

    @Override
    public Optional<ServerConfig> server(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    @Override
    public UpstreamStatus status(String name) {
        known(name);
        Connection connection = connections.get(name);
        return connection == null ? new UpstreamStatus(State.DISABLED, "disabled in the server registry")
                : connection.status();
    }

    @Override
    public List<ToolInfo> tools(String server) {
        return connection(server).tools();
    }

    @Override
    public ToolCallOutcome callTool(String server, String tool, ObjectNode arguments, Duration timeout) {
        return connection(server).call(tool, arguments, timeout);
    }

    /** Closes every connection in parallel (each child gets its own grace period) and waits for them. */
    @Override
    public void close() {
        List<Thread> closing = new ArrayList<>();
        for (Connection connection : connections.values()) {
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

    private ServerConfig known(String name) {
        ServerConfig config = byName.get(name);
        if (config == null) {
            throw new IllegalArgumentException("no upstream server named '" + name + "'");
        }
        return config;
    }

    private Connection connection(String name) {
        known(name);
        Connection connection = connections.get(name);
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
     */
    public record Options(Clock clock, Duration connectTimeout, Backoff backoff, Duration stableAfter,
                          Duration pingInterval, Duration stopGrace) {

        public static Options defaults() {
            return new Options(Clock.systemUTC(), Duration.ofSeconds(30),
                    new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30)), Duration.ofMinutes(1),
                    Duration.ofSeconds(15), Duration.ofSeconds(5));
        }

        /** The same options with another backoff, e.g. for tests. */
        public Options withBackoff(Duration initial, Duration max) {
            return new Options(clock, connectTimeout, new Backoff(initial, max), stableAfter, pingInterval, stopGrace);
        }
    }
}
