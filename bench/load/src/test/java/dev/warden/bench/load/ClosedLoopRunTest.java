package dev.warden.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClosedLoopRunTest {

    private static final Map<String, String> MCP_HEADERS = Map.of("Accept", "application/json, text/event-stream");

    @Test
    void measuresTheEchoUpstreamOverKeepAliveWithoutErrors() throws Exception {
        try (EchoUpstream upstream = EchoUpstream.start(0)) {
            HttpTarget target = HttpTarget.post("direct", URI.create(upstream.endpoint()), MCP_HEADERS,
                    LoadCommand.MCP_CALL, LoadCommand.MARKER);
            // The first call loads the SDK's classes, which on a busy machine takes longer than the run below.
            assertThat(LoadCommand.awaitReady(target, Duration.ofSeconds(30))).isNull();

            ScenarioResult result = new ClosedLoopRun(target, 2, Duration.ofMillis(300), Duration.ofSeconds(1), 10)
                    .run();

            assertThat(result.errors()).as(String.valueOf(result.firstError())).isZero();
            assertThat(result.completed()).isPositive();
            assertThat(result.throughput()).isCloseTo(result.completed() / 1.0, org.assertj.core.data.Offset.offset(0.01));
            assertThat(result.p50Millis()).isPositive().isLessThanOrEqualTo(result.p99Millis());
        }
    }

    @Test
    void measuresTheEchoUpstreamThroughTheMcpSdkClient() throws Exception {
        try (EchoUpstream upstream = EchoUpstream.start(0);
             SdkClientTarget sdk = SdkClientTarget.connect(URI.create(upstream.endpoint()), LoadCommand.MARKER)) {
            assertThat(LoadCommand.awaitReady(sdk, Duration.ofSeconds(30))).isNull();

            ScenarioResult result = new ClosedLoopRun(sdk, 2, Duration.ofMillis(300), Duration.ofSeconds(1), 10).run();

            assertThat(result.target()).isEqualTo("sdk-client");
            assertThat(result.errors()).as(String.valueOf(result.firstError())).isZero();
            assertThat(result.completed()).isPositive();
        }
    }

    @Test
    void countsFailedResponsesAsErrorsAndStopsEarlyAtTheErrorLimit() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "{\"error\":\"denied\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(403, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            HttpTarget target = HttpTarget.post("warden",
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tools/invoke"),
                    Map.of(), "{}", LoadCommand.MARKER);
            long started = System.nanoTime();

            ScenarioResult result = new ClosedLoopRun(target, 1, Duration.ZERO, Duration.ofSeconds(20), 5).run();

            assertThat(result.aborted()).isTrue();
            assertThat(result.errors()).isEqualTo(5);
            assertThat(result.completed()).isZero();
            assertThat(result.firstError()).startsWith("HTTP 403");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void countsARefusedConnectionAsAnError() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        HttpTarget target = HttpTarget.post("nginx", URI.create("http://127.0.0.1:" + closedPort + "/mcp"),
                MCP_HEADERS, LoadCommand.MCP_CALL, LoadCommand.MARKER);

        ScenarioResult result = new ClosedLoopRun(target, 1, Duration.ZERO, Duration.ofSeconds(5), 3).run();

        assertThat(result.errors()).isEqualTo(3);
        assertThat(result.firstError()).contains("ConnectException");
    }
}
