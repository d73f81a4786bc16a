package dev.warden.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --allow-http-send} on {@code warden policy eval} and {@code warden policy test}, against a loopback server. */
class PolicyHttpSendFlagTest {
    private HttpServer server;
    @TempDir Path dir;
    private Path policy;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/decision", ex -> {
            byte[] body = "{\"allowed\": true}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/decision";
        policy = dir.resolve("remote.rego");
        Files.writeString(policy, """
                package remote
                allow if http.send({"method": "get", "url": "%s"}).body.allowed
                test_allow if allow
                """.formatted(url));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void evalRefusesHttpSendWithoutTheFlag() {
        PolicyCommandTest.Run r = PolicyCommandTest.warden("policy", "eval", "-d", policy.toString(), "data.remote.allow");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("network calls are disabled").contains("--allow-http-send");
    }

    @Test
    void evalCallsTheServerWithTheFlag() {
        PolicyCommandTest.Run r = PolicyCommandTest.warden("policy", "eval", "--allow-http-send", "-d", policy.toString(),
                "data.remote.allow");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"value\": true");
    }

    @Test
    void testRunsAgainstTheServerOnlyWithTheFlag() {
        PolicyCommandTest.Run refused = PolicyCommandTest.warden("policy", "test", policy.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.out() + refused.err()).contains("network calls are disabled");
        PolicyCommandTest.Run allowed = PolicyCommandTest.warden("policy", "test", "--allow-http-send", policy.toString());
        assertThat(allowed.exit()).as(allowed.out() + allowed.err()).isZero();
        assertThat(allowed.out()).contains("PASS: 1/1");
    }
}
