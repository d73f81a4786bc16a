package dev.warden.gateway.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A response that, before an error answer (4xx, 5xx) is committed, reads and discards what the handler left unread
 * of the request body, so the connection can carry the client's next request.
 *
 * <p>Why: a handler that refuses a request before reading its body (a 401, 403, 406 or 415 on {@code /mcp}, say)
 * commits its answer with the body still on the wire. Jetty then finds the body unread when the exchange ends and
 * closes the connection, but the answer has already gone out without {@code Connection: close}. A client that pools
 * connections (the JDK's {@code HttpClient}, an MCP SDK) sends its next request into that socket and gets nothing
 * back: "header parser received no bytes", about one request in a few thousand when a refusal is followed by
 * another request.
 *
 * <p>An answer committed only when the handler returns (Javalin's routes are) is not this class's concern: Jetty
 * then reads what has arrived of the body first, and when that is not all of it, answers with {@code Connection:
 * close} itself.
 *
 * <p>At most {@code limit} bytes (the gateway's body limit) are read. When the rest cannot be read (a body declared
 * or found larger than the limit, a read failure), the answer says {@code Connection: close} instead, so the client
 * knows not to reuse the connection. A request that expects {@code 100 Continue} is left to Jetty: its client
 * sends no body until told to. So is an answer on a connection that is closing anyway.
 */
final class DrainingResponse extends Response.Wrapper {
    private final long limit;
    private boolean checked;
    private long drained;

    DrainingResponse(Request request, Response response, long limit) {
        super(request, response);
        this.limit = limit;
    }

    /** Whether a request may carry a body that a handler could leave unread (it has a length or is chunked). */
    static boolean mayHaveBody(Request request) {
        long length = request.getLength();
        return length > 0 || (length < 0 && request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING));
    }

    @Override
    public void write(boolean last, ByteBuffer content, Callback callback) {
        if (checked || getStatus() < 400 || isCommitted()) {
            super.write(last, content, callback);
            return;
        }
        checked = true;
        Request request = getRequest();
        if (!request.getConnectionMetaData().isPersistent()
                || request.getHeaders().contains(HttpHeader.EXPECT, HttpHeaderValue.CONTINUE.asString())
                || getHeaders().contains(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString())) {
            super.write(last, content, callback);
        } else if (request.getLength() > limit) {
            closeAfter();
            super.write(last, content, callback);
        } else {
            drain(request, () -> super.write(last, content, callback));
        }
    }

    /** Reads the body to its end, or until it passes the limit, then runs {@code then}; waits for bytes in flight. */
    private void drain(Request request, Runnable then) {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(() -> drain(request, then));
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                closeAfter();
                then.run();
                return;
            }
            drained += chunk.remaining();
            chunk.release();
            if (chunk.isLast()) {
                then.run();
                return;
            }
            if (drained > limit) {
                closeAfter();
                then.run();
                return;
            }
        }
    }

    private void closeAfter() {
        getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
    }
}
