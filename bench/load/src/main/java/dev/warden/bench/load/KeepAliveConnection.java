package dev.warden.bench.load;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * One client's persistent HTTP/1.1 connection: writes a prepared request, reads the response, reconnects
 * when the server closes or an error breaks the connection. Raw sockets rather than {@code java.net.http}
 * so the client adds as little as possible (no selector thread hop, no per-request objects beyond the body)
 * and the figures show the servers, not the load tool. Not thread-safe: one per client thread.
 */
final class KeepAliveConnection implements AutoCloseable {

    private final HttpTarget target;
    private final int timeoutMillis;
    private Socket socket;
    private OutputStream out;
    private ResponseReader reader;

    KeepAliveConnection(HttpTarget target, Duration timeout) {
        this.target = target;
        this.timeoutMillis = (int) timeout.toMillis();
    }

    /** Sends the target's request and returns the response; on any I/O error the connection is dropped. */
    HttpResponse exchange() throws IOException {
        try {
            if (socket == null) {
                connect();
            }
            out.write(target.request());
            out.flush();
            HttpResponse response = reader.read();
            if (response.closeAfter()) {
                close();
            }
            return response;
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(timeoutMillis);
        s.connect(new InetSocketAddress(target.host(), target.port()), timeoutMillis);
        socket = s;
        out = s.getOutputStream();
        reader = new ResponseReader(new BufferedInputStream(s.getInputStream(), 16 * 1024));
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing a broken socket: nothing left to do.
            }
            socket = null;
        }
    }
}
