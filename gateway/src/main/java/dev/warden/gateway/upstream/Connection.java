package dev.warden.gateway.upstream;

import dev.warden.gateway.config.ServerConfig;
import dev.warden.gateway.upstream.Upstreams.ToolCallOutcome;
import dev.warden.gateway.upstream.Upstreams.ToolInfo;
import dev.warden.gateway.upstream.Upstreams.UpstreamStatus;
import dev.warden.gateway.upstream.Upstreams.UpstreamStatus.State;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpTransportException;
import io.modelcontextprotocol.spec.McpTransportSessionClosedException;
import io.modelcontextprotocol.spec.McpTransportSessionNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/**
 * One enabled upstream server: a supervisor (one virtual thread) that connects, watches the link and reconnects
 * with backoff, and the call path, which only reads the current session. Nothing here is shared with other
 * servers, so one failing upstream never slows the others.
 */
final class Connection {

    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    private final Upstream upstream;
    private final String name;
    private final McpUpstreams.Options options;
    private final CompletableFuture<Void> firstAttempt = new CompletableFuture<>();
    private final CallBreaker breaker;
    private volatile Session session;
    private volatile UpstreamStatus status = new UpstreamStatus(State.CONNECTING, "not started");
    /** Resources and prompts of the current session (see {@link ServerFeatures}). */
    private volatile ServerFeatures features;
    /** Resource URIs the gateway subscribed to: renewed on every new session, since subscriptions die with one. */
    private final java.util.Set<String> subscribed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.function.Supplier<List<Upstreams.Listener>> listeners;
    private volatile boolean closed;
    private Thread supervisor;
    /** Gateway clients' own sessions when the server is stateful Streamable HTTP; null when it cannot have them. */
    private final UpstreamSessionPool perClient;

    Connection(Upstream upstream, McpUpstreams.Options options) {
        this(upstream, options, List::of);
    }

    /** @param listeners told of resource updates the server announces */
    Connection(Upstream upstream, McpUpstreams.Options options,
               java.util.function.Supplier<List<Upstreams.Listener>> listeners) {
        this.listeners = listeners;
        this.upstream = upstream;
        this.name = upstream.config().name();
        this.options = options;
        this.breaker = new CallBreaker(name, options.breaker());
        this.perClient = upstream instanceof StreamableHttpUpstream http && options.upstreamSessionsPerServer() > 0
                ? new UpstreamSessionPool(name, http::openForClient, options, options.upstreamSessionsPerServer())
                : null;
    }

    /** One connected MCP session: the link, the SDK client, and the tools it last listed. */
    private record Session(Upstream.Link link, McpAsyncClient client, AtomicReference<List<ToolInfo>> tools,
                           CompletableFuture<String> lost, RelayTransport relays) {}

    synchronized void start() {
        if (supervisor == null && !closed) {
            supervisor = Thread.ofVirtual().name("upstream-" + name).start(this::supervise);
        }
    }

    UpstreamStatus status() {
        UpstreamStatus now = status;
        return now.state() == State.CONNECTED && breaker.open()
                ? new UpstreamStatus(State.CONNECTED, now.detail() + "; refusing calls after repeated timeouts or failures")
                : now;
    }

    /** Completes when the first connection attempt has succeeded or failed. */
    CompletableFuture<Void> firstAttempt() {
        return firstAttempt;
    }

    List<ToolInfo> tools() {
        return current().tools().get();
    }

    ToolCallOutcome call(String tool, ObjectNode arguments, Duration timeout) {
        return call(tool, arguments, timeout, CallRelay.NONE);
    }

    /** A call whose progress, log messages and server-to-client requests go to {@code relay}, which may cancel it. */
    ToolCallOutcome call(String tool, ObjectNode arguments, Duration timeout, CallRelay relay) {
        Session s = current();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            return attempt(s, tool, arguments, timeout, relay);
        } catch (UpstreamException.Unavailable e) {
            // The server answered 404 to the session: it never ran the call, so it is safe to make it again once
            // the supervisor has initialized a new session, within the call's own deadline.
            if (!(e.getCause() instanceof McpTransportSessionNotFoundException)) throw e;
            Session fresh = awaitNewSession(s, deadline);
            if (fresh == null) throw e;
            log.info("upstream '{}' had forgotten its session; initialized a new one and sent tools/call '{}' again",
                    name, tool);
            Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
            return attempt(fresh, tool, arguments, left, relay);
        }
    }

    /** One attempt on one session; a relayed call is registered with the session's relays while it runs. */
    private ToolCallOutcome attempt(Session s, String tool, ObjectNode arguments, Duration timeout, CallRelay relay) {
        if (relay == CallRelay.NONE) return breaker.call(() -> call(s, tool, arguments, timeout));
        String token = s.relays().register(relay);
        try {
            return breaker.call(() -> relayedCall(s, tool, arguments, timeout, relay, token));
        } finally {
            s.relays().unregister(token);
        }
    }

    /** The session that replaces {@code old}, or null if none is up before {@code deadline} ({@link System#nanoTime}). */
    private Session awaitNewSession(Session old, long deadline) {
        while (System.nanoTime() < deadline && !closed) {
            Session now = session;
            if (now != null && now != old) return now;
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private ToolCallOutcome call(Session s, String tool, ObjectNode arguments, Duration timeout) {
        try {
            ToolCallOutcome direct = s.link().callTool(tool, arguments, timeout);
            if (direct != null) return direct;
        } catch (UpstreamException.Unavailable e) {
            if (looksBroken(e.getCause())) s.lost().complete("connection broke: " + Durations.reason(e.getCause()));
            throw e;
        }
        var request = new McpSchema.CallToolRequest(tool, SdkResults.arguments(arguments));
        return await(s, tool, s.client().callTool(request).toFuture(), timeout);
    }

    /**
     * The call carries Warden's own progress token, unique on this connection, so that the upstream's notifications
     * map back to this call whoever else calls the same upstream; the client's token is restored on the way back.
     */
    private ToolCallOutcome relayedCall(Session s, String tool, ObjectNode arguments, Duration timeout,
                                        CallRelay relay, String token) {
        try {
            ToolCallOutcome direct = s.link().callTool(tool, arguments, timeout, token, relay::onCancel);
            if (direct != null) return direct;
        } catch (UpstreamException.Unavailable e) {
            if (looksBroken(e.getCause())) s.lost().complete("connection broke: " + Durations.reason(e.getCause()));
            throw e;
        }
        var request = new McpSchema.CallToolRequest(tool, SdkResults.arguments(arguments),
                java.util.Map.of("progressToken", token));
        CompletableFuture<McpSchema.CallToolResult> pending = s.client().callTool(request)
                .contextWrite(RelayTransport.context(token)).toFuture();
        java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        relay.onCancel(() -> {
            if (!cancelled.compareAndSet(false, true)) return;
            s.relays().cancel(token, "cancelled by the client");
            pending.cancel(false);
        });
        try {
            return await(s, tool, pending, timeout);
        } catch (java.util.concurrent.CancellationException e) {
            // Not a failure of the upstream: the client gave up on the call and expects no answer to it.
            log.debug("upstream '{}': tools/call '{}' cancelled by the client", name, tool);
            return SdkResults.cancelled(tool);
        }
    }

    /** Sends {@code logging/setLevel} when the server offers logging; a failure is logged, never thrown. */
    void setLoggingLevel(String level) {
        if (perClient != null) perClient.setLoggingLevel(level);
        Session s = session;
        if (s == null || s.client().getServerCapabilities() == null
                || s.client().getServerCapabilities().logging() == null) {
            return;
        }
        McpSchema.LoggingLevel parsed = McpSchema.LoggingLevel.valueOf(level.toUpperCase(java.util.Locale.ROOT));
        s.client().setLoggingLevel(parsed).timeout(options.connectTimeout()).subscribe(null,
                e -> log.warn("upstream '{}': logging/setLevel {} failed: {}", name, level, Durations.reason(e)));
    }

    /**
     * The call's outcome, once it has one, or once the session is lost: a request written to a child that had just
     * died is never answered, and the SDK does not fail it, so without watching the session such a call would wait
     * for its whole timeout.
     */
    private ToolCallOutcome await(Session s, String tool, CompletableFuture<McpSchema.CallToolResult> pending,
                                  Duration timeout) {
        try {
            try {
                CompletableFuture.anyOf(pending, s.lost()).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                // pending failed: read below
            }
            if (!pending.isDone()) {
                pending.cancel(true);
                throw new UpstreamException.Unavailable(name, "upstream '" + name + "' failed during tools/call '"
                        + tool + "': " + s.lost().getNow("connection lost"), null);
            }
            return SdkResults.outcome(pending.get());
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new UpstreamException.Timeout(name, "upstream '" + name + "' did not answer tools/call '" + tool
                    + "' within " + Durations.human(timeout), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.cancel(true);
            throw new UpstreamException.Unavailable(name, "interrupted while calling '" + tool + "' on '" + name + "'", e);
        } catch (ExecutionException e) {
            return failed(s, tool, e.getCause(), timeout);
        }
    }

    private ToolCallOutcome failed(Session s, String tool, Throwable cause, Duration timeout) {
        if (cause instanceof McpError error) {
            return SdkResults.outcome(error);
        }
        if (cause instanceof TimeoutException) {
            throw new UpstreamException.Timeout(name, "upstream '" + name + "' did not answer tools/call '" + tool
                    + "' within " + Durations.human(timeout), cause);
        }
        if (looksBroken(cause)) {
            s.lost().complete("connection broke: " + Durations.reason(cause));
        }
        String why = s.lost().isDone() ? s.lost().getNow("connection lost") : Durations.reason(cause);
        throw new UpstreamException.Unavailable(name, "upstream '" + name + "' failed during tools/call '" + tool
                + "': " + why, cause);
    }

    // ---- resources and prompts (see ServerFeatures) ----------------------------------------------------------

    /** The resources and prompts of the live session; unavailable (like a call) while there is none. */
    ServerFeatures features() {
        current();
        ServerFeatures f = features;
        if (f == null) throw new UpstreamException.Unavailable(name, "upstream '" + name + "' is not connected", null);
        return f;
    }

    /** Runs a request to this server behind its breaker, like a tool call. */
    <T> T guarded(java.util.function.Supplier<T> request) {
        return breaker.call(request);
    }

    /**
     * Runs {@code request} behind the breaker on gateway session {@code scope}'s own upstream session, opened on its
     * first request; null when the server keeps no state per session (stdio, stateless HTTP), per-client sessions
     * are off, or the pool is full: the shared session serves it then.
     *
     * @param what names the request in the log, e.g. {@code tools/call 'echo'}
     */
    <T> T onClientSession(String scope, Duration timeout, String what,
                          java.util.function.BiFunction<ScopedSession, Duration, T> request) {
        if (perClient == null || !current().link().stateful()) return null;
        return perClient.run(scope, timeout, what, (c, left) -> breaker.call(() -> request.apply(c, left)));
    }

    /** The gateway session {@code scope} ended: its own upstream session, if it has one, is closed. */
    void endSession(String scope) {
        if (perClient != null) perClient.end(scope);
    }

    /** How many gateway clients hold their own session at this server. */
    int clientSessions() {
        return perClient == null ? 0 : perClient.size();
    }

    private Session current() {
        Session s = session;
        if (s == null) {
            UpstreamStatus now = status;
            throw new UpstreamException.Unavailable(name, "upstream '" + name + "' is "
                    + now.state().name().toLowerCase(java.util.Locale.ROOT) + ": " + now.detail(), null);
        }
        return s;
    }

    // ---- supervision ----------------------------------------------------------------------------------------

    private void supervise() {
        int failures = 0;
        String lastFailure = null;
        while (!closed) {
            // Only the very first attempt reads as CONNECTING; after a failure the server stays DOWN until it is back,
            // so that health reports do not flicker while it retries.
            if (lastFailure == null) {
                status(State.CONNECTING, "connecting");
            } else {
                status(State.DOWN, "reconnecting (attempt " + (failures + 1) + ") after: " + lastFailure);
            }
            Session s;
            try {
                s = connect();
            } catch (InterruptedException e) {
                break;
            } catch (Exception e) {
                lastFailure = "connect failed: " + Durations.reason(e);
                if (!pause(failures++, lastFailure)) {
                    break;
                }
                continue;
            }
            if (closed) {
                stop(s);
                break;
            }
            Instant up = options.clock().instant();
            breaker.reset();
            session = s;
            status(State.CONNECTED, s.link().describe() + ", " + s.tools().get().size() + " tools");
            firstAttempt.complete(null);
            lastFailure = awaitLoss(s);
            session = null;
            stop(s);
            if (closed || lastFailure == null) {
                break;
            }
            if (Duration.between(up, options.clock().instant()).compareTo(options.stableAfter()) >= 0) {
                failures = 0;
            }
            if (!pause(failures++, lastFailure)) {
                break;
            }
        }
        firstAttempt.complete(null);
    }

    private Session connect() throws Exception {
        Upstream.Link link = upstream.open();
        AtomicReference<List<ToolInfo>> tools = new AtomicReference<>(List.of());
        CompletableFuture<String> lost = new CompletableFuture<>();
        ServerFeatures featured = new ServerFeatures(name, listeners, lost, subscribed);
        RelayTransport relays = new RelayTransport(link.transport(), name);
        relays.onResourceUpdated(featured::resourceUpdated);
        McpAsyncClient client = SdkClients.spec(relays, options)
                .toolsChangeConsumer(list -> Mono.fromRunnable(() -> {
                    tools.set(SdkResults.tools(list));
                    log.info("upstream '{}': tool list changed, now {} tools", name, list.size());
                }))
                .resourcesChangeConsumer(featured::resourcesChanged)
                .promptsChangeConsumer(featured::promptsChanged)
                .build();
        Session s = new Session(link, client, tools, lost, relays);
        try {
            McpSchema.InitializeResult init = await(link, client.initialize(), "initialize");
            if (init.capabilities() != null && init.capabilities().tools() != null) {
                tools.set(SdkResults.tools(await(link, client.listTools(), "tools/list").tools()));
            }
            featured.attach(client, init.capabilities(), options.connectTimeout());
            featured.renewSubscriptions(options.connectTimeout());
            features = featured;
            link.watch(why -> s.lost().complete(why));
            log.info("upstream '{}' connected: {} {} ({}), {} tools, {}", name, init.serverInfo().name(),
                    init.serverInfo().version(), link.describe(), tools.get().size(), featured.describe());
            return s;
        } catch (Exception | Error e) {
            stop(s);
            throw e;
        }
    }

    /** Waits for one step of the handshake, bounded by the connect timeout and cut short if the link dies. */
    private <T> T await(Upstream.Link link, Mono<T> step, String what) throws Exception {
        CompletableFuture<T> pending = step.toFuture();
        long deadline = System.nanoTime() + options.connectTimeout().toNanos();
        while (true) {
            try {
                return pending.get(Math.min(100_000_000L, Math.max(deadline - System.nanoTime(), 1)), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                String dead = link.failure();
                if (dead != null) {
                    pending.cancel(true);
                    throw new IOException(dead + " before answering " + what);
                }
                if (System.nanoTime() >= deadline) {
                    pending.cancel(true);
                    throw new IOException("no answer to " + what + " within "
                            + Durations.human(options.connectTimeout()) + " (" + link.describe() + ")");
                }
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
    }

    /** Blocks until the session is lost (returning why) or the connection is closed (returning null). */
    private String awaitLoss(Session s) {
        while (!closed) {
            try {
                return s.lost().get(options.pingInterval().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                try {
                    checkAndRefresh(s);
                } catch (InterruptedException ie) {
                    return null;
                } catch (Exception checkFailure) {
                    return "health check failed: " + Durations.reason(checkFailure);
                }
            } catch (InterruptedException e) {
                return null;
            } catch (ExecutionException e) {
                return Durations.reason(e.getCause());
            }
        }
        return null;
    }

    /**
     * The periodic health check: re-lists the tools when the server has any (so a missed
     * {@code list_changed} notification heals within one interval), else pings.
     */
    private void checkAndRefresh(Session s) throws Exception {
        long timeout = options.connectTimeout().toMillis();
        var capabilities = s.client().getServerCapabilities();
        if (capabilities != null && capabilities.tools() != null) {
            var listed = s.client().listTools().toFuture().get(timeout, TimeUnit.MILLISECONDS);
            s.tools().set(SdkResults.tools(listed.tools()));
        } else {
            s.client().ping().toFuture().get(timeout, TimeUnit.MILLISECONDS);
        }
        ServerFeatures f = features;
        if (f != null) f.refresh(options.connectTimeout());
    }

    private boolean pause(int failures, String why) {
        Duration delay = options.backoff().delay(failures);
        status(State.DOWN, why + "; retrying in " + Durations.human(delay));
        firstAttempt.complete(null);
        try {
            Thread.sleep(delay);
            return !closed;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private void status(State state, String detail) {
        UpstreamStatus previous = status;
        status = new UpstreamStatus(state, detail);
        if (state == State.DOWN && detail.contains("retrying in")) {
            log.warn("upstream '{}' down: {}", name, detail);
        } else if (previous.state() != state) {
            log.debug("upstream '{}' {}: {}", name, state.name().toLowerCase(java.util.Locale.ROOT), detail);
        }
    }

    /** Closes a session: graceful close (stdin, then SIGTERM for a child), then a forcible stop after the grace. */
    private void stop(Session s) {
        s.link().closeInput(options.stopGrace().dividedBy(2));
        if (!Durations.awaitQuietly(s.client().closeGracefully().toFuture(), options.stopGrace())) {
            s.link().forceStop();
        }
        s.link().stopped();
    }

    /** Stops supervising and closes the session, waiting for the child (if any) to be gone. */
    void close() {
        Thread thread;
        synchronized (this) {
            closed = true;
            thread = supervisor;
        }
        Session s = session;
        if (s != null) {
            s.lost().complete("closing");
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(options.stopGrace().multipliedBy(2).plusSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (perClient != null) perClient.closeAll();
        status = new UpstreamStatus(State.DOWN, "closed");
    }

    ServerConfig config() {
        return upstream.config();
    }

    static boolean looksBroken(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException || c instanceof McpTransportException
                    || c instanceof McpTransportSessionClosedException
                    || "MCP session with server terminated".equals(c.getMessage())) {
                return true;
            }
        }
        return false;
    }
}
