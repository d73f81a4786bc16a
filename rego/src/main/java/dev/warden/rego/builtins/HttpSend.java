package dev.warden.rego.builtins;

import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.Json;
import dev.warden.rego.value.NullValue;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code http.send} when the policy set allows it ({@code Rego.Builder.allowHttpSend(true)}): sends the request
 * with the JDK's {@link HttpClient} and returns OPA's response object
 * ({@code status}, {@code status_code}, {@code headers}, {@code raw_body}, {@code body}).
 *
 * <p>As in OPA: a non-2xx status is a response, not an error; network errors are builtin errors, or, with
 * {@code raise_error: false}, a response {@code {"status_code": 0, "error": {"code", "message"}}}; identical
 * requests within one evaluation are sent once. Each attempt is bounded by the request timeout and by the time
 * the evaluation has left, and cancelling the evaluation abandons the request.
 *
 * <pre>{@code
 * Value response = HttpSend.send(ctx, requestObject);
 * }</pre>
 */
final class HttpSend {
    private HttpSend() {}

    static final String NETWORK_ERROR = "eval_http_send_network_error";
    static final String INTERNAL_ERROR = "eval_http_send_internal_error";

    /** How often a waiting request re-checks whether the evaluation was cancelled. */
    private static final long POLL_NANOS = 20_000_000L;
    private static final long MIN_RETRY_DELAY_NANOS = 100_000_000L;
    private static final long MAX_RETRY_DELAY_NANOS = 60_000_000_000L;

    /** Status codes whose responses are reused within one evaluation (RFC 7231 §6.1's cacheable codes). */
    private static final java.util.Set<Integer> CACHEABLE = java.util.Set.of(200, 203, 204, 206, 300, 301, 404, 405,
            410, 414, 501);

    /** Two shared clients, one per redirect policy: clients are expensive and safe to share. */
    private static final class Clients {
        static final HttpClient FOLLOW = client(HttpClient.Redirect.NORMAL);
        static final HttpClient NO_FOLLOW = client(HttpClient.Redirect.NEVER);

        private static HttpClient client(HttpClient.Redirect redirect) {
            return HttpClient.newBuilder().followRedirects(redirect).version(HttpClient.Version.HTTP_1_1).build();
        }
    }

    /** What one evaluation remembers about a request: the response, or the failure to repeat. */
    private record Cached(Value response, HttpSendRequest.Failure failure) {}

    static Value send(BuiltinContext ctx, ObjectValue req) {
        boolean raise;
        try {
            raise = HttpSendRequest.raiseError(req);
        } catch (HttpSendRequest.Failure f) {
            throw BuiltinException.error(f.getMessage());
        }
        try {
            return response(ctx, req);
        } catch (HttpSendRequest.Failure f) {
            if (raise) throw BuiltinException.error(f.getMessage());
            return errorResult(f);
        }
    }

    private static Value response(BuiltinContext ctx, ObjectValue req) throws HttpSendRequest.Failure {
        List<Object> key = List.of("http.send", req);
        if (ctx.cache().get(key) instanceof Cached c) {
            if (c.failure() != null) throw c.failure();
            return c.response();
        }
        HttpSendRequest r = HttpSendRequest.parse(req);
        try {
            HttpResponse<byte[]> resp = execute(ctx, r);
            Value out = format(r, resp);
            if (CACHEABLE.contains(resp.statusCode())) ctx.cache().put(key, new Cached(out, null));
            return out;
        } catch (HttpSendRequest.Failure f) {
            ctx.cache().put(key, new Cached(null, f));
            throw f;
        }
    }

    /** OPA's answer to a failed request under {@code raise_error: false}. */
    static ObjectValue errorResult(HttpSendRequest.Failure f) {
        return ObjectValue.builder()
                .put("status_code", NumberValue.ZERO)
                .put("error", ObjectValue.builder()
                        .put("code", StringValue.of(f.network ? NETWORK_ERROR : INTERNAL_ERROR))
                        .put("message", StringValue.of(f.getMessage()))
                        .build())
                .build();
    }

    private static HttpResponse<byte[]> execute(BuiltinContext ctx, HttpSendRequest r) throws HttpSendRequest.Failure {
        HttpRequest request = request(r);
        HttpClient client = r.redirect() ? Clients.FOLLOW : Clients.NO_FOLLOW;
        for (int attempt = 0; ; attempt++) {
            try {
                return attempt(ctx, client, request, r);
            } catch (HttpSendRequest.Failure f) {
                if (!f.network || attempt >= r.retries()) throw f;
            }
            // Exponential backoff between attempts, as OPA does, never past the evaluation's deadline.
            long delay = Math.min(MAX_RETRY_DELAY_NANOS, MIN_RETRY_DELAY_NANOS << Math.min(attempt, 20));
            sleep(ctx, delay);
        }
    }

    private static HttpRequest request(HttpSendRequest r) throws HttpSendRequest.Failure {
        HttpRequest.BodyPublisher body = r.hasBody()
                ? HttpRequest.BodyPublishers.ofByteArray(r.body()) : HttpRequest.BodyPublishers.noBody();
        HttpRequest.Builder b = HttpRequest.newBuilder(r.url()).method(r.method(), body);
        boolean agent = false;
        for (Map.Entry<String, String> h : r.headers().entrySet()) {
            agent |= h.getKey().equalsIgnoreCase("user-agent");
            try {
                b.header(h.getKey(), h.getValue());
            } catch (IllegalArgumentException e) {
                throw HttpSendRequest.Failure.internal("header " + HttpSendRequest.quote(h.getKey())
                        + " cannot be set: " + e.getMessage());
            }
        }
        if (!agent) b.header("User-Agent", "Warden/" + RuntimeBuiltins.VERSION);
        try {
            return b.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw HttpSendRequest.Failure.internal(e.getMessage());
        }
    }

    /** One exchange, waited for in short slices so that cancelling the evaluation stops it promptly. */
    private static HttpResponse<byte[]> attempt(BuiltinContext ctx, HttpClient client, HttpRequest request,
                                                HttpSendRequest r) throws HttpSendRequest.Failure {
        ctx.checkCancelled();
        long timeout = r.timeoutNanos() > 0 ? r.timeoutNanos() : Long.MAX_VALUE;
        long budget = Math.min(timeout, ctx.remainingNanos());
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            while (true) {
                long left = budget - (System.nanoTime() - start);
                if (left <= 0) {
                    ctx.checkCancelled(); // the evaluation's deadline, when it is the nearer one, wins
                    throw new HttpSendRequest.Failure(op(r) + " " + r.url() + ": request timed out", true);
                }
                try {
                    return pending.get(Math.min(left, POLL_NANOS), TimeUnit.NANOSECONDS);
                } catch (TimeoutException slice) {
                    ctx.checkCancelled();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpSendRequest.Failure(op(r) + " " + HttpSendRequest.quote(r.url().toString())
                    + ": interrupted", true);
        } catch (ExecutionException | CancellationException e) {
            throw networkFailure(r, e.getCause() == null ? e : e.getCause());
        } finally {
            pending.cancel(true); // no-op once complete; otherwise abandons the exchange
        }
    }

    private static HttpSendRequest.Failure networkFailure(HttpSendRequest r, Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException || cause instanceof HttpTimeoutException) {
            return new HttpSendRequest.Failure(op(r) + " " + r.url() + ": request timed out", true);
        }
        String what;
        if (cause instanceof ConnectException c) {
            Throwable root = c.getCause() != null ? c.getCause() : c;
            what = root instanceof UnresolvedAddressException ? "dial tcp: lookup " + r.url().getHost() + ": no such host"
                    : "dial tcp " + hostPort(r.url()) + ": connect: " + lower(root.getMessage(), "connection refused");
        } else if (cause instanceof IOException io) {
            what = lower(io.getMessage(), io.getClass().getSimpleName());
        } else {
            what = lower(cause.getMessage(), cause.getClass().getSimpleName());
        }
        // Go's *url.Error: the operation, the quoted URL, then what went wrong.
        return new HttpSendRequest.Failure(op(r) + " " + HttpSendRequest.quote(r.url().toString()) + ": " + what, true);
    }

    private static String lower(String message, String fallback) {
        if (message == null || message.isBlank()) return fallback;
        return message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1);
    }

    private static String hostPort(URI u) {
        int port = u.getPort() != -1 ? u.getPort() : u.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        return u.getHost() + ":" + port;
    }

    /** Go names the failed operation by the method with only its first letter upper-case ("Get", "Post"). */
    private static String op(HttpSendRequest r) {
        String m = r.method();
        return m.substring(0, 1) + m.substring(1).toLowerCase(Locale.ROOT);
    }

    private static void sleep(BuiltinContext ctx, long nanos) {
        long until = System.nanoTime() + Math.min(nanos, ctx.remainingNanos());
        while (true) {
            ctx.checkCancelled();
            long left = until - System.nanoTime();
            if (left <= 0) return;
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, POLL_NANOS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** OPA's response object; a body that does not decode leaves {@code body} null, as in OPA. */
    static ObjectValue format(HttpSendRequest r, HttpResponse<byte[]> resp) {
        Map<String, List<String>> headers = new TreeMap<>();
        resp.headers().map().forEach((name, values) -> {
            if (name.startsWith(":")) return; // HTTP/2 pseudo-headers are not headers
            headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values);
        });
        ObjectValue.Builder h = ObjectValue.builder();
        headers.forEach((name, values) -> h.put(name, ArrayValue.of(values.stream().map(StringValue::of).toList())));
        String raw = new String(resp.body(), StandardCharsets.UTF_8);
        String contentType = resp.headers().firstValue("content-type").orElse("");
        Value body = NullValue.INSTANCE;
        if (r.forceJson() || isJson(contentType)) {
            body = decodeJson(raw);
        } else if (r.forceYaml() || contentType.contains("application/yaml") || contentType.contains("application/x-yaml")) {
            body = decodeYaml(raw);
        }
        return ObjectValue.builder()
                .put("status", StringValue.of(HttpStatusText.statusLine(resp.statusCode())))
                .put("status_code", NumberValue.of(resp.statusCode()))
                .put("headers", h.build())
                .put("raw_body", StringValue.of(raw))
                .put("body", body)
                .build();
    }

    /** {@code application/json} or {@code application/<anything>+json}, parameters ignored. */
    static boolean isJson(String contentType) {
        String media = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!media.startsWith("application/")) return false;
        String sub = media.substring("application/".length());
        return sub.equals("json") || sub.endsWith("+json");
    }

    private static Value decodeJson(String raw) {
        try {
            return Json.parse(raw);
        } catch (RuntimeException e) {
            return NullValue.INSTANCE;
        }
    }

    private static Value decodeYaml(String raw) {
        try {
            return YamlBuiltins.unmarshal(raw);
        } catch (RuntimeException e) {
            return NullValue.INSTANCE;
        }
    }
}
