package dev.warden.gateway.authz;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded engine makes no network calls unless {@code policy.allow_http_send} turned them on. */
class EmbeddedPolicyHttpSendTest {
    @TempDir Path dir;
    private HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/allowed", ex -> {
            calls.incrementAndGet();
            byte[] body = "{\"allow\": true}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        Files.writeString(dir.resolve("p.rego"), """
                package mcp.gateway
                allow if http.send({"method": "get", "url": "http://127.0.0.1:%d/allowed"}).body.allow
                """.formatted(server.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void withoutTheSettingHttpSendFailsTheDecisionWithoutCallingOut() {
        Decision d = EmbeddedPolicyEngine.load(dir, Duration.ofSeconds(1), EmbeddedPolicyEngineTest.CLOCK)
                .decide(EmbeddedPolicyEngineTest.invoke("x", "s", "t", "{}"));
        assertThat(d.allow()).isFalse();
        assertThat(d.failed()).isTrue();
        assertThat(calls).hasValue(0);
    }

    @Test
    void withTheSettingThePolicyAsksTheServer() {
        // A generous deadline: the first http.send (client set-up, JIT) can take over a second on a loaded machine.
        Decision d = EmbeddedPolicyEngine.load(dir, Duration.ofSeconds(10), EmbeddedPolicyEngineTest.CLOCK, true)
                .decide(EmbeddedPolicyEngineTest.invoke("x", "s", "t", "{}"));
        assertThat(d.allow()).isTrue();
        assertThat(calls).hasValue(1);
    }
}
