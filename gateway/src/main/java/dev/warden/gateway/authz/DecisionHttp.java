package dev.warden.gateway.authz;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP side of the remote decision engines: one pooled {@link HttpClient} (HTTP/1.1 keep-alive), a deadline on
 * connecting and on the whole exchange, and every way a call can go wrong turned into a {@link Failure} whose
 * message says why, for the denial's reason and its audit record.
 */
final class DecisionHttp {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client;
    private final Duration timeout;
    private final String service;

    /** @param service how reasons name the remote side, e.g. {@code "SARK at http://sark:8000"} */
    DecisionHttp(Duration timeout, String service) {
        this.timeout = timeout;
        this.service = service;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A response that arrived, with its body parsed (null when empty). */
    record Answer(int status, JsonNode body, String text) {}

    /** The call could not be completed or its body is not JSON; the message is the reason to record. */
    static final class Failure extends Exception {
        Failure(String message) { super(message, null, false, false); }
    }

    Answer post(URI uri, JsonNode body, Map<String, String> headers) throws Failure {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        headers.forEach(b::header);
        return send(b.build());
    }

    Answer get(URI uri, Map<String, String> headers) throws Failure {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET();
        headers.forEach(b::header);
        return send(b.build());
    }

    private Answer send(HttpRequest request) throws Failure {
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw new Failure(service + " could not be connected to within " + timeout.toMillis() + " ms");
        } catch (HttpTimeoutException e) {
            throw new Failure(service + " did not answer within " + timeout.toMillis() + " ms");
        } catch (ConnectException e) {
            throw new Failure(service + " refused the connection (is it running?)");
        } catch (IOException e) {
            throw new Failure(service + " could not be reached: " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted while asking " + service);
        }
        String text = response.body() == null ? "" : response.body();
        JsonNode parsed = null;
        if (!text.isBlank()) {
            try {
                parsed = JSON.readTree(text);
            } catch (JacksonException e) {
                if (response.statusCode() == 200) {
                    throw new Failure(service + " answered with a body that is not JSON: " + excerpt(text));
                }
            }
        }
        return new Answer(response.statusCode(), parsed, text);
    }

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
