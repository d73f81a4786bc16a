package dev.warden.gateway.routing;

import dev.warden.gateway.config.ServerConfig;
import dev.warden.gateway.upstream.UpstreamException;
import dev.warden.gateway.upstream.Upstreams;
import dev.warden.gateway.upstream.Upstreams.ToolInfo;
import dev.warden.gateway.upstream.Upstreams.UpstreamStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks every enabled upstream for one of its lists (tools, resources, resource templates, prompts) at once, each on
 * its own virtual thread, and keeps the answers that arrive before the deadline. A slow, dead or failing upstream is
 * left out of the result and logged (at WARN once a minute for each upstream and list); it never fails or stalls the
 * whole list.
 *
 * <pre>{@code
 * FanOut fanOut = new FanOut(upstreams, Duration.ofSeconds(2));
 * ToolCatalog catalog = namespace.merge(fanOut.collect());                              // tools
 * Map<String, List<PromptInfo>> prompts = fanOut.collect("prompts/list", upstreams::prompts, false);
 * }</pre>
 */
public final class FanOut {
    private static final Logger log = LoggerFactory.getLogger(FanOut.class);
    private static final Executor VIRTUAL = r -> Thread.ofVirtual().name("list-fan-out").start(r);

    /** How often the same upstream's absence from the same kind of list is logged at WARN; otherwise at debug. */
    static final Duration WARN_EVERY = Duration.ofMinutes(1);

    private final Upstreams upstreams;
    private final Duration deadline;
    /**
     * When each upstream's absence from each kind of list was last logged at WARN ({@link System#nanoTime}): an MCP
     * request lists tools on every call, so a down upstream would otherwise log a line per call.
     */
    private final ConcurrentHashMap<String, Long> lastWarned = new ConcurrentHashMap<>();

    /** @param deadline how long the slowest upstream may take, counted from the start of {@link #collect()} */
    public FanOut(Upstreams upstreams, Duration deadline) {
        this.upstreams = upstreams;
        this.deadline = deadline;
    }

    /**
     * The tools of every enabled upstream that answered in time, in registry order. When the upstreams keep their
     * tool lists in memory ({@link Upstreams#toolsFromMemory()}), they are read in turn on this thread: no thread
     * per upstream and no deadline are needed for what cannot wait.
     */
    public Map<String, List<ToolInfo>> collect() { return tools(false); }

    /** As {@link #collect()}, logging left-out upstreams at debug level only (for periodic background checks). */
    public Map<String, List<ToolInfo>> collectQuietly() { return tools(true); }

    private Map<String, List<ToolInfo>> tools(boolean quiet) {
        if (!upstreams.toolsFromMemory()) return collect("tools/list", upstreams::tools, quiet);
        Map<String, List<ToolInfo>> answered = new LinkedHashMap<>();
        for (ServerConfig server : upstreams.servers()) {
            if (!asked(server)) continue;
            try {
                answered.put(server.name(), upstreams.tools(server.name()));
            } catch (UpstreamException e) {
                leftOut(quiet, server.name(), "tools/list", "upstream '{}' is left out of this {}: {}", server.name(),
                        "tools/list", e.getMessage());
            }
        }
        return answered;
    }

    private boolean asked(ServerConfig server) {
        return server.enabled() && upstreams.status(server.name()).state() != UpstreamStatus.State.DISABLED;
    }

    /**
     * One list of every enabled upstream that answered in time, in registry order.
     *
     * @param what   the list's MCP method, for logs (e.g. {@code prompts/list})
     * @param lister asks one server, by name, for its list
     * @param quiet  log left-out upstreams at debug level only (for periodic background checks)
     */
    public <T> Map<String, List<T>> collect(String what, Function<String, List<T>> lister, boolean quiet) {
        long end = System.nanoTime() + deadline.toNanos();
        Map<String, CompletableFuture<List<T>>> pending = new LinkedHashMap<>();
        for (ServerConfig server : upstreams.servers()) {
            if (!asked(server)) continue;
            pending.put(server.name(), CompletableFuture.supplyAsync(() -> lister.apply(server.name()), VIRTUAL));
        }
        Map<String, List<T>> answered = new LinkedHashMap<>();
        pending.forEach((server, future) -> {
            try {
                answered.put(server, future.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                future.cancel(true);
                leftOut(quiet, server, what, "upstream '{}' did not answer within {}; it is left out of this {}", server,
                        deadline, what);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof UpstreamException) {
                    leftOut(quiet, server, what, "upstream '{}' is left out of this {}: {}", server, what,
                            cause.getMessage());
                } else {
                    leftOut(quiet, server, what, "upstream '{}' is left out of this {}: listing failed", server, what,
                            cause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                future.cancel(true);
            }
        });
        return answered;
    }

    /** Logs a left-out upstream: at WARN once per {@link #WARN_EVERY} for each server and list, else at debug. */
    private void leftOut(boolean quiet, String server, String what, String format, Object... args) {
        if (!quiet && warnNow(server + " " + what)) {
            log.warn(format, args);
        } else {
            log.debug(format, args);
        }
    }

    private boolean warnNow(String key) {
        long now = System.nanoTime();
        boolean[] warn = {false};
        lastWarned.compute(key, (k, last) -> {
            if (last != null && now - last < WARN_EVERY.toNanos()) return last;
            warn[0] = true;
            return now;
        });
        return warn[0];
    }
}
