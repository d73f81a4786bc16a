package dev.warden.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.config.WardenConfig.McpSettings;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Origin and Host checks against DNS rebinding")
class OriginGuardTest {
    private static McpSettings settings(List<String> origins, List<String> hosts) {
        McpSettings d = McpSettings.DEFAULTS;
        return new McpSettings(d.enabled(), d.namespacing(), d.separator(), d.listTimeout(), d.deniedTools(),
                d.stateless(), d.sessionIdleTimeout(), d.maxSessions(), origins, hosts, null, List.of());
    }

    @Test
    void aLoopbackGatewayAcceptsOnlyLoopbackOriginsUnlessListed() {
        OriginGuard guard = new OriginGuard(settings(List.of("https://app.example.com"), List.of()), "127.0.0.1");
        assertThat(guard.originAllowed("http://localhost:6274")).isTrue();
        assertThat(guard.originAllowed("http://[::1]:3000")).isTrue();
        assertThat(guard.originAllowed("https://app.example.com")).isTrue();
        assertThat(guard.originAllowed("https://APP.example.com")).isTrue();
        assertThat(guard.originAllowed("http://localhost.evil.example")).isFalse();
        assertThat(guard.originAllowed("null")).isFalse();
    }

    @Test
    void aHostNameThatOnlyStartsLikeALoopbackAddressIsNoLoopback() {
        OriginGuard guard = new OriginGuard(settings(List.of(), List.of()), "127.0.0.1");
        for (String name : List.of("127.0.0.1.evil.example", "127.0.0.1evil.example", "127.0.0.1.nip.io",
                "127.0.0.1@evil.example", "127.0.0.256", "127.1", "127.0.0.01x", "127.0.0.1.")) {
            assertThat(OriginGuard.isLoopback(name)).as(name).isFalse();
            assertThat(guard.originAllowed("http://" + name + ":8080")).as(name).isFalse();
        }
        assertThat(OriginGuard.isLoopback("127.255.0.9")).isTrue();
        assertThat(guard.originAllowed("http://127.0.0.1:8080")).isTrue();
    }

    @Test
    void aPublicGatewayAcceptsOnlyListedOrigins() {
        OriginGuard guard = new OriginGuard(settings(List.of(), List.of()), "0.0.0.0");
        assertThat(guard.originAllowed("http://localhost:6274")).isFalse();
    }

    @Test
    void hostNamesAreReadWithOrWithoutPortAndIpv6Brackets() {
        assertThat(OriginGuard.hostName("127.0.0.1:8080")).isEqualTo("127.0.0.1");
        assertThat(OriginGuard.hostName("[::1]:8080")).isEqualTo("[::1]");
        assertThat(OriginGuard.hostName("warden.example.com")).isEqualTo("warden.example.com");
        assertThat(OriginGuard.isLoopback("127.0.0.2")).isTrue();
        assertThat(OriginGuard.isLoopback("10.0.0.1")).isFalse();
    }
}
