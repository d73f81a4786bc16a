package dev.warden.gateway.upstream;

import dev.warden.gateway.upstream.Upstreams.ToolCallOutcome;
import dev.warden.gateway.io.BoundedBodies;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpTransportException;
import io.modelcontextprotocol.spec.McpTransportSessionNotFoundException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Invocable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.util.context.Context;
import reactor.util.context.ContextView;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * MCP's Streamable HTTP transport (client side) on Jetty's HTTP client: what the SDK's client uses for the
 * handshake, listings, pings and server-initiated messages, plus a direct path for {@code tools/call}.
 *
 * <p>Every POST carries one JSON-RPC message; the answer is a JSON body, an event stream (notifications and
 * server requests, then the response), or 202 for notifications and responses. The session id the server gives in
 * the {@code initialize} answer goes on every later request, with the negotiated {@code MCP-Protocol-Version}.
 * After {@code notifications/initialized}, a GET stream receives what the server sends outside any request
 * (list changes, logging); a server without one answers 405 and is used in request-response mode.
 *
 * <p>{@link #callTool} is the gateway's call path: it runs on the caller's (virtual) thread, writes the JSON-RPC
 * request itself and reads the answer into JSON trees, without the SDK's reactive pipeline or schema conversions,
 * which cost more than the whole rest of a gateway call. Messages that arrive on its event stream and are not its
 * answer (progress, logging, sampling requests) go to the SDK client like those of any other request, so handlers
 * registered there see them unchanged.
 *
 * <p>A 404 to a request that carried a session id means the server forgot the session: the link reports itself
 * lost, and the connection's supervisor initializes a new session.
 */
final class StreamableHttpTransport implements McpClientTransport {

    private static final Logger log = LoggerFactory.getLogger(StreamableHttpTransport.class);
    private static final McpJsonMapper MAPPER = McpJsonDefaults.getMapper();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SESSION_HEADER = "Mcp-Session-Id";
    private static final String VERSION_HEADER = "MCP-Protocol-Version";
    private static final String ACCEPT_BOTH = "application/json, text/event-stream";
    /** Largest JSON answer or event accepted from an upstream. */
    private static final int MAX_MESSAGE_BYTES = 32 << 20;
    /** How long a POST sent for the SDK may take; the SDK and the connection bound every step more tightly. */
    private static final Duration SDK_EXCHANGE_LIMIT = Duration.ofMinutes(10);

    private final HttpClient http;
    private final URI endpoint;
    private final HttpField host;
    private final Map<String, String> headers;
    private final String name;
    private final AtomicLong ids = new AtomicLong();
    private volatile Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler;
    private volatile Consumer<Throwable> exceptionHandler = t -> { };
    private volatile Consumer<String> lost = why -> { };
    private volatile String sessionId;
    private volatile String protocolVersion;
    private volatile Object initializeId;
    private volatile boolean closed;
    private volatile Request stream;
    /** Whether to open the GET stream after initializing (the shared session does; per-client sessions do not). */
    private final boolean listens;

    /**
     * @param name    the upstream's registered name, for messages
     * @param headers extra headers from the registry, sent on every request
     */
    StreamableHttpTransport(HttpClient http, URI endpoint, Map<String, String> headers, String name) {
        this(http, endpoint, headers, name, true);
    }

    /**
     * @param listens whether to open the server's GET stream after initializing. A gateway client's own upstream
     *                session ({@link UpstreamSessionPool}) does not: what the server sends about a call comes on the
     *                call's response stream, list changes and resource updates come through the shared session, and
     *                an idle stream per client would hold one of the upstream's pooled connections for nothing.
     */
    StreamableHttpTransport(HttpClient http, URI endpoint, Map<String, String> headers, String name, boolean listens) {
        this.http = http;
        this.endpoint = endpoint;
        this.host = new HttpField(HttpHeader.HOST, endpoint.getAuthority());
        this.headers = Map.copyOf(headers);
        this.name = name;
        this.listens = listens;
    }

    /** Whether the server gave this session an id in its {@code initialize} answer, i.e. keeps state per session. */
    boolean stateful() { return sessionId != null; }

    /** Called (at most usefully once) when the server has forgotten the session or the transport is closed. */
    void onLost(Consumer<String> lost) { this.lost = lost; }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        return Mono.fromRunnable(() -> this.handler = handler);
    }

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) { this.exceptionHandler = handler; }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return Mono.create(sink -> {
            if (closed) {
                sink.error(new McpTransportException("the transport to '" + name + "' is closed"));
                return;
            }
            byte[] body;
            try {
                body = MAPPER.writeValueAsBytes(message);
            } catch (IOException e) {
                sink.error(new McpTransportException("cannot serialize a message for '" + name + "'", e));
                return;
            }
            String method = null;
            if (message instanceof McpSchema.JSONRPCRequest r) {
                method = r.method();
                if ("initialize".equals(method)) initializeId = r.id();
            } else if (message instanceof McpSchema.JSONRPCNotification n) {
                method = n.method();
            }
            String sent = method;
            Thread.ofVirtual().name("upstream-" + name + "-send").start(() -> exchange(body, sent, sink));
        });
    }

    /** One POST on behalf of the SDK: completes {@code sink} when the server accepted it, then reads its answer. */
    private void exchange(byte[] body, String method, MonoSink<Void> sink) {
        Request request = post(body, method).timeout(SDK_EXCHANGE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        InputStreamResponseListener listener = new InputStreamResponseListener();
        request.send(listener);
        Response response;
        try {
            response = listener.get(SDK_EXCHANGE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            request.abort(e);
            sink.error(e);
            return;
        } catch (TimeoutException | ExecutionException e) {
            request.abort(e);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            sink.error(new McpTransportException("POST to '" + name + "' failed: " + Durations.reason(cause), cause));
            return;
        }
        try (InputStream in = listener.getInputStream()) {
            RuntimeException refused = refusal(response, in);
            if (refused != null) {
                sink.error(refused);
                if (refused instanceof McpTransportSessionNotFoundException) exceptionHandler.accept(refused);
                return;
            }
            rememberSession(response);
            sink.success();
            if (listens && "notifications/initialized".equals(method)) openStream();
            readMessages(response, in, null, sink.contextView());
        } catch (IOException | RuntimeException e) {
            if (!closed) log.debug("upstream '{}': reading the answer to {} failed: {}", name, method, e.toString());
            sink.error(e); // ignored by Reactor when the sink already succeeded
        }
    }

    // ---- the direct tools/call path --------------------------------------------------------------------

    /**
     * Calls a tool and waits for its answer on the calling thread. A JSON-RPC error answered by the server is a
     * tool-level error, as in {@link SdkResults#outcome(io.modelcontextprotocol.spec.McpError)}.
     *
     * @throws UpstreamException.Timeout     no answer within {@code timeout} (the server is told the call is
     *                                       cancelled)
     * @throws UpstreamException.Unavailable the server could not be reached, refused the request, or broke off
     */
    ToolCallOutcome callTool(String tool, ObjectNode arguments, Duration timeout) {
        return callTool(tool, arguments, timeout, null, null);
    }

    /**
     * As {@link #callTool(String, ObjectNode, Duration)}, for a call relayed to an MCP client: see
     * {@link Upstream.Link#callTool(String, ObjectNode, Duration, String, Consumer)}.
     */
    ToolCallOutcome callTool(String tool, ObjectNode arguments, Duration timeout, String relayToken,
                             Consumer<Runnable> onCancel) {
        String id = "warden-" + ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", "tools/call");
        ObjectNode params = message.putObject("params").put("name", tool);
        params.set("arguments", arguments == null ? JSON.createObjectNode() : arguments);
        if (relayToken != null) params.putObject("_meta").put("progressToken", relayToken);
        ContextView context = relayToken == null ? Context.empty() : RelayTransport.context(relayToken);
        long deadline = System.nanoTime() + timeout.toNanos();
        Request request = post(JSON.writeValueAsBytes(message), "tools/call")
                .timeout(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        DirectAnswer listener = new DirectAnswer();
        java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        if (onCancel != null) {
            onCancel.accept(() -> {
                if (!cancelled.compareAndSet(false, true)) return;
                cancel(id, "cancelled by the client");
                request.abort(new java.util.concurrent.CancellationException("cancelled by the client"));
            });
        }
        request.send(listener);
        try {
            DirectAnswer.Received received = listener.answer.get(); // bounded by the request's timeout, which fails it
            Response response = received.response();
            JsonNode answer;
            if (received.json() != null) {
                answer = readJson(received.json(), id, context);
            } else {
                try (InputStream in = received.stream()) {
                    RuntimeException refused = refusal(response, in);
                    if (refused != null) {
                        throw new UpstreamException.Unavailable(name, "upstream '" + name + "' refused tools/call '"
                                + tool + "': " + refused.getMessage(),
                                refused instanceof McpTransportSessionNotFoundException ? refused : null);
                    }
                    answer = readMessages(response, in, id, context);
                }
            }
            if (answer == null) {
                throw new UpstreamException.Unavailable(name, "upstream '" + name + "' ended its answer to tools/call '"
                        + tool + "' without a result", null);
            }
            return outcome(answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request.abort(e);
            cancel(id, "the caller gave up");
            throw new UpstreamException.Unavailable(name, "interrupted while calling '" + tool + "' on '" + name + "'", e);
        } catch (ExecutionException | IOException | UpstreamException.Unavailable
                 | java.util.concurrent.CancellationException e) {
            // The client cancelled: the aborted request fails however far it had got (before its answer began, the
            // wait itself ends with the abort's CancellationException), and that is no failure.
            if (cancelled.get()) return SdkResults.cancelled(tool);
            if (e instanceof UpstreamException.Unavailable u) throw u;
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (System.nanoTime() - deadline >= 0 || cause instanceof TimeoutException) {
                throw timedOut(request, id, tool, timeout, cause);
            }
            throw new UpstreamException.Unavailable(name, "upstream '" + name + "' failed during tools/call '" + tool
                    + "': " + Durations.reason(cause), cause);
        }
    }

    private UpstreamException.Timeout timedOut(Request request, String id, String tool, Duration timeout, Throwable e) {
        request.abort(e);
        cancel(id, "timed out after " + Durations.human(timeout));
        return new UpstreamException.Timeout(name, "upstream '" + name + "' did not answer tools/call '" + tool
                + "' within " + Durations.human(timeout), e);
    }

    /** Tells the server to stop working on a request Warden no longer waits for (best effort, not awaited). */
    private void cancel(String id, String reason) {
        if (closed) return;
        ObjectNode note = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/cancelled");
        note.putObject("params").put("requestId", id).put("reason", reason);
        post(JSON.writeValueAsBytes(note), "notifications/cancelled").timeout(5, TimeUnit.SECONDS)
                .send(result -> {
                    if (result.isFailed()) {
                        log.debug("upstream '{}': could not send the cancellation of {}: {}", name, id,
                                result.getFailure().toString());
                    }
                });
    }

    private static ToolCallOutcome outcome(JsonNode answer) {
        JsonNode error = answer.get("error");
        if (error != null && !error.isNull()) {
            return SdkResults.upstreamError(error.path("code").asInt(0), error.path("message").asString(""));
        }
        JsonNode result = answer.path("result");
        JsonNode content = result.get("content");
        JsonNode structured = result.get("structuredContent");
        return new ToolCallOutcome(content == null || content.isNull() ? JSON.createArrayNode() : content,
                structured == null || structured.isNull() ? null : structured,
                result.path("isError").asBoolean(false));
    }

    /**
     * The answer to a direct call, awaited without a timer of our own: the request's timeout (Jetty's, one timer per
     * connection for all its requests) fails the response when it runs out, and the waiter wakes with that failure. A
     * timed wait would schedule and cancel a timer on the virtual-thread scheduler for every call, which under load
     * cost a few percent of the gateway's CPU.
     *
     * <p>A JSON answer (the usual one) is read whole on the client's selector thread, which parsed its headers and
     * usually holds its body already; the connection is then ready for its next request without a hand-off. Read by
     * the caller instead, each answer's last read re-armed the connection from another thread, which costs a wake-up
     * of the selector (an {@code eventfd} write and an {@code epoll} round) per call. An event stream, or any refusal,
     * is read by the caller as a stream.
     */
    private static final class DirectAnswer implements Response.Listener {
        /** Either the whole JSON body or the body as a stream. */
        record Received(Response response, byte[] json, InputStream stream) {}

        final java.util.concurrent.CompletableFuture<Received> answer = new java.util.concurrent.CompletableFuture<>();

        @Override
        public void onContentSource(Response response, Content.Source source) {
            if (response.getStatus() == 200 && contentType(response).startsWith("application/json")) {
                Content.Source.asByteArrayAsync(source, MAX_MESSAGE_BYTES, Promise.Invocable.from(
                        Invocable.InvocationType.NON_BLOCKING,
                        json -> answer.complete(new Received(response, json, null)),
                        failure -> answer.completeExceptionally(failure instanceof IllegalStateException
                                ? new IOException("the answer is larger than " + MAX_MESSAGE_BYTES + " bytes", failure)
                                : failure)));
            } else {
                answer.complete(new Received(response, null, Content.Source.asInputStream(source)));
            }
        }

        @Override
        public void onFailure(Response response, Throwable failure) { answer.completeExceptionally(failure); }

        @Override
        public void onComplete(org.eclipse.jetty.client.Result result) {
            if (result.isFailed()) {
                answer.completeExceptionally(result.getFailure());
            } else { // no content was announced: an empty body
                answer.complete(new Received(result.getResponse(), null, InputStream.nullInputStream()));
            }
        }
    }

    // ---- reading answers -------------------------------------------------------------------------------

    /**
     * Reads a POST's answer. Returns the response whose id is {@code awaited} as a tree, or null; every other
     * message goes to the SDK client, handled in {@code context}: the Reactor context of the SDK request the POST
     * carried, which tells {@link RelayTransport} which client call the message is about.
     */
    private JsonNode readMessages(Response response, InputStream in, String awaited, ContextView context)
            throws IOException {
        String type = contentType(response);
        if (type.startsWith("text/event-stream")) {
            SseReader events = new SseReader(new BufferedInputStream(in, 8192), MAX_MESSAGE_BYTES);
            JsonNode found = null;
            for (SseReader.Event e; (e = events.next()) != null; ) {
                if (e.data().isBlank()) continue; // a priming event, sent so the client can resume
                JsonNode answer = awaited == null ? null : answerTo(e.data(), awaited);
                if (answer != null) {
                    found = answer;
                    break; // the server ends the stream after the response; no need to wait for it
                }
                deliver(e.data(), context);
            }
            return found;
        }
        if (type.startsWith("application/json")) {
            byte[] body = BoundedBodies.read(in, response.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH),
                    MAX_MESSAGE_BYTES);
            if (body.length > MAX_MESSAGE_BYTES) {
                throw new IOException("the answer from '" + name + "' is larger than " + MAX_MESSAGE_BYTES + " bytes");
            }
            return readJson(body, awaited, context);
        }
        in.transferTo(java.io.OutputStream.nullOutputStream());
        return null;
    }

    /** A JSON answer: the response whose id is {@code awaited} as a tree, or null after giving it to the SDK client. */
    private JsonNode readJson(byte[] body, String awaited, ContextView context) {
        if (awaited != null) {
            JsonNode tree = JSON.readTree(body);
            if (Objects.equals(tree.path("id").asString(null), awaited)) return tree;
        }
        deliver(new String(body, StandardCharsets.UTF_8), context);
        return null;
    }

    private static JsonNode answerTo(String data, String id) {
        if (!data.contains(id)) return null; // cheap test before parsing every notification
        JsonNode tree = JSON.readTree(data);
        return tree.has("method") || !id.equals(tree.path("id").asString(null)) ? null : tree;
    }

    /** Hands one message to the SDK client. */
    private void deliver(String json, ContextView context) {
        var h = handler;
        if (h == null) return;
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(MAPPER, json);
        } catch (IOException | RuntimeException e) {
            log.warn("upstream '{}' sent a message that is not JSON-RPC; ignored ({})", name, e.getMessage());
            return;
        }
        if (message instanceof McpSchema.JSONRPCResponse r && initializeId != null && r.id() != null
                && r.id().equals(initializeId) && r.result() != null) {
            Object version = MAPPER.convertValue(r.result(), Map.class).get("protocolVersion");
            if (version instanceof String v) protocolVersion = v;
        }
        h.apply(Mono.just(message)).contextWrite(context).subscribe(null,
                e -> log.debug("upstream '{}': the client failed to handle a message: {}", name, e.toString()));
    }

    /** The server's refusal of a request as an exception, or null when it accepted it. */
    private RuntimeException refusal(Response response, InputStream in) throws IOException {
        int status = response.getStatus();
        if (status >= 200 && status < 300) return null;
        String text = new String(in.readNBytes(2048), StandardCharsets.UTF_8).strip();
        String detail = "HTTP " + status + (text.isEmpty() ? "" : ": " + text);
        if (status == 404 && sessionId != null) {
            lost.accept("the server no longer knows session " + abbreviated(sessionId));
            return new McpTransportSessionNotFoundException("upstream '" + name + "' no longer knows the session ("
                    + detail + ")");
        }
        return new McpTransportException("upstream '" + name + "' answered " + detail);
    }

    private void rememberSession(Response response) {
        String id = response.getHeaders().get(SESSION_HEADER);
        if (id != null && sessionId == null) sessionId = id;
    }

    // ---- the server's stream ---------------------------------------------------------------------------

    /** Opens the GET stream for messages the server sends outside any request, and keeps it open. */
    private void openStream() {
        Thread.ofVirtual().name("upstream-" + name + "-stream").start(() -> {
            String lastEventId = null;
            int failures = 0;
            while (!closed) {
                Request get = http.newRequest(endpoint).method(HttpMethod.GET).idleTimeout(0, TimeUnit.MILLISECONDS)
                        .headers(h -> {
                            headers.forEach(h::put);
                            h.put(HttpHeader.ACCEPT, "text/event-stream");
                            if (sessionId != null) h.put(SESSION_HEADER, sessionId);
                            if (protocolVersion != null) h.put(VERSION_HEADER, protocolVersion);
                        });
                String resumeAfter = lastEventId;
                if (resumeAfter != null) get.headers(h -> h.put("Last-Event-ID", resumeAfter));
                stream = get;
                InputStreamResponseListener listener = new InputStreamResponseListener();
                get.send(listener);
                try {
                    Response response = listener.get(30, TimeUnit.SECONDS);
                    try (InputStream in = listener.getInputStream()) {
                        int status = response.getStatus();
                        if (status == 405 || (status == 404 && sessionId == null)) {
                            log.debug("upstream '{}' offers no event stream (HTTP {})", name, status);
                            return;
                        }
                        if (refusal(response, in) != null) {
                            if (status == 404) return; // the session is gone; the supervisor starts a new one
                            throw new IOException("HTTP " + status);
                        }
                        if (!contentType(response).startsWith("text/event-stream")) return;
                        failures = 0;
                        SseReader events = new SseReader(new BufferedInputStream(in, 8192), MAX_MESSAGE_BYTES);
                        for (SseReader.Event e; (e = events.next()) != null; ) {
                            if (e.id() != null) lastEventId = e.id();
                            if (!e.data().isBlank()) deliver(e.data(), Context.empty());
                        }
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    if (closed) return;
                    log.debug("upstream '{}': event stream broke: {}", name, e.toString());
                    failures++;
                }
                if (closed) return;
                try {
                    Thread.sleep(Math.min(30_000, 250L << Math.min(failures, 7)));
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    // ---- requests ----------------------------------------------------------------------------------------

    private Request post(byte[] body, String method) {
        return http.newRequest(endpoint).method(HttpMethod.POST)
                .headers(h -> {
                    h.put(host); // set here, Jetty would build a java.net.URI per request to find it
                    headers.forEach(h::put);
                    h.put(HttpHeader.ACCEPT, ACCEPT_BOTH);
                    if (sessionId != null) h.put(SESSION_HEADER, sessionId);
                    if (protocolVersion != null) h.put(VERSION_HEADER, protocolVersion);
                    if (method != null) h.put("Mcp-Method", method);
                })
                .body(new BytesRequestContent("application/json", body));
    }

    private static String contentType(Response response) {
        String type = response.getHeaders().get(HttpHeader.CONTENT_TYPE);
        return type == null ? "" : type.toLowerCase(Locale.ROOT).strip();
    }

    private static String abbreviated(String id) { return id.length() <= 8 ? id : id.substring(0, 8) + "…"; }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(this::closeNow);
    }

    private void closeNow() {
        if (closed) return;
        closed = true;
        Request open = stream;
        if (open != null) open.abort(new IOException("closing"));
        String session = sessionId;
        if (session == null) return;
        // Ending the session frees the server's state; a server that does not allow it answers 405, which is fine.
        try {
            http.newRequest(endpoint).method(HttpMethod.DELETE).timeout(2, TimeUnit.SECONDS)
                    .headers(h -> {
                        headers.forEach(h::put);
                        h.put(SESSION_HEADER, session);
                        if (protocolVersion != null) h.put(VERSION_HEADER, protocolVersion);
                    }).send();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | ExecutionException e) {
            log.debug("upstream '{}': ending the session failed: {}", name, e.toString());
        }
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> type) { return MAPPER.convertValue(data, type); }
}
