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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks every enabled upstream for its tools at once, each on its own virtual thread, and keeps the answers that
 * arrive before the deadline. A slow, dead or failing upstream is left out of the result and logged; it never
 * fails or stalls the whole list.
 *
 * <pre>{@code
 * Map<String, List<ToolInfo>> tools = new ToolFanOut(upstreams, Duration.ofSeconds(2)).collect();
 * ToolCatalog catalog = namespace.merge(tools);
 * }</pre>
 */
public final class ToolFanOut {
    private static final Logger log = LoggerFactory.getLogger(ToolFanOut.class);
    private static final Executor VIRTUAL = r -> Thread.ofVirtual().name("tools-list").start(r);

    private final Upstreams upstreams;
    private final Duration deadline;

    /** @param deadline how long the slowest upstream may take, counted from the start of {@link #collect()} */
    public ToolFanOut(Upstreams upstreams, Duration deadline) {
        this.upstreams = upstreams;
        this.deadline = deadline;
    }

    /** The tools of every enabled upstream that answered in time, in registry order. */
    public Map<String, List<ToolInfo>> collect() { return collect(false); }

    /** As {@link #collect()}, logging left-out upstreams at debug level only (for periodic background checks). */
    public Map<String, List<ToolInfo>> collectQuietly() { return collect(true); }

    private Map<String, List<ToolInfo>> collect(boolean quiet) {
        long end = System.nanoTime() + deadline.toNanos();
        Map<String, CompletableFuture<List<ToolInfo>>> pending = new LinkedHashMap<>();
        for (ServerConfig server : upstreams.servers()) {
            if (!server.enabled() || upstreams.status(server.name()).state() == UpstreamStatus.State.DISABLED) continue;
            pending.put(server.name(), CompletableFuture.supplyAsync(() -> upstreams.tools(server.name()), VIRTUAL));
        }
        Map<String, List<ToolInfo>> answered = new LinkedHashMap<>();
        pending.forEach((server, future) -> {
            try {
                answered.put(server, future.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                future.cancel(true);
                leftOut(quiet, "upstream '{}' did not list its tools within {}; it is left out of this tools/list",
                        server, deadline);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof UpstreamException) {
                    leftOut(quiet, "upstream '{}' is left out of this tools/list: {}", server, cause.getMessage());
                } else {
                    leftOut(quiet, "upstream '{}' is left out of this tools/list: listing its tools failed", server,
                            cause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                future.cancel(true);
            }
        });
        return answered;
    }

    private static void leftOut(boolean quiet, String format, Object... args) {
        if (quiet) {
            log.debug(format, args);
        } else {
            log.warn(format, args);
        }
    }
}
