package dev.warden.gateway.upstream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads Server-Sent Events from an upstream's response body, one event at a time, as the HTML living standard
 * defines the format: {@code data:} lines joined with newlines, {@code id:} and {@code event:} fields, comments
 * ignored, an event dispatched at a blank line. Lines end with LF, CRLF or CR.
 *
 * <pre>{@code
 * SseReader events = new SseReader(body, 32 << 20);
 * for (SseReader.Event e; (e = events.next()) != null; ) handle(e.data());
 * }</pre>
 */
final class SseReader {

    /** One dispatched event; {@code id} and {@code event} are null when the server sent none. */
    record Event(String id, String event, String data) {}

    private final InputStream in;
    private final long maxEventBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private boolean pendingCr;

    SseReader(InputStream in, long maxEventBytes) {
        this.in = in;
        this.maxEventBytes = maxEventBytes;
    }

    /** The next event with data, or null at the end of the stream. */
    Event next() throws IOException {
        StringBuilder data = null;
        String id = null;
        String event = null;
        long size = 0;
        while (true) {
            String text = readLine();
            if (text == null) return null; // an event not ended by a blank line is discarded, as the standard says
            if (text.isEmpty()) {
                if (data != null) return new Event(id, event, data.toString());
                id = null;
                event = null;
                continue;
            }
            size += text.length();
            if (size > maxEventBytes) {
                throw new IOException("an event of the upstream's stream is larger than " + maxEventBytes + " bytes");
            }
            int colon = text.indexOf(':');
            if (colon == 0) continue; // a comment, e.g. a keep-alive
            String field = colon < 0 ? text : text.substring(0, colon);
            String value = colon < 0 ? "" : text.substring(colon + 1);
            if (value.startsWith(" ")) value = value.substring(1);
            switch (field) {
                case "data" -> {
                    if (data == null) data = new StringBuilder(value.length());
                    else data.append('\n');
                    data.append(value);
                }
                case "id" -> id = value;
                case "event" -> event = value;
                default -> { } // retry and unknown fields: nothing to do for a client that does not reconnect here
            }
        }
    }

    private String readLine() throws IOException {
        line.reset();
        while (true) {
            int b = in.read();
            if (b < 0) return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            if (pendingCr) {
                pendingCr = false;
                if (b == '\n') continue; // the LF of a CRLF
            }
            if (b == '\r') {
                pendingCr = true;
                return line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\n') return line.toString(StandardCharsets.UTF_8);
            line.write(b);
            if (line.size() > maxEventBytes) {
                throw new IOException("a line of the upstream's event stream is longer than " + maxEventBytes + " bytes");
            }
        }
    }
}
