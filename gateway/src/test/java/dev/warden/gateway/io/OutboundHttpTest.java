package dev.warden.gateway.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Warden's outbound clients close a kept-alive connection before the servers that close theirs after a few idle
 * seconds would, and still let one exchange take longer than that.
 */
@DisplayName("Outbound HTTP keep-alive")
class OutboundHttpTest {
    private static final Duration KEEP_ALIVE = Duration.ofMillis(300);

    private KeepAliveServer server;
    private HttpClient client;

    @BeforeEach
    void start() throws IOException {
        server = new KeepAliveServer();
        client = OutboundHttp.start("outbound-test", 8, 4, Duration.ofSeconds(2), KEEP_ALIVE);
    }

    @AfterEach
    void stop() throws Exception {
        client.stop();
        server.close();
    }

    @Test
    void aConnectionLeftUnusedIsClosedByWardenAfterTheKeepAlivePeriod() throws Exception {
        assertThat(get(Duration.ZERO).getStatus()).isEqualTo(200);
        assertThat(get(Duration.ZERO).getStatus()).isEqualTo(200);
        assertThat(server.connections.get()).as("requests in quick succession share a connection").isEqualTo(1);

        assertThat(server.closedByClient.await(5, TimeUnit.SECONDS)).as("Warden closed the idle connection").isTrue();

        assertThat(get(Duration.ZERO).getStatus()).isEqualTo(200);
        assertThat(server.connections.get()).isEqualTo(2);
    }

    @Test
    void anExchangeMayTakeLongerThanTheKeepAlivePeriod() throws Exception {
        ContentResponse slow = get(KEEP_ALIVE.multipliedBy(3));

        assertThat(slow.getStatus()).isEqualTo(200);
        assertThat(slow.getContentAsString()).isEqualTo("ok");
    }

    @Test
    void theKeepAlivePeriodIsShorterThanTheFiveSecondsOfNodeAndUvicornServers() {
        assertThat(OutboundHttp.KEEP_ALIVE).isLessThan(Duration.ofSeconds(5));
    }

    private ContentResponse get(Duration answerAfter) throws Exception {
        return client.newRequest("http://127.0.0.1:" + server.port() + "/?delay=" + answerAfter.toMillis())
                .timeout(10, TimeUnit.SECONDS).send();
    }

    /**
     * An HTTP/1.1 server that keeps connections open until the client closes them, counts them, and answers each
     * request {@code ok} after the delay its query asks for.
     */
    private static final class KeepAliveServer implements AutoCloseable {
        final AtomicInteger connections = new AtomicInteger();
        final CountDownLatch closedByClient = new CountDownLatch(1);
        private final ServerSocket socket = new ServerSocket(0);

        KeepAliveServer() throws IOException {
            Thread.ofVirtual().start(this::accept);
        }

        int port() { return socket.getLocalPort(); }

        private void accept() {
            try {
                while (true) {
                    Socket s = socket.accept();
                    connections.incrementAndGet();
                    Thread.ofVirtual().start(() -> serve(s));
                }
            } catch (IOException closed) {
                // the test is over
            }
        }

        private void serve(Socket s) {
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                String head;
                while ((head = head(in)) != null) {
                    long delay = Long.parseLong(head.replaceFirst("(?s)^GET /\\?delay=(\\d+) .*", "$1"));
                    Thread.sleep(delay);
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                closedByClient.countDown();
            } catch (IOException | InterruptedException e) {
                // the connection is gone
            }
        }

        /** A request's head, or null when the client closed the connection. */
        private static String head(InputStream in) throws IOException {
            StringBuilder b = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                b.append((char) c);
                if (b.length() >= 4 && b.substring(b.length() - 4).equals("\r\n\r\n")) return b.toString();
            }
            return null;
        }

        @Override
        public void close() throws IOException { socket.close(); }
    }
}
