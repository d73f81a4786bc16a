package dev.warden.gateway.mcp;

import dev.warden.gateway.audit.AuditStoreException;
import dev.warden.gateway.auth.AuthenticationException;
import dev.warden.gateway.auth.Principal;
import dev.warden.gateway.config.WardenConfig.McpSettings;
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
import java.util.Map;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /mcp}: MCP's Streamable HTTP transport (revision 2025-11-25) in front of {@link McpProtocol}.
 *
 * <p>A POST is checked in this order, cheapest and least revealing first: Origin and Host (DNS rebinding),
 * content type, body size (413), bearer token (401 pointing at the resource metadata), {@code MCP-Protocol-Version}
 * (400), well-formed JSON (-32700), one well-formed JSON-RPC message (-32600; a batch only in a session at revision
 * 2025-03-26, see {@link #batch}), then the session (400 without one, 404 for an unknown, expired or someone else's).
 * Only then does a method run. Every answer is a single JSON body ({@code application/json}); notifications and
 * client responses get 202.
 *
 * <p>A POST of protocol revision 2026-07-28 (its {@code MCP-Protocol-Version} names it, or its params carry a
 * revision in {@code _meta}) leaves this order after the JSON is read: it has no session, and
 * {@link StatelessRevision} checks its {@code _meta} and headers instead.
 *
 * <p>GET opens the session's server-to-client SSE stream, which carries {@code notifications/…/list_changed} when a
 * merged list changes and {@code notifications/resources/updated} for subscribed resources (no event ids:
 * resumption is not offered).
 */
final class McpServlet extends HttpServlet {
    static final String SESSION_HEADER = "Mcp-Session-Id";
    static final String VERSION_HEADER = "MCP-Protocol-Version";
    /** The action name of MCP authentication failures in the audit trail. */
    static final String AUDIT_ACTION = "gateway:mcp";
    private static final Logger log = LoggerFactory.getLogger(McpServlet.class);

    private final transient McpProtocol protocol;
    private final transient McpSessions sessions;
    private final transient Caller caller;
    private final transient OriginGuard guard;
    private final transient ResourceMetadata metadata;
    private final transient McpSettings settings;
    private final long maxBodyBytes;
    private final transient ClientStreams watcher;
    private final transient Map<String, SseStream> streams = new ConcurrentHashMap<>();
    private final transient ClientRelays relays;
    private final transient InputRounds rounds = new InputRounds(Clock.systemUTC());
    /** Runs the pipeline of a 2026-07-28 tool call, which may outlive the POST that started it. */
    private static final ExecutorService CALLS = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("mcp-call-", 0).factory());

    McpServlet(McpProtocol protocol, McpSessions sessions, Caller caller, OriginGuard guard, ResourceMetadata metadata,
               McpSettings settings, long maxBodyBytes, ClientStreams watcher, ClientRelays relays) {
        this.relays = relays;
        this.watcher = watcher;
        this.protocol = protocol;
        this.sessions = sessions;
        this.caller = caller;
        this.guard = guard;
        this.metadata = metadata;
        this.settings = settings;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void destroy() {
        rounds.close();
        sessions.stopSweeping();
        closeStreams();
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        long start = System.nanoTime();
        String requestId = RequestIds.accept(req.getHeader(RequestIds.HEADER));
        resp.setHeader(RequestIds.HEADER, requestId);
        try {
            String refusal = guard.refusal(req);
            if (refusal != null) {
                log.warn("refused /mcp request: {}", refusal);
                write(resp, null, McpError.http(403, McpError.FORBIDDEN, refusal));
                return;
            }
            cors(req, resp);
            switch (req.getMethod()) {
                case "POST" -> post(req, resp, requestId, start);
                case "DELETE" -> delete(req, resp, requestId, start);
                case "GET" -> {
                    if (settings.stateless()) {
                        resp.setHeader("Allow", "POST, OPTIONS");
                        write(resp, null, McpError.http(405, McpError.INVALID_REQUEST, "GET is not supported on /mcp "
                                + "without sessions (mcp.stateless: true); send requests with POST"));
                    } else {
                        stream(req, resp, requestId, start);
                    }
                }
                case "OPTIONS" -> resp.setStatus(204);
                default -> {
                    resp.setHeader("Allow", settings.stateless() ? "POST, OPTIONS" : "POST, GET, DELETE, OPTIONS");
                    write(resp, null, McpError.http(405, McpError.INVALID_REQUEST, req.getMethod()
                            + " is not supported on /mcp"));
                }
            }
        } finally {
            RequestIds.clear();
        }
    }

    private void post(HttpServletRequest req, HttpServletResponse resp, String requestId, long start)
            throws IOException {
        JsonNode id = null;
        try {
            Wire.requireJson(req);
            Wire.requireJsonAcceptable(req);
            byte[] body = Wire.readBody(req, maxBodyBytes);
            Principal who = caller.authenticate(req.getHeader("Authorization"), requestId, start, AUDIT_ACTION, null,
                    null, null);
            String headerVersion = Wire.single(req, VERSION_HEADER);
            JsonNode tree = Wire.parse(body);
            if (!(tree instanceof ArrayNode) && StatelessRevision.isModern(headerVersion, tree)) {
                Message message = JsonRpc.read(tree);
                if (message instanceof Request r) id = r.id();
                stateless(message, headerVersion, new Exchange(requestId, start, who, req.getRemoteAddr(), null), req,
                        resp);
                return;
            }
            headerVersion = protocolHeader(headerVersion);
            McpSession batching = tree instanceof ArrayNode ? batchingSession(req, who) : null;
            if (batching != null) {
                batch((ArrayNode) tree, new Exchange(requestId, start, who, req.getRemoteAddr(), batching), resp);
                return;
            }
            Message message = JsonRpc.read(tree);
            if (message instanceof Request r) id = r.id();
            if (message instanceof Request r && r.method().equals("initialize")) {
                initialize(r, who, resp);
                return;
            }
            McpSession session = session(req, who, headerVersion);
            Exchange ex = new Exchange(requestId, start, who, req.getRemoteAddr(), session);
            switch (message) {
                case Request r when r.method().equals("tools/call") -> callTool(r, ex, req, resp);
                case Request r -> write(resp, protocol.respond(r, ex));
                case Notification n -> {
                    accept(n, ex);
                    resp.setStatus(202);
                }
                case Response r -> {
                    relays.answer(who, r.id(), r.message()); // to a request Warden relayed for an upstream
                    resp.setStatus(202);
                }
            }
        } catch (AuthenticationException e) {
            Wire.unauthorized(resp, metadata.metadataUrl(req), e);
        } catch (McpError e) {
            write(resp, e.id() != null ? e.id() : id, e);
        } catch (AuditStoreException e) {
            log.error("audit store failure; refusing the MCP request", e);
            write(resp, id, McpError.http(500, McpError.INTERNAL_ERROR, "the audit record could not be written, so "
                    + "the request was not completed"));
        } catch (RuntimeException e) {
            log.error("unexpected error handling an MCP request", e);
            write(resp, id, McpError.http(500, McpError.INTERNAL_ERROR, "internal error; see the gateway log for "
                    + "request id " + requestId));
        }
    }

    private void accept(Notification n, Exchange ex) {
        if (n.method().equals("notifications/cancelled")) {
            relays.cancel(McpSessions.ownerKey(ex.who()), ex.session() == null ? null : ex.session().id(),
                    n.params().get("requestId"), n.params().path("reason").asString(null));
        }
        protocol.accept(n, ex);
    }

    /**
     * The request's session when a JSON array may be read as a batch in it, else null: only a session negotiated at
     * revision 2025-03-26, whose clients may send batches and whose servers must receive them (2025-06-18 removed
     * them). Anywhere else the array is refused by {@link JsonRpc#read} with -32600.
     */
    private McpSession batchingSession(HttpServletRequest req, Principal who) {
        String id = settings.stateless() ? null : sessionId(req);
        if (id == null) return null;
        return sessions.find(id, who).filter(s -> McpProtocol.WITH_BATCHES.equals(s.protocolVersion())).orElse(null);
    }

    /**
     * A JSON-RPC batch (revision 2025-03-26): each message is handled in turn as if sent alone, and the answers to
     * its requests come back together as one JSON array; a batch of notifications and responses only gets 202.
     * {@code initialize} cannot be in a batch. Progress and other messages an upstream sends about a
     * {@code tools/call} are not relayed for a call made in a batch (they need the call's own event stream).
     */
    private void batch(ArrayNode batch, Exchange ex, HttpServletResponse resp) throws IOException {
        if (batch.isEmpty()) {
            throw McpError.http(400, McpError.INVALID_REQUEST, "the JSON-RPC batch is empty");
        }
        ArrayNode answers = JsonNodeFactory.instance.arrayNode();
        for (JsonNode element : batch) {
            JsonNode answer = answerInBatch(element, ex);
            if (answer != null) answers.add(answer);
        }
        if (answers.isEmpty()) {
            resp.setStatus(202);
        } else {
            write(resp, answers);
        }
    }

    /** One message of a batch: its answer when it is a request (or unreadable), else null. */
    private JsonNode answerInBatch(JsonNode element, Exchange ex) {
        Message message;
        try {
            message = JsonRpc.read(element);
        } catch (McpError e) {
            return JsonRpc.error(e.id(), e);
        }
        return switch (message) {
            case Request r when r.method().equals("initialize") -> JsonRpc.error(r.id(),
                    new McpError(McpError.INVALID_REQUEST, "initialize cannot be part of a JSON-RPC batch; send it "
                            + "alone"));
            case Request r -> protocol.respond(r, ex);
            case Notification n -> {
                accept(n, ex);
                yield null;
            }
            case Response r -> {
                relays.answer(ex.who(), r.id(), r.message());
                yield null;
            }
        };
    }

    /**
     * {@code tools/call}: the upstream's progress, log messages and requests about the call are relayed on this
     * POST's response, which turns into an SSE stream when there is any (and the client accepts one).
     */
    private void callTool(Request r, Exchange ex, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        ClientCall call = new ClientCall(relays, McpSessions.ownerKey(ex.who()), ex.sessionId(), r.id(),
                progressToken(r), resp, acceptsEvents(req));
        relays.started(call);
        try {
            call.finish(protocol.respond(r, new Exchange(ex.requestId(), ex.startNanos(), ex.who(), ex.sourceIp(),
                    ex.session(), call)));
        } finally {
            relays.finished(call);
        }
    }

    /**
     * A {@code tools/call} of revision 2026-07-28, which may take several POSTs: when the upstream asks the client
     * something, the POST is answered {@code input_required} and the call waits ({@link InputRounds}); the client's
     * retry, carrying the {@code requestState} and its {@code inputResponses}, takes it up again. The policy decision
     * and audit records are those of the first POST; the retry must come from the same caller, for the same tool and
     * arguments.
     */
    private void callInRounds(Request r, Exchange ex, StatelessRevision.Checked checked, HttpServletRequest req,
                              HttpServletResponse resp, ObjectNode serverInfo) throws IOException {
        String owner = McpSessions.ownerKey(ex.who());
        String tool = r.params().path("name").asString("");
        ObjectNode arguments = r.params().get("arguments") instanceof ObjectNode o ? o : Wire.JSON.createObjectNode();
        JsonNode state = r.params().get("requestState");
        InputRounds.Parked parked = null;
        if (state != null && !state.isNull()) {
            if (!state.isString()) {
                throw new McpError(McpError.INVALID_PARAMS, "tools/call: \"requestState\" must be the string "
                        + "Warden gave");
            }
            parked = rounds.resume(state.asString(), owner, tool, arguments);
        }
        StatelessCall call = parked != null ? parked.call() : new StatelessCall();
        ClientCall leg = ClientCall.stateless(relays, owner, r.id(), progressToken(r), resp, acceptsEvents(req),
                checked.minLogLevel(), call::cancel);
        // Attached before the pipeline starts: the upstream may ask the client something at once.
        call.attach(leg, checked.capabilities());
        try {
            call.answer(r.params().get("inputResponses"));
        } catch (McpError e) {
            call.detach();
            if (parked != null) rounds.restore(state.asString(), parked); // refused before use: the state still serves
            throw e;
        }
        CompletableFuture<ObjectNode> answer;
        if (parked != null) {
            answer = parked.answer();
        } else {
            Exchange running = new Exchange(ex.requestId(), ex.startNanos(), ex.who(), ex.sourceIp(), null, call);
            Map<String, String> logContext = MDC.getCopyOfContextMap();
            answer = CompletableFuture.supplyAsync(() -> {
                if (logContext != null) MDC.setContextMap(logContext);
                try {
                    return protocol.respond(r, running);
                } finally {
                    MDC.clear();
                }
            }, CALLS);
        }
        try {
            CompletableFuture.anyOf(answer, call.inputWanted()).join();
        } finally {
            call.detach();
        }
        if (call.missingCapability() != null) {
            leg.fail(StatelessRevision.missingCapability(call.missingCapability()));
        } else if (answer.isDone()) {
            ObjectNode done = answer.join().deepCopy();
            done.set("id", r.id()); // a retry's answer carries the retry's id
            leg.finish(StatelessRevision.complete(r.method(), done, serverInfo));
        } else {
            String next = rounds.park(owner, tool, arguments, call, answer);
            ObjectNode result = Wire.JSON.createObjectNode().put("resultType", "input_required");
            result.set("inputRequests", call.inputRequests());
            result.put("requestState", next);
            result.putObject("_meta").set(StatelessRevision.META_SERVER_INFO, serverInfo);
            leg.finish(JsonRpc.result(r.id(), result));
        }
    }

    /** The client's {@code _meta.progressToken}, when it is one MCP allows (a string or an integer). */
    private static JsonNode progressToken(Request r) {
        JsonNode token = r.params().path("_meta").get("progressToken");
        return token != null && (token.isString() || token.isIntegralNumber()) ? token : null;
    }

    private static boolean acceptsEvents(HttpServletRequest req) {
        return String.valueOf(req.getHeader("Accept")).contains("text/event-stream");
    }

    /**
     * A request of protocol revision 2026-07-28 ({@link StatelessRevision}): no session, the revision and the client's
     * capabilities in the request itself. It is checked, then answered by the same methods as the older revisions,
     * their results shaped as this one expects. Notifications are accepted as they are (the revision has none a client
     * must send over HTTP); responses cannot come, since Warden sends such a client no requests.
     */
    private void stateless(Message message, String headerVersion, Exchange ex, HttpServletRequest req,
                           HttpServletResponse resp) throws IOException {
        switch (message) {
            case Notification n -> {
                protocol.accept(n, ex);
                resp.setStatus(202);
            }
            case Response r -> throw McpError.http(400, McpError.INVALID_REQUEST, "a client of protocol revision "
                    + StatelessRevision.VERSIONS.getFirst() + " sends no JSON-RPC responses: Warden sends it no "
                    + "requests");
            case Request r -> {
                StatelessRevision.Checked checked = StatelessRevision.check(r.method(), r.params(), headerVersion, req);
                ObjectNode serverInfo = protocol.serverInfo();
                if (r.method().equals("server/discover")) {
                    write(resp, JsonRpc.result(r.id(), StatelessRevision.discover(serverInfo,
                            McpProtocol.INSTRUCTIONS)));
                } else if (!StatelessRevision.METHODS.contains(r.method())) {
                    throw StatelessRevision.notServed(r.method());
                } else if (r.method().equals("tools/call")) {
                    callInRounds(r, ex, checked, req, resp, serverInfo);
                } else {
                    write(resp, StatelessRevision.complete(r.method(), protocol.respond(r, ex), serverInfo));
                }
            }
        }
    }

    private void initialize(Request r, Principal who, HttpServletResponse resp) throws IOException {
        McpProtocol.Initialized init = protocol.initialize(r.params());
        if (!settings.stateless()) {
            McpSession session = sessions.create(who, init.protocolVersion(), init.clientInfo());
            relays.sweep(sessions::live);
            relays.started(session.id(), r.params().path("capabilities"));
            resp.setHeader(SESSION_HEADER, session.id());
            log.info("MCP session started for {} (client {}, protocol {})", who.subject(),
                    init.clientInfo().path("name").asString(""), init.protocolVersion());
        }
        write(resp, JsonRpc.result(r.id(), init.result()));
    }

    /**
     * GET: the session's server-to-client stream, which carries {@code notifications/tools/list_changed}. A second
     * GET for the same session replaces the first. No event ids: Warden does not offer resumption.
     */
    private void stream(HttpServletRequest req, HttpServletResponse resp, String requestId, long start)
            throws IOException {
        SseStream stream;
        String sessionId;
        try {
            Principal who = caller.authenticate(req.getHeader("Authorization"), requestId, start, AUDIT_ACTION, null,
                    null, null);
            String accept = req.getHeader("Accept");
            if (accept == null || !accept.contains("text/event-stream")) {
                throw McpError.http(406, McpError.INVALID_REQUEST, "GET /mcp opens an event stream: send "
                        + "'Accept: text/event-stream'");
            }
            sessionId = requiredSessionId(req);
            sessions.find(sessionId, who).orElseThrow(McpServlet::unknownSession);
            stream = new SseStream();
            SseStream previous = streams.put(sessionId, stream);
            if (previous != null) previous.close();
        } catch (AuthenticationException e) {
            Wire.unauthorized(resp, metadata.metadataUrl(req), e);
            return;
        } catch (McpError e) {
            write(resp, null, e);
            return;
        }
        String id = sessionId;
        watcher.open(id, stream);
        try {
            stream.serve(resp, null, () -> sessions.live(id)); // an expired session's stream ends too
        } finally {
            watcher.close(id, stream);
            streams.remove(id, stream);
        }
    }

    /** Ends every open stream (the gateway is stopping). */
    void closeStreams() {
        streams.values().forEach(SseStream::close);
        watcher.stop();
    }

    private void delete(HttpServletRequest req, HttpServletResponse resp, String requestId, long start)
            throws IOException {
        try {
            Principal who = caller.authenticate(req.getHeader("Authorization"), requestId, start, AUDIT_ACTION, null,
                    null, null);
            if (settings.stateless()) {
                resp.setHeader("Allow", "POST, OPTIONS");
                throw McpError.http(405, McpError.INVALID_REQUEST, "this gateway runs MCP without sessions "
                        + "(mcp.stateless: true); there is no session to end");
            }
            String id = requiredSessionId(req);
            if (!sessions.end(id, who)) throw unknownSession(); // which also ends its relays and upstream sessions
            SseStream stream = streams.remove(id);
            if (stream != null) stream.close();
            log.info("MCP session ended by {}", who.subject());
            resp.setStatus(204);
        } catch (AuthenticationException e) {
            Wire.unauthorized(resp, metadata.metadataUrl(req), e);
        } catch (McpError e) {
            write(resp, null, e);
        }
    }

    /**
     * The caller's live session. An {@code MCP-Protocol-Version} that differs from the negotiated one is served as
     * long as Warden speaks it ({@link #protocolHeader} refuses the others): the transport rule is to reject invalid
     * or unsupported versions, and clients (the conformance suite among them) send other supported ones.
     */
    private McpSession session(HttpServletRequest req, Principal who, String headerVersion) {
        if (settings.stateless()) return null;
        McpSession session = sessions.find(requiredSessionId(req), who).orElseThrow(McpServlet::unknownSession);
        if (headerVersion != null && !headerVersion.equals(session.protocolVersion())) {
            log.debug("request with {} {} in a session negotiated at {}", VERSION_HEADER, headerVersion,
                    session.protocolVersion());
        }
        return session;
    }

    private static String requiredSessionId(HttpServletRequest req) {
        String id = sessionId(req);
        if (id == null) {
            throw McpError.http(400, McpError.INVALID_REQUEST, "missing " + SESSION_HEADER + " header: send "
                    + "initialize first and echo the session id it returns on every later request");
        }
        return id;
    }

    /** The {@code Mcp-Session-Id} header, stripped; null when absent or blank (sent twice: 400). */
    private static String sessionId(HttpServletRequest req) {
        String id = Wire.single(req, SESSION_HEADER);
        return id == null || id.isBlank() ? null : id.strip();
    }

    private static McpError unknownSession() {
        return McpError.http(404, McpError.INVALID_REQUEST, "unknown or expired MCP session: initialize a new one");
    }

    /**
     * The {@code MCP-Protocol-Version} header of a request of the handshake-based revisions, when sent; it must name
     * a revision Warden speaks (else -32022 with the revisions it does, which clients of every revision can read).
     */
    private static String protocolHeader(String v) {
        if (v == null) return null;
        if (!McpProtocol.SUPPORTED.contains(v.strip())) throw StatelessRevision.unsupported(v.strip());
        return v.strip();
    }

    private void cors(HttpServletRequest req, HttpServletResponse resp) {
        String origin = req.getHeader("Origin");
        if (origin == null) return;
        resp.setHeader("Access-Control-Allow-Origin", origin);
        resp.setHeader("Vary", "Origin");
        resp.setHeader("Access-Control-Expose-Headers", SESSION_HEADER + ", WWW-Authenticate, " + RequestIds.HEADER);
        if (req.getMethod().equals("OPTIONS")) {
            resp.setHeader("Access-Control-Allow-Methods", "POST, GET, DELETE, OPTIONS");
            resp.setHeader("Access-Control-Allow-Headers", "Authorization, Content-Type, Accept, " + SESSION_HEADER
                    + ", " + VERSION_HEADER + ", " + StatelessRevision.METHOD_HEADER + ", "
                    + StatelessRevision.NAME_HEADER + ", Last-Event-ID, " + RequestIds.HEADER);
            resp.setHeader("Access-Control-Max-Age", "600");
        }
    }

    private static void write(HttpServletResponse resp, JsonNode id, McpError e) throws IOException {
        Wire.error(resp, id, e);
    }

    private static void write(HttpServletResponse resp, JsonNode body) throws IOException {
        Wire.json(resp, 200, body);
    }
}
