package dev.warden.gateway.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real HTTP server on a free port that answers with whatever the test scripts next (recorded SARK or OPA response
 * shapes, errors, garbage, delays) and remembers every request it got, headers and body. It stands in for the
 * remote service only; the client under test talks real HTTP to it.
 */
public final class ScriptedHttpServer implements AutoCloseable {
    /** One scripted answer. */
    public record Reply(int status, String body, long delayMillis) {
        public static Reply json(int status, String body) { return new Reply(status, body, 0); }
    }

    /** One request as received. */
    public record Received(String method, String path, String query, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    public final List<Received> requests = new CopyOnWriteArrayList<>();
    private final AtomicReference<Reply> next = new AtomicReference<>(Reply.json(200, "{}"));
    private final HttpServer server;

    public ScriptedHttpServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getQuery(), Map.copyOf(exchange.getRequestHeaders()), body));
            Reply reply = next.get();
            try {
                if (reply.delayMillis() > 0) Thread.sleep(reply.delayMillis());
                byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
                if (bytes.length > 0) exchange.getResponseBody().write(bytes);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException ignored) {
                // the client gave up (timeout test)
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** Every following request gets this answer. */
    public ScriptedHttpServer reply(Reply reply) {
        next.set(reply);
        return this;
    }

    public ScriptedHttpServer reply(int status, String body) { return reply(Reply.json(status, body)); }

    public URI uri() { return URI.create("http://127.0.0.1:" + server.getAddress().getPort()); }

    public Received last() { return requests.get(requests.size() - 1); }

    @Override
    public void close() { server.stop(0); }
}
