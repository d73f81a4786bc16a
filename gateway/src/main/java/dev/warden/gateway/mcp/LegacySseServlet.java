package dev.warden.gateway.mcp;

import dev.warden.gateway.auth.AuthenticationException;
import dev.warden.gateway.auth.Principal;
import dev.warden.gateway.http.Caller;
import dev.warden.gateway.mcp.JsonRpc.Message;
import dev.warden.gateway.mcp.JsonRpc.Notification;
import dev.warden.gateway.mcp.JsonRpc.Request;
import dev.warden.gateway.mcp.JsonRpc.Response;
import dev.warden.gateway.observability.RequestIds;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The legacy HTTP+SSE transport (protocol revision 2024-11-05) for older clients: {@code GET /sse} opens an event
 * stream whose first event, {@code endpoint}, names {@code /messages?sessionId=…}; the client POSTs each JSON-RPC
 * message there (202 Accepted) and reads the answers as {@code message} events on the stream. The session lives as
 * long as the stream and belongs to the principal that opened it: a POST with another principal's token, or for a
 * closed stream, is 404.
 *
 * <p>Each stream is an {@link SseStream}, served by the (virtual) thread of its GET request.
 */
final class LegacySseServlet extends HttpServlet {
    static final String SSE_PATH = "/sse";
    static final String MESSAGES_PATH = "/messages";
    private static final Logger log = LoggerFactory.getLogger(LegacySseServlet.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String LEGACY_VERSION = "2024-11-05";
    private static final JsonNode NO_CLIENT_INFO = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();

    private final transient McpProtocol protocol;
    private final transient Caller caller;
    private final transient OriginGuard guard;
    private final transient ResourceMetadata metadata;
    private final long maxBodyBytes;
    private final int maxStreams;
    private final int maxPerOwner;
    private final transient ClientStreams watcher;
    private final transient Map<String, Stream> streams = new ConcurrentHashMap<>();

    /** One open event stream and its owner. */
    private record Stream(String owner, SseStream events) {
        BlockingQueue<JsonNode> outbox() { return events.outbox(); }
    }

    private final transient ClientRelays relays;

    LegacySseServlet(McpProtocol protocol, Caller caller, OriginGuard guard, ResourceMetadata metadata,
                     long maxBodyBytes, int maxStreams, int maxPerOwner, ClientStreams watcher,
                     ClientRelays relays) {
        this.relays = relays;
        this.watcher = watcher;
        this.protocol = protocol;
        this.caller = caller;
        this.guard = guard;
        this.metadata = metadata;
        this.maxBodyBytes = maxBodyBytes;
        this.maxStreams = maxStreams;
        this.maxPerOwner = maxPerOwner;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        long start = System.nanoTime();
        String requestId = RequestIds.accept(req.getHeader(RequestIds.HEADER));
        resp.setHeader(RequestIds.HEADER, requestId);
        try {
            String refusal = guard.refusal(req);
            if (refusal != null) {
                Wire.error(resp, null, McpError.http(403, McpError.FORBIDDEN, refusal));
                return;
            }
            String path = req.getServletPath();
            if (path.equals(SSE_PATH) && req.getMethod().equals("GET")) {
                stream(req, resp, requestId, start);
            } else if (path.equals(MESSAGES_PATH) && req.getMethod().equals("POST")) {
                message(req, resp, requestId, start);
            } else {
                resp.setHeader("Allow", path.equals(SSE_PATH) ? "GET" : "POST");
                Wire.error(resp, null, McpError.http(405, McpError.INVALID_REQUEST, req.getMethod() + " is not "
                        + "supported on " + path + " (legacy SSE transport: GET /sse, then POST /messages)"));
            }
        } catch (AuthenticationException e) {
            Wire.unauthorized(resp, metadata.metadataUrl(req), e);
        } catch (McpError e) {
            Wire.error(resp, e.id(), e);
        } finally {
            RequestIds.clear();
        }
    }

    private void stream(HttpServletRequest req, HttpServletResponse resp, String requestId, long start)
            throws IOException {
        Principal who = caller.authenticate(req.getHeader("Authorization"), requestId, start,
                McpServlet.AUDIT_ACTION, null, null, null);
        String id = newId();
        Stream stream = new Stream(McpSessions.ownerKey(who), new SseStream());
        synchronized (streams) { // each subject's share first, as for /mcp sessions: one caller cannot take them all
            long held = streams.values().stream().filter(s -> s.owner().equals(stream.owner())).count();
            if (held >= maxPerOwner) {
                throw McpError.http(429, McpError.INVALID_REQUEST, "you hold the maximum of " + maxPerOwner
                        + " legacy SSE sessions per user (mcp.max_sessions_per_subject); close one first");
            }
            if (streams.size() >= maxStreams) {
                throw McpError.http(503, McpError.INTERNAL_ERROR, "the gateway holds its maximum of " + maxStreams
                        + " legacy SSE sessions; retry later");
            }
            streams.put(id, stream);
        }
        log.info("legacy SSE session opened for {}", who.subject());
        watcher.open(id, stream.events());
        try {
            stream.events().serve(resp, "event: endpoint\ndata: " + MESSAGES_PATH + "?sessionId=" + id + "\n\n");
        } finally {
            watcher.close(id, stream.events());
            streams.remove(id);
            relays.ended(id);
            log.info("legacy SSE session of {} closed", who.subject());
        }
    }

    /** Ends every open stream (the gateway is stopping). */
    @Override
    public void destroy() { streams.values().forEach(s -> s.events().close()); }

    private void message(HttpServletRequest req, HttpServletResponse resp, String requestId, long start)
            throws IOException {
        Wire.requireJson(req);
        byte[] body = Wire.readBody(req, maxBodyBytes);
        Principal who = caller.authenticate(req.getHeader("Authorization"), requestId, start,
                McpServlet.AUDIT_ACTION, null, null, null);
        String id = req.getParameter("sessionId");
        Stream stream = id == null ? null : streams.get(id);
        if (stream == null || !stream.owner().equals(McpSessions.ownerKey(who))) {
            throw McpError.http(404, McpError.INVALID_REQUEST, "unknown or closed SSE session: open GET " + SSE_PATH
                    + " and post to the endpoint it names");
        }
        Message message = JsonRpc.read(Wire.parse(body));
        // The stream is the session: its id routes resource updates back to it.
        Exchange ex = new Exchange(requestId, start, who, req.getRemoteAddr(), new McpSession(id, stream.owner(),
                LEGACY_VERSION, NO_CLIENT_INFO, java.time.Instant.now()));
        switch (message) {
            case Request r when r.method().equals("initialize") -> {
                relays.started(id, r.params().path("capabilities"));
                stream.outbox().add(initialize(r));
            }
            case Request r when r.method().equals("tools/call") -> Thread.ofVirtual().name("mcp-sse-tools/call")
                    .start(() -> callTool(r, ex, stream));
            // Answered on the stream, not in this response: the POST returns at once, like the SDK's clients expect.
            case Request r -> Thread.ofVirtual().name("mcp-sse-" + r.method()).start(() -> {
                RequestIds.accept(requestId);
                try {
                    stream.outbox().add(protocol.respond(r, ex));
                } finally {
                    RequestIds.clear();
                }
            });
            case Notification n -> {
                if (n.method().equals("notifications/cancelled")) {
                    relays.cancel(stream.owner(), id, n.params().get("requestId"),
                            n.params().path("reason").asString(null));
                }
                protocol.accept(n, ex);
            }
            case Response r -> relays.answer(who, r.id(), r.message()); // to a request relayed for an upstream
        }
        resp.setStatus(202);
    }

    /**
     * {@code tools/call}: what the upstream sends about the call (progress, log messages, requests) goes on the
     * session's stream ahead of the answer, as over Streamable HTTP it goes on the POST's response.
     */
    private void callTool(Request r, Exchange ex, Stream stream) {
        RequestIds.accept(ex.requestId());
        JsonNode token = r.params().path("_meta").get("progressToken");
        boolean usableToken = token != null && (token.isString() || token.isIntegralNumber());
        ClientCall call = new ClientCall(relays, stream.owner(), ex.session().id(), r.id(),
                usableToken ? token : null, stream.outbox()::add);
        try {
            relays.started(call);
        } catch (McpError e) {
            stream.outbox().add(JsonRpc.error(r.id(), e));
            RequestIds.clear();
            return;
        }
        try {
            call.finish(protocol.respond(r, new Exchange(ex.requestId(), ex.startNanos(), ex.who(), ex.sourceIp(),
                    ex.session(), call)));
        } catch (IOException e) {
            log.debug("legacy SSE: could not answer tools/call {}: {}", r.id(), e.toString());
        } finally {
            relays.finished(call);
            RequestIds.clear();
        }
    }

    private JsonNode initialize(Request r) {
        try {
            return JsonRpc.result(r.id(), protocol.initialize(r.params(), McpProtocol.SUPPORTED_LEGACY).result());
        } catch (McpError e) {
            return JsonRpc.error(r.id(), e);
        }
    }

    private static String newId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
