package dev.warden.gateway.authz;

import dev.warden.gateway.io.OutboundHttp;
import dev.warden.gateway.util.Lazy;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpMethod;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP side of the remote decision engines: one pooled Jetty {@link HttpClient} (HTTP/1.1 keep-alive) shared
 * by every engine of the process, a deadline on the whole exchange, connecting included, and every way a call
 * can go wrong turned into a {@link Failure} whose message says why, for the denial's reason and its audit record.
 *
 * <p>Jetty's client rather than {@code java.net.http}: a remote decision sits on the path of every uncached call,
 * and on this project's 2-core machine {@code java.net.http} added several thread hand-offs per request (see
 * {@code bench/load/DECISIONS.md}); the upstream path made the same move ({@code upstream/UpstreamHttp}).
 */
final class DecisionHttp {
    /** A key given twice is a parse error: {@code {"allow": false, "allow": true}} was read as an allow. */
    static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    /** Each request's own deadline is shorter than the connect timeout and covers connecting. */
    private static final Lazy<HttpClient> SHARED =
            OutboundHttp.shared("decision-http", 64, 256, Duration.ofSeconds(30));

    private final Duration timeout;
    private final String service;

    /** @param service how reasons name the remote side, e.g. {@code "SARK at http://sark:8000"} */
    DecisionHttp(Duration timeout, String service) {
        this.timeout = timeout;
        this.service = service;
    }

    /** A response that arrived, with its body parsed (null when empty). */
    record Answer(int status, JsonNode body, String text) {}

    /** The call could not be completed or its body is not JSON; the message is the reason to record. */
    static final class Failure extends Exception {
        Failure(String message) { super(message, null, false, false); }
    }

    Answer post(URI uri, JsonNode body, Map<String, String> headers) throws Failure {
        Request r = client().newRequest(uri).method(HttpMethod.POST)
                .body(new StringRequestContent("application/json", body.toString(), StandardCharsets.UTF_8));
        return send(r, headers);
    }

    Answer get(URI uri, Map<String, String> headers) throws Failure {
        return send(client().newRequest(uri).method(HttpMethod.GET), headers);
    }

    private Answer send(Request request, Map<String, String> headers) throws Failure {
        request.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).followRedirects(false)
                .headers(h -> {
                    h.put("Accept", "application/json");
                    headers.forEach(h::put);
                });
        ContentResponse response;
        try {
            response = request.send();
        } catch (TimeoutException e) {
            throw new Failure(service + " did not answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof ConnectException) {
                throw new Failure(service + " refused the connection (is it running?)");
            }
            if (cause instanceof SocketTimeoutException || cause instanceof TimeoutException) {
                throw new Failure(service + " could not be connected to within " + timeout.toMillis() + " ms");
            }
            throw new Failure(service + " could not be reached: " + (cause.getMessage() == null
                    ? cause.getClass().getSimpleName() : cause.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted while asking " + service);
        }
        String text = response.getContentAsString();
        if (text == null) text = "";
        JsonNode parsed = null;
        if (!text.isBlank()) {
            try {
                parsed = JSON.readTree(text);
            } catch (JacksonException e) {
                if (response.getStatus() == 200) {
                    String why = String.valueOf(e.getOriginalMessage()).startsWith("Duplicate")
                            ? " (" + e.getOriginalMessage() + ")" : "";
                    throw new Failure(service + " answered with a body that is not JSON" + why + ": " + excerpt(text));
                }
            }
        }
        return new Answer(response.getStatus(), parsed, text);
    }

    /** The process's client for decision engines (see {@link OutboundHttp}), started at first use. */
    private static HttpClient client() { return SHARED.get(); }

    /** Why a non-200 answer is a failure, with the detail the service gave in any of SARK's or our shapes. */
    String statusFailure(Answer a) {
        return service + " answered HTTP " + a.status() + detail(a);
    }

    private static String detail(Answer a) {
        JsonNode b = a.body();
        if (b != null) {
            JsonNode detail = b.get("detail");
            if (detail != null && detail.isString()) return ": " + detail.asString();
            if (detail != null && detail.isArray()) { // FastAPI's 422: [{loc: [...], msg, type}, ...]
                StringBuilder sb = new StringBuilder(": invalid request");
                for (JsonNode item : detail) {
                    sb.append("; ");
                    if (item.get("loc") instanceof tools.jackson.databind.node.ArrayNode loc) {
                        StringBuilder path = new StringBuilder();
                        for (JsonNode p : loc) path.append(path.isEmpty() ? "" : ".").append(p.asString(p.toString()));
                        sb.append(path).append(": ");
                    }
                    sb.append(item.path("msg").asString(item.toString()));
                }
                return sb.toString();
            }
            JsonNode message = b.path("error").path("message");
            if (message.isString()) return ": " + b.path("error").path("code").asString("error") + ": "
                    + message.asString();
        }
        return a.text().isBlank() ? "" : ": " + excerpt(a.text());
    }

    static String excerpt(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 120) + "…";
    }
}
