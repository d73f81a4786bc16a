package dev.warden.gateway.mcp;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A server-sent-events stream of JSON-RPC messages, served by the (virtual) thread of the request that opened it:
 * messages put into {@link #outbox()} are written as {@code message} events; a comment every {@link #KEEPALIVE}
 * keeps proxies and idle timeouts from closing it and lets a vanished client be noticed; {@link #close()} ends it.
 *
 * <pre>{@code
 * SseStream stream = new SseStream();
 * register(stream);                          // somewhere other threads can reach it
 * stream.serve(response, "event: endpoint\ndata: /messages?sessionId=…\n\n");   // returns when it ends
 * }</pre>
 */
final class SseStream {
    static final Duration KEEPALIVE = Duration.ofSeconds(15);
    private static final ObjectNode CLOSE = JsonNodeFactory.instance.objectNode();

    private final BlockingQueue<JsonNode> outbox = new LinkedBlockingQueue<>();

    BlockingQueue<JsonNode> outbox() { return outbox; }

    /** Ends the stream after the messages already queued. */
    void close() { outbox.add(CLOSE); }

    /**
     * Sends the headers and {@code firstEvent} (raw SSE text, or null), then queued messages until {@link #close()},
     * the client going away, or interruption.
     */
    void serve(HttpServletResponse resp, String firstEvent) { serve(resp, firstEvent, () -> true); }

    /** As {@link #serve(HttpServletResponse, String)}, also ending at a keepalive tick once {@code alive} is false. */
    void serve(HttpServletResponse resp, String firstEvent, BooleanSupplier alive) {
        resp.setStatus(200);
        resp.setContentType("text/event-stream");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-cache");
        try {
            OutputStream out = resp.getOutputStream();
            send(out, firstEvent != null ? firstEvent : ": stream open\n\n");
            while (true) {
                JsonNode next = outbox.poll(KEEPALIVE.toMillis(), TimeUnit.MILLISECONDS);
                if (next == CLOSE || next == null && !alive.getAsBoolean()) return;
                send(out, next == null ? ": keepalive\n\n"
                        : "event: message\ndata: " + Wire.JSON.writeValueAsString(next) + "\n\n");
            }
        } catch (IOException e) {
            // the client went away: the stream simply ends
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(OutputStream out, String event) throws IOException {
        out.write(event.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
