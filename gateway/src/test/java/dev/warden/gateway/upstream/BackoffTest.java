package dev.warden.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));

    @Test
    void doublesFromTheInitialDelayUpToTheMaximum() {
        assertThat(backoff.delay(0)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.delay(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(1_000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void splitsUrlsTheWayTheSdkTransportsTakeThem() {
        assertThat(Upstream.Endpoint.of("http://127.0.0.1:9001/mcp")).isEqualTo(new Upstream.Endpoint("http://127.0.0.1:9001", "/mcp"));
        assertThat(Upstream.Endpoint.of("https://api.example.com/v1/mcp?team=a%20b"))
                .isEqualTo(new Upstream.Endpoint("https://api.example.com", "/v1/mcp?team=a%20b"));
        assertThat(Upstream.Endpoint.of("http://localhost:8080")).isEqualTo(new Upstream.Endpoint("http://localhost:8080", "/"));
    }

    @Test
    void describesDurationsAndFailuresForPeople() {
        assertThat(Durations.human(Duration.ofMillis(300))).isEqualTo("300ms");
        assertThat(Durations.human(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(Durations.human(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(Durations.human(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(Durations.reason(new RuntimeException("wrapper", new java.net.ConnectException()))).isEqualTo("connection refused");
        assertThat(Durations.reason(new RuntimeException("outer", new IllegalStateException("inner")))).isEqualTo("inner");
    }
}
