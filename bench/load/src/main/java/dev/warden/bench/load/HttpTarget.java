package dev.warden.bench.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP POST to repeat: where it goes, its exact bytes, and how to tell a good answer from a bad one.
 * Requests go to loopback addresses only; the tool refuses anything else so it can never load a real host.
 *
 * <pre>{@code
 * HttpTarget t = HttpTarget.post("direct", URI.create("http://127.0.0.1:8081/mcp"),
 *         Map.of("Accept", "application/json, text/event-stream"), body, "warden-bench-ping");
 * }</pre>
 *
 * @param label   name shown in the report ({@code direct}, {@code nginx}, {@code warden})
 * @param host    loopback host
 * @param port    TCP port
 * @param request the complete HTTP/1.1 request, sent as is on a keep-alive connection
 * @param marker  text a successful response body must contain (the echoed message)
 */
record HttpTarget(String label, String host, int port, byte[] request, String marker) implements Target {

    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);

    /** A caller with its own keep-alive connection; an I/O error counts as a failure and drops the connection. */
    @Override
    public Caller newCaller() {
        KeepAliveConnection connection = new KeepAliveConnection(this, SOCKET_TIMEOUT);
        return new Caller() {
            @Override
            public String call() {
                try {
                    return failureOf(connection.exchange());
                } catch (IOException e) {
                    return e.getClass().getSimpleName() + ": " + e.getMessage();
                }
            }

            @Override
            public void close() { connection.close(); }
        };
    }

    /** Builds a POST of a JSON {@code body} with the given extra headers (in order). */
    static HttpTarget post(String label, URI url, Map<String, String> headers, String body, String marker) {
        if (!"http".equals(url.getScheme())) {
            throw new IllegalArgumentException(label + ": only http:// URLs are supported, got " + url);
        }
        String host = url.getHost();
        if (host == null || !isLoopback(host)) {
            throw new IllegalArgumentException(label + ": the load tool only targets loopback addresses, got " + url);
        }
        if (url.getPort() <= 0) {
            throw new IllegalArgumentException(label + ": URL needs an explicit port, got " + url);
        }
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", host + ":" + url.getPort());
        all.put("Content-Type", "application/json");
        all.putAll(headers);
        all.put("Content-Length", Integer.toString(payload.length));
        StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\n");
        all.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[headBytes.length + payload.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(payload, 0, request, headBytes.length, payload.length);
        return new HttpTarget(label, host, url.getPort(), request, marker);
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Why {@code response} is not a success, or null when it is one. */
    String failureOf(HttpResponse response) {
        if (response.status() / 100 != 2) {
            return "HTTP " + response.status() + ": " + response.bodyExcerpt();
        }
        String body = response.bodyText();
        if (!body.contains(marker)) {
            return "response lacks the echoed message: " + response.bodyExcerpt();
        }
        if (body.contains("\"isError\":true")) {
            return "tool reported an error: " + response.bodyExcerpt();
        }
        return null;
    }
}
