package dev.warden.gateway.upstream;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The SDK client's transport to one upstream, wrapped so that the upstream's messages about an in-flight tool call
 * reach the client that made it, raw (no field the SDK's records do not know is lost), instead of the SDK's
 * client-wide handlers, which cannot tell calls apart.
 *
 * <p>How a message is attributed to a call, most precise first:
 * <ol>
 *   <li>{@code notifications/progress}: by its {@code progressToken}, which Warden set per call
 *       ({@link #register}) in the upstream request's {@code _meta}.</li>
 *   <li>Messages that arrive on the response stream of the call's own POST (Streamable HTTP, where servers send what
 *       belongs to a request): the SDK transport handles them inside the subscription of that POST, whose Reactor
 *       context carries the call's token ({@link #context}).</li>
 *   <li>Otherwise (stdio, the GET stream), for a server-to-client request only (sampling, elicitation, roots): the
 *       only call in flight on this connection, if there is exactly one. A request is what a tool asks while it
 *       runs, and the call waits for its answer.</li>
 * </ol>
 * What cannot be attributed goes to the SDK: its handlers log notifications and refuse server-to-client requests.
 * A log message ({@code notifications/message}) is relayed only when its stream says which call it belongs to:
 * a connection serves every caller, and a stdio server logs about anything (another user's subscription, its own
 * timers), so giving an unattributed message to the one call in flight sent one user's data to another (found by
 * exploratory testing, 26 Nov 2026).
 */
final class RelayTransport implements McpClientTransport {
    private static final Logger log = LoggerFactory.getLogger(RelayTransport.class);
    private static final String KEY = "warden.relay.token";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicLong COUNTER = new AtomicLong();

    private final McpClientTransport delegate;
    private final String server;
    private final Map<String, InFlight> calls = new ConcurrentHashMap<>();

    /** One relayed call: its client side, and the JSON-RPC id the SDK gave its {@code tools/call} (for cancelling). */
    private static final class InFlight {
        final CallRelay relay;
        volatile Object upstreamId;

        InFlight(CallRelay relay) { this.relay = relay; }
    }

    RelayTransport(McpClientTransport delegate, String server) {
        this.delegate = delegate;
        this.server = server;
    }

    private volatile Consumer<String> resourceUpdates = uri -> {};

    /**
     * Where the upstream's {@code notifications/resources/updated} go: straight to Warden's subscriptions, with
     * the resource's URI. The SDK's client would first read the resource (a read no policy decided and no record
     * shows, whose content nothing used) and log an ERROR whenever that read failed: every few seconds, for as
     * long as a server kept announcing updates of a URI it could not read.
     */
    void onResourceUpdated(Consumer<String> updates) { this.resourceUpdates = updates; }

    /** Starts relaying for one call; returns the progress token to send in the request's {@code _meta}. */
    String register(CallRelay relay) {
        String token = "warden-" + server + "-" + COUNTER.incrementAndGet();
        calls.put(token, new InFlight(relay));
        return token;
    }

    void unregister(String token) { calls.remove(token); }

    /** The Reactor context that marks a request's subscription as belonging to the call with this token. */
    static Context context(String token) { return Context.of(KEY, token); }

    /** Tells the upstream that the client cancelled the call ({@code notifications/cancelled} with its request id). */
    void cancel(String token, String reason) {
        InFlight call = calls.get(token);
        if (call == null || call.upstreamId == null) return;
        var params = Map.<String, Object>of("requestId", call.upstreamId, "reason", reason);
        delegate.sendMessage(new McpSchema.JSONRPCNotification("notifications/cancelled", params))
                .subscribe(null, e -> log.debug("upstream '{}': could not send notifications/cancelled: {}", server,
                        e.toString()));
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        return delegate.connect(incoming -> Mono.deferContextual(ctx -> {
            String token = ctx.getOrDefault(KEY, null);
            return incoming.flatMap(m -> relayed(m, token) ? Mono.empty() : handler.apply(Mono.just(m)));
        }));
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCRequest r && McpSchema.METHOD_TOOLS_CALL.equals(r.method())
                && r.params() instanceof McpSchema.CallToolRequest call && call.meta() != null
                && call.meta().get("progressToken") instanceof String token) {
            InFlight inFlight = calls.get(token);
            if (inFlight != null) inFlight.upstreamId = r.id();
        }
        return delegate.sendMessage(message);
    }

    /** Whether the message was handed to a call's client (and so must not reach the SDK's handlers). */
    private boolean relayed(McpSchema.JSONRPCMessage message, String contextToken) {
        try {
            return switch (message) {
                case McpSchema.JSONRPCNotification n when McpSchema.METHOD_NOTIFICATION_PROGRESS.equals(n.method()) ->
                        progress(n);
                case McpSchema.JSONRPCNotification n when McpSchema.METHOD_NOTIFICATION_MESSAGE.equals(n.method()) -> {
                    InFlight call = contextToken == null ? null : calls.get(contextToken);
                    if (call != null) call.relay.notify(n.method(), params(n.params()));
                    yield call != null;
                }
                case McpSchema.JSONRPCNotification n when "notifications/resources/updated".equals(n.method()) -> {
                    JsonNode uri = params(n.params()).get("uri");
                    if (uri != null && uri.isString()) resourceUpdates.accept(uri.asString());
                    yield true;
                }
                case McpSchema.JSONRPCRequest r when RELAYED_REQUESTS.contains(r.method()) -> request(r, contextToken);
                default -> false;
            };
        } catch (RuntimeException e) {
            log.warn("upstream '{}': could not relay {}: {}", server, message, e.toString());
            return false;
        }
    }

    private static final List<String> RELAYED_REQUESTS = List.of(McpSchema.METHOD_SAMPLING_CREATE_MESSAGE,
            McpSchema.METHOD_ELICITATION_CREATE, McpSchema.METHOD_ROOTS_LIST);

    private boolean progress(McpSchema.JSONRPCNotification n) {
        ObjectNode params = params(n.params());
        InFlight call = calls.get(params.path("progressToken").asString(""));
        if (call == null) return false;
        JsonNode clientToken = call.relay.progressToken();
        if (clientToken != null) { // the client asked for no progress: nothing to send, but nothing for the SDK either
            params.set("progressToken", clientToken);
            call.relay.notify(n.method(), params);
        }
        return true;
    }

    private boolean request(McpSchema.JSONRPCRequest r, String contextToken) {
        InFlight call = attribute(contextToken);
        if (call == null) return false;
        log.info("upstream '{}' sent {} during a tool call; relaying it to the calling client", server, r.method());
        Object id = r.id();
        call.relay.request(r.method(), params(r.params())).whenComplete((result, failure) -> {
            McpSchema.JSONRPCResponse answer;
            if (failure == null) {
                answer = McpSchema.JSONRPCResponse.result(id, JSON.convertValue(result, Object.class));
            } else {
                Throwable cause = failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                        ? c.getCause() : failure;
                answer = McpSchema.JSONRPCResponse.error(id, cause instanceof CallRelay.RelayException e
                        ? new McpSchema.JSONRPCResponse.JSONRPCError(e.code(), e.getMessage(),
                        e.data() == null ? null : JSON.convertValue(e.data(), Object.class))
                        : new McpSchema.JSONRPCResponse.JSONRPCError(-32603, "the client's answer could not be "
                        + "relayed: " + cause.getMessage()));
            }
            delegate.sendMessage(answer).subscribe(null, e -> log.warn("upstream '{}': could not return the "
                    + "client's answer to {}: {}", server, r.method(), e.toString()));
        });
        return true;
    }

    /** The call a message belongs to: the one whose subscription delivered it, else the only one in flight. */
    private InFlight attribute(String contextToken) {
        if (contextToken != null) {
            InFlight call = calls.get(contextToken);
            if (call != null) return call;
        }
        if (calls.size() == 1) {
            var only = calls.values().iterator();
            if (only.hasNext()) return only.next();
        }
        return null;
    }

    private static ObjectNode params(Object params) {
        if (params == null) return JSON.createObjectNode();
        JsonNode tree = JSON.valueToTree(params);
        return tree instanceof ObjectNode o ? o : JSON.createObjectNode();
    }

    @Override
    public Mono<Void> closeGracefully() { return delegate.closeGracefully(); }

    @Override
    public void close() { delegate.close(); }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) { return delegate.unmarshalFrom(data, typeRef); }

    @Override
    public List<String> protocolVersions() { return delegate.protocolVersions(); }

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) { delegate.setExceptionHandler(handler); }
}
