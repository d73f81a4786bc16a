package dev.warden.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoadCommandTest {

    /** Answers 502 to the first {@code failures} requests, then echoes the marker. */
    private static HttpServer warmingUpServer(int failures) throws Exception {
        AtomicInteger seen = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            boolean ready = seen.incrementAndGet() > failures;
            byte[] body = (ready ? "{\"content\":[{\"text\":\"" + LoadCommand.MARKER + "\"}]}"
                    : "{\"error\":{\"code\":\"UPSTREAM_UNAVAILABLE\"}}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(ready ? 200 : 502, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static HttpTarget target(HttpServer server) {
        return HttpTarget.post("warden", URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tools/invoke"),
                Map.of(), "{}", LoadCommand.MARKER);
    }

    @Test
    void waitsForATargetThatIsStillConnectingToItsUpstream() throws Exception {
        HttpServer server = warmingUpServer(3);
        try {
            assertThat(LoadCommand.awaitReady(target(server), Duration.ofSeconds(10))).isNull();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void givesUpAfterTheTimeoutWithTheLastFailure() throws Exception {
        HttpServer server = warmingUpServer(Integer.MAX_VALUE);
        try {
            long started = System.nanoTime();

            String failure = LoadCommand.awaitReady(target(server), Duration.ofMillis(500));

            assertThat(failure).startsWith("HTTP 502").contains("UPSTREAM_UNAVAILABLE");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        } finally {
            server.stop(0);
        }
    }
}
