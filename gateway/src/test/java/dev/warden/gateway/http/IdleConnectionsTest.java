package dev.warden.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.support.FakeUpstreams;
import dev.warden.gateway.support.RolePolicy;
import dev.warden.gateway.support.TestGateway;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gateway.idle_timeout}: how long the gateway keeps a client's unused connection open. */
class IdleConnectionsTest {
    @TempDir
    Path dir;

    @Test
    void anUnusedConnectionIsKeptForTheIdleTimeoutAndThenClosed() throws Exception {
        try (TestGateway gw = TestGateway.start(dir, new FakeUpstreams(), new RolePolicy(),
                "gateway:\n  idle_timeout: 1500ms\n");
             Socket s = new Socket("127.0.0.1", gw.gateway.port())) {
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            byte[] answer = new byte[4096];
            int n = in.read(answer);
            assertThat(new String(answer, 0, n, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
            long idleSince = System.nanoTime();

            s.setSoTimeout(700);
            boolean openAfter700ms;
            try {
                openAfter700ms = in.read() != -1;
            } catch (SocketTimeoutException stillOpen) {
                openAfter700ms = true;
            }
            assertThat(openAfter700ms).as("open before the idle timeout").isTrue();

            s.setSoTimeout(10_000);
            assertThat(in.read()).as("closed by the gateway").isEqualTo(-1);
            assertThat((System.nanoTime() - idleSince) / 1_000_000).isBetween(1_400L, 5_000L);
        }
    }
}
