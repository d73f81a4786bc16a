package dev.warden.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.support.FakeUpstreams;
import dev.warden.gateway.support.RolePolicy;
import dev.warden.gateway.support.TestGateway;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorsTest {
    @TempDir
    Path dir;

    private static HttpRequest fromOrigin(TestGateway gw, String origin) {
        return HttpRequest.newBuilder(gw.uri("/")).header("Origin", origin).GET().build();
    }

    @Test
    void isOffByDefault() {
        try (TestGateway gw = TestGateway.start(dir, new FakeUpstreams(), new RolePolicy(), "")) {
            assertThat(gw.send(fromOrigin(gw, "https://app.example.com")).header("Access-Control-Allow-Origin")).isNull();
        }
    }

    @Test
    void allowsOnlyTheListedOriginsWithCredentials() {
        String yaml = "cors:\n  enabled: true\n  allowed_origins: [https://app.example.com]\n  allow_credentials: true\n";
        try (TestGateway gw = TestGateway.start(dir, new FakeUpstreams(), new RolePolicy(), yaml)) {
            var allowed = gw.send(fromOrigin(gw, "https://app.example.com"));
            assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
            assertThat(allowed.header("Access-Control-Allow-Credentials")).isEqualTo("true");
            assertThat(gw.send(fromOrigin(gw, "https://evil.example.com")).header("Access-Control-Allow-Origin"))
                    .isNull();
        }
    }
}
