package dev.warden.bench.load;

import java.nio.charset.StandardCharsets;

/**
 * A response read off a keep-alive connection.
 *
 * @param status     HTTP status code
 * @param body       the body, de-chunked
 * @param closeAfter true when the server said {@code Connection: close} (the client must reconnect)
 */
record HttpResponse(int status, byte[] body, boolean closeAfter) {

    String bodyText() { return new String(body, StandardCharsets.UTF_8); }

    /** The start of the body on one line, for error messages. */
    String bodyExcerpt() {
        String text = bodyText().replaceAll("\\s+", " ").strip();
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
