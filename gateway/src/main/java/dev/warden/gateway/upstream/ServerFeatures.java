package dev.warden.gateway.upstream;

import dev.warden.gateway.upstream.Upstreams.Answer;
import dev.warden.gateway.upstream.Upstreams.Listener;
import dev.warden.gateway.upstream.Upstreams.PromptInfo;
import dev.warden.gateway.upstream.Upstreams.ResourceInfo;
import dev.warden.gateway.upstream.Upstreams.ResourceTemplateInfo;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The resources and prompts of one upstream session: the lists it declared (cached, refreshed on its
 * {@code list_changed} notifications and by the connection's periodic check) and the requests for them, each
 * bounded by its own deadline like {@code tools/call}. A feature the server did not declare in {@code initialize}
 * is never asked for: its list is empty and its requests answer "does not offer".
 *
 * <pre>{@code
 * ServerFeatures features = new ServerFeatures("docs", listeners, lost, subscribed);   // before the client
 * builder.resourcesChangeConsumer(features::resourcesChanged);            // … and the other consumers
 * features.attach(client, init.capabilities(), connectTimeout);           // lists what the server declared
 * Answer a = features.read("file:///README.md", Duration.ofSeconds(30));
 * }</pre>
 */
final class ServerFeatures {
    private static final Logger log = LoggerFactory.getLogger(ServerFeatures.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String name;
    private final Supplier<List<Listener>> listeners;
    private final CompletableFuture<String> lost;
    private final Set<String> subscribed;
    private final AtomicReference<List<ResourceInfo>> resources = new AtomicReference<>(List.of());
    private final AtomicReference<List<ResourceTemplateInfo>> templates = new AtomicReference<>(List.of());
    private final AtomicReference<List<PromptInfo>> prompts = new AtomicReference<>(List.of());
    /** The lists the server refused once (warned about once, not at every periodic check). */
    private final Set<String> refused = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile McpAsyncClient client;
    private volatile McpSchema.ServerCapabilities capabilities;

    /**
     * @param lost       completed with a reason when a request finds the connection broken
     * @param subscribed the URIs subscribed to on this server, kept by its connection across sessions
     */
    ServerFeatures(String name, Supplier<List<Listener>> listeners, CompletableFuture<String> lost,
                   Set<String> subscribed) {
        this.name = name;
        this.listeners = listeners;
        this.lost = lost;
        this.subscribed = subscribed;
    }

    /** Binds the session's client and lists every feature the server declared, within {@code timeout} each. */
    void attach(McpAsyncClient client, McpSchema.ServerCapabilities capabilities, Duration timeout) throws Exception {
        bind(client, capabilities);
        refresh(timeout);
    }

    /**
     * Binds the session's client for requests only, listing nothing: a gateway client's own upstream session
     * ({@link UpstreamSessionPool}) reads and gets through it, while the lists come from the shared session.
     */
    void bind(McpAsyncClient client, McpSchema.ServerCapabilities capabilities) {
        this.client = client;
        this.capabilities = capabilities;
    }

    /**
     * Re-lists the declared features (the periodic check heals a missed {@code list_changed}). A list the server
     * refuses with a JSON-RPC error keeps its previous value and is logged: its tools stay usable. A timeout or a
     * broken link is thrown, as a failed health check.
     */
    void refresh(Duration timeout) throws Exception {
        McpAsyncClient c = client;
        if (c == null) return;
        if (offersResources()) {
            relist("resources/list", c.listResources(), timeout, r -> resources.set(SdkResults.resources(r.resources())));
            relist("resources/templates/list", c.listResourceTemplates(), timeout,
                    r -> templates.set(SdkResults.templates(r.resourceTemplates())));
        }
        if (offersPrompts()) {
            relist("prompts/list", c.listPrompts(), timeout, r -> prompts.set(SdkResults.prompts(r.prompts())));
        }
    }

    private <T> void relist(String what, Mono<T> request, Duration timeout, java.util.function.Consumer<T> keep)
            throws Exception {
        try {
            keep.accept(request.toFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof McpError error)) throw e;
            if (refused.add(what)) {
                log.warn("upstream '{}' refused {}: {}; keeping the previous list", name, what, error.getMessage());
            } else {
                log.debug("upstream '{}' refused {} again: {}", name, what, error.getMessage());
            }
        }
    }

    List<ResourceInfo> resources() { return resources.get(); }

    List<ResourceTemplateInfo> templates() { return templates.get(); }

    List<PromptInfo> prompts() { return prompts.get(); }

    /** A one-line summary for logs, e.g. {@code 3 resources, 1 template, 2 prompts}. */
    String describe() {
        return resources.get().size() + " resources, " + templates.get().size() + " templates, "
                + prompts.get().size() + " prompts";
    }

    // ---- notifications from the server (the SDK re-lists before calling these) ----------------------------

    Mono<Void> resourcesChanged(List<McpSchema.Resource> list) {
        return Mono.fromRunnable(() -> {
            resources.set(SdkResults.resources(list));
            log.info("upstream '{}': resource list changed, now {} resources", name, list.size());
            // Templates have no notification of their own: re-list them too, off the SDK's thread.
            Thread.ofVirtual().name("upstream-" + name + "-templates").start(this::relistTemplates);
        });
    }

    Mono<Void> promptsChanged(List<McpSchema.Prompt> list) {
        return Mono.fromRunnable(() -> {
            prompts.set(SdkResults.prompts(list));
            log.info("upstream '{}': prompt list changed, now {} prompts", name, list.size());
        });
    }

    /** The upstream announced a new version of the resource {@code uri} ({@code notifications/resources/updated}). */
    void resourceUpdated(String uri) {
        for (Listener l : listeners.get()) {
            try {
                l.resourceUpdated(name, uri);
            } catch (RuntimeException e) {
                log.warn("a listener failed on the update of resource {} of upstream '{}'", uri, name, e);
            }
        }
    }

    private void relistTemplates() {
        McpAsyncClient c = client;
        try {
            if (c != null && offersResources()) {
                templates.set(SdkResults.templates(c.listResourceTemplates().toFuture().get(30, TimeUnit.SECONDS)
                        .resourceTemplates()));
            }
        } catch (Exception e) {
            log.debug("upstream '{}': re-listing resource templates failed: {}", name, Durations.reason(e));
        }
    }

    // ---- requests ------------------------------------------------------------------------------------------

    Answer read(String uri, Duration timeout) {
        if (!offersResources()) return Answer.Refused.unsupported(name, "resources");
        return await(current().readResource(new McpSchema.ReadResourceRequest(uri)), "resources/read '" + uri + "'",
                timeout);
    }

    Answer get(String prompt, ObjectNode arguments, Duration timeout) {
        if (!offersPrompts()) return Answer.Refused.unsupported(name, "prompts");
        return await(current().getPrompt(new McpSchema.GetPromptRequest(prompt, SdkResults.arguments(arguments))),
                "prompts/get '" + prompt + "'", timeout);
    }

    /** Subscribes, and remembers the URI so that the next session renews the subscription. */
    Answer subscribe(String uri, Duration timeout) {
        if (!offersSubscriptions()) return Answer.Refused.unsupported(name, "resource subscriptions");
        Answer answer = await(current().subscribeResource(new McpSchema.SubscribeRequest(uri)),
                "resources/subscribe '" + uri + "'", timeout);
        if (answer instanceof Answer.Result) subscribed.add(uri);
        return answer;
    }

    Answer unsubscribe(String uri, Duration timeout) {
        subscribed.remove(uri);
        if (!offersSubscriptions()) return Answer.Refused.unsupported(name, "resource subscriptions");
        return await(current().unsubscribeResource(new McpSchema.UnsubscribeRequest(uri)),
                "resources/unsubscribe '" + uri + "'", timeout);
    }

    /** A new session starts without subscriptions: renews the ones clients hold. */
    void renewSubscriptions(Duration timeout) {
        for (String uri : subscribed) {
            try {
                if (subscribe(uri, timeout) instanceof Answer.Refused r) {
                    log.warn("upstream '{}' refused to renew the subscription to {}: {}", name, uri, r.message());
                }
            } catch (UpstreamException e) {
                log.warn("upstream '{}': renewing the subscription to {} failed: {}", name, uri, e.getMessage());
            }
        }
    }

    Answer complete(ObjectNode params, Duration timeout) {
        McpSchema.ServerCapabilities caps = capabilities;
        if (caps == null || caps.completions() == null) return Answer.Refused.unsupported(name, "completions");
        McpSchema.CompleteRequest request;
        try {
            request = JSON.treeToValue(params, McpSchema.CompleteRequest.class);
        } catch (RuntimeException e) {
            return new Answer.Refused(-32602, "completion/complete: malformed params: " + Durations.reason(e), null);
        }
        return await(current().completeCompletion(request), "completion/complete", timeout);
    }

    boolean offersResources() {
        McpSchema.ServerCapabilities caps = capabilities;
        return caps != null && caps.resources() != null;
    }

    boolean offersSubscriptions() {
        return offersResources() && Boolean.TRUE.equals(capabilities.resources().subscribe());
    }

    boolean offersPrompts() {
        McpSchema.ServerCapabilities caps = capabilities;
        return caps != null && caps.prompts() != null;
    }

    private McpAsyncClient current() {
        McpAsyncClient c = client;
        if (c == null) throw new UpstreamException.Unavailable(name, "upstream '" + name + "' is not connected", null);
        return c;
    }

    /** Waits for one request within {@code timeout}; errors map as in {@code Connection.call}. */
    private Answer await(Mono<?> request, String what, Duration timeout) {
        CompletableFuture<?> pending = request.toFuture();
        try {
            Object result = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            JsonNode tree = result == null ? JSON.createObjectNode() : JSON.valueToTree(result);
            return new Answer.Result(tree instanceof ObjectNode o ? o : JSON.createObjectNode());
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw timeout(what, timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.cancel(true);
            throw new UpstreamException.Unavailable(name, "interrupted during " + what + " on '" + name + "'", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof McpError error) {
                var rpc = error.getJsonRpcError();
                return rpc == null ? new Answer.Refused(-32603, error.getMessage(), null)
                        : new Answer.Refused(rpc.code(), rpc.message(), rpc.data() == null ? null
                                : JSON.valueToTree(rpc.data()));
            }
            if (cause instanceof TimeoutException) throw timeout(what, timeout, cause);
            if (Connection.looksBroken(cause)) lost.complete("connection broke: " + Durations.reason(cause));
            String why = lost.isDone() ? lost.getNow("connection lost") : Durations.reason(cause);
            throw new UpstreamException.Unavailable(name, "upstream '" + name + "' failed during " + what + ": " + why,
                    cause);
        }
    }

    private UpstreamException.Timeout timeout(String what, Duration timeout, Throwable cause) {
        return new UpstreamException.Timeout(name, "upstream '" + name + "' did not answer " + what + " within "
                + Durations.human(timeout), cause);
    }
}
