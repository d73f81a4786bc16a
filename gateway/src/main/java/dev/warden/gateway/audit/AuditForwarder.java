package dev.warden.gateway.audit;

import dev.warden.gateway.io.OutboundHttp;
import dev.warden.gateway.config.WardenConfig.SarkSettings;
import dev.warden.gateway.util.Urls;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends this gateway's audit records to a remote SARK's {@code POST /api/v1/gateway/audit}, besides the local
 * store, so that the authorization service sees every call its gateways made, cached decisions included.
 *
 * <p>Never in the way of a call: {@link #offer} puts the record on a bounded queue and returns at once; a few
 * background workers send them, retrying connection failures, timeouts, 408, 429 and 5xx with a growing pause. A
 * record is given up (and logged with its audit id, which stays in the local store) when the queue is full, when
 * SARK refuses it (another 4xx), when the retries run out, or when the gateway stops before it could be sent. So
 * no record is lost silently, and a SARK that is down costs memory bounded by the queue.
 *
 * <pre>{@code
 * AuditForwarder forwarder = AuditForwarder.start(config.sark());
 * AuditLog audit = new AuditLog(store, redactor, clock, forwarder);   // every record is offered
 * forwarder.close(Duration.ofSeconds(2));                             // sends what it can, logs the rest
 * }</pre>
 */
public final class AuditForwarder {
    static final String PATH = "/api/v1/gateway/audit";
    private static final Logger log = LoggerFactory.getLogger(AuditForwarder.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI target;
    /** {@link #target} as it may be shown: on {@code /health} and in the log, never with credentials. */
    private final String shownTarget;
    private final SarkSettings settings;
    private final Retry retry;
    private final BlockingQueue<AuditEvent> queue;
    private final HttpClient client;
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder sent = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private volatile String lastFailure;
    private volatile boolean closing;

    /**
     * How sending is retried.
     *
     * @param attempts  tries per record, the first included
     * @param firstWait pause after the first failure, doubled after each further one
     * @param workers   records sent concurrently
     */
    public record Retry(int attempts, Duration firstWait, int workers) {
        public static final Retry DEFAULT = new Retry(5, Duration.ofMillis(200), 4);
    }

    private AuditForwarder(SarkSettings settings, Retry retry) {
        this.settings = settings;
        this.retry = retry;
        this.target = URI.create(settings.url().toString().replaceAll("/+$", "") + PATH);
        this.shownTarget = Urls.withoutCredentials(target.toString());
        this.queue = new ArrayBlockingQueue<>(settings.auditQueueSize());
        this.client = client(settings.timeout());
    }

    /**
     * Jetty's client (as the decision engines use) rather than {@code java.net.http}: every call sends two
     * records, and the JDK client's thread hand-offs per request cost a loaded gateway more than the sending.
     */
    private static HttpClient client(Duration connectTimeout) {
        return OutboundHttp.start("audit-forwarder-http", 16, 64, connectTimeout);
    }

    /** The service's URL as it may be shown (never with the credentials it may hold). */
    private String shown() { return Urls.withoutCredentials(settings.url().toString()); }

    /** Starts the workers sending to {@code settings.url()}. */
    public static AuditForwarder start(SarkSettings settings) { return start(settings, Retry.DEFAULT); }

    public static AuditForwarder start(SarkSettings settings, Retry retry) {
        AuditForwarder f = new AuditForwarder(settings, retry);
        for (int i = 0; i < retry.workers(); i++) {
            f.workers.add(Thread.ofVirtual().name("audit-forwarder-" + i).start(f::work));
        }
        log.info("forwarding audit records to {}", f.shownTarget);
        return f;
    }

    /** Counts since start, and why the last attempt failed (null when it worked). */
    public record Stats(String target, long queued, long sent, long dropped, String lastFailure) {}

    public Stats stats() {
        return new Stats(shownTarget, queue.size() + inFlight.get(), sent.sum(), dropped.sum(), lastFailure);
    }

    /**
     * Queues one record; returns at once. Reports received from other gateways are not sent on (no loops between
     * two Wardens reporting to each other).
     */
    public void offer(AuditEvent event) {
        if (event.type() == AuditEvent.Type.GATEWAY_REPORT) return;
        if (closing) {
            drop(event, "the gateway is stopping");
        } else if (!queue.offer(event)) {
            drop(event, "the forwarding queue is full (" + settings.auditQueueSize() + " records; is SARK slow or down?)");
        }
    }

    private void work() {
        while (true) {
            AuditEvent event;
            try {
                event = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (event == null) {
                if (closing) return;
                continue;
            }
            inFlight.incrementAndGet();
            try {
                send(event);
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    /**
     * The largest body sent: a quarter of the 1 MB a Warden accepts by default ({@code gateway.max_body_size}). A
     * record of a call whose own body was close to that limit, wrapped in the contract's envelope, was larger than
     * the SARK accepted, and was refused (413) and lost; so was the trace of such calls on the SARK.
     */
    static final int MAX_BODY_CHARS = 256 * 1024;

    /** One record, retried until it is accepted, refused, or out of attempts. */
    private void send(AuditEvent event) {
        String json = sized(event);
        Duration wait = retry.firstWait();
        String why = null;
        for (int attempt = 1; attempt <= retry.attempts(); attempt++) {
            try {
                ContentResponse r = request(json).send();
                int status = r.getStatus();
                if (status / 100 == 2) {
                    sent.increment();
                    lastFailure = null;
                    return;
                }
                why = "SARK answered HTTP " + status + excerpt(r.getContentAsString());
                if (status != 408 && status != 429 && status < 500) break; // refused: sending again will not help
            } catch (TimeoutException e) {
                why = "SARK at " + shown() + " did not answer within " + settings.timeout().toMillis() + " ms";
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                why = "SARK at " + shown() + " could not be reached: "
                        + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                why = "interrupted while sending";
                break;
            }
            lastFailure = why;
            if (attempt == retry.attempts() || closing || !sleep(wait)) break;
            wait = wait.multipliedBy(2);
        }
        lastFailure = why;
        drop(event, why);
    }

    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void drop(AuditEvent event, String why) {
        dropped.increment();
        log.warn("audit record {} ({} {} {}) not forwarded to SARK: {}; it stays in the local audit store",
                event.auditId(), event.type().wireName(), event.subject(), event.decision(), why);
    }

    private Request request(String json) {
        return client.newRequest(target).method(HttpMethod.POST).followRedirects(false)
                .timeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .headers(h -> {
                    h.put("Accept", "application/json");
                    if (settings.apiKey() != null) {
                        h.put("Authorization", "Bearer " + settings.apiKey());
                        h.put("X-Gateway-Api-Key", settings.apiKey());
                    }
                    if (settings.csrfToken() != null) h.put("X-CSRF-Token", settings.csrfToken());
                })
                .body(new StringRequestContent("application/json", json, StandardCharsets.UTF_8));
    }

    /**
     * The record's body, within {@link #MAX_BODY_CHARS}: over it, the parameters give way to a note of their size
     * (the whole record stays in this gateway's own store, under the same audit id).
     */
    static String sized(AuditEvent e) {
        ObjectNode body = body(e);
        String json = body.toString();
        if (json.length() <= MAX_BODY_CHARS || !body.path("metadata").has("parameters")) return json;
        ((ObjectNode) body.get("metadata")).putObject("parameters").put("truncated", "the parameters were "
                + body.path("metadata").get("parameters").toString().length() + " characters of JSON, too many to "
                + "forward; the gateway's own audit store holds them under this audit_id");
        return body.toString();
    }

    /** The contract's shape: the fields SARK indexes, and everything else of the record under {@code metadata}. */
    static ObjectNode body(AuditEvent e) {
        ObjectNode body = JSON.createObjectNode();
        body.put("event_type", eventType(e));
        if (e.server() != null) body.put("server_name", e.server());
        if (e.tool() != null) body.put("tool_name", e.tool());
        if (e.subject() != null) body.put("user_id", e.subject());
        if (e.decision() != null) body.put("authorization_decision", e.decision());
        body.put("timestamp", e.time().toString());
        ObjectNode m = body.putObject("metadata");
        m.put("audit_id", e.auditId());
        m.put("record_type", e.type().wireName());
        if (e.requestId() != null) m.put("request_id", e.requestId());
        if (e.action() != null) m.put("action", e.action());
        if (e.reason() != null) m.put("reason", e.reason());
        if (e.policyVersion() != null) m.put("policy_version", e.policyVersion());
        if (e.upstreamStatus() != null) m.put("upstream_status", e.upstreamStatus());
        if (e.email() != null) m.put("email", e.email());
        if (!e.roles().isEmpty()) e.roles().forEach(m.putArray("roles")::add);
        if (e.parameters() != null) m.set("parameters", e.parameters()); // already redacted by AuditLog
        m.put("latency_ms", e.latencyMs());
        return body;
    }

    /** SARK's four event types: what happened, seen from the authorization service. */
    static String eventType(AuditEvent e) {
        if (e.action() != null && e.action().toLowerCase(Locale.ROOT).startsWith("a2a:")) return "a2a_request";
        return switch (e.type()) {
            case TOOL_CALL, RESOURCE_READ, PROMPT_GET -> "tool_invocation"; // SARK has no finer kind
            case DECISION, AUTHENTICATION -> "error".equals(e.decision()) ? "error" : "authorization";
            case ROUTING, GATEWAY_REPORT -> "error";
        };
    }

    private static String excerpt(String body) {
        if (body == null || body.isBlank()) return "";
        String one = body.strip().replaceAll("\\s+", " ");
        return ": " + (one.length() <= 200 ? one : one.substring(0, 200) + "…");
    }

    /**
     * Stops taking records, lets the workers send what is queued for at most {@code grace}, then stops them; what
     * is still queued is logged as dropped.
     */
    public void close(Duration grace) {
        closing = true;
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread w : workers) {
            long left = deadline - System.nanoTime();
            try {
                if (left <= 0 || !w.join(Duration.ofNanos(left))) w.interrupt();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Thread w : workers) {
            try {
                w.join(Duration.ofMillis(500));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<AuditEvent> left = new ArrayList<>();
        queue.drainTo(left);
        for (AuditEvent e : left) drop(e, "the gateway stopped before it could be sent");
        try {
            client.stop();
        } catch (Exception e) {
            log.debug("stopping the audit forwarding HTTP client failed", e);
        }
        log.info("audit forwarding stopped: {} sent, {} dropped", sent.sum(), dropped.sum());
    }
}
