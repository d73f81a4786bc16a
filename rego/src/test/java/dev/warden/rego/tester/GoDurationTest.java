package dev.warden.rego.tester;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {

    @Test
    void printsEachScaleAsGoDoes() {
        assertThat(GoDuration.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(GoDuration.format(Duration.ofNanos(512))).isEqualTo("512ns");
        assertThat(GoDuration.format(Duration.ofNanos(1_500))).isEqualTo("1.5µs");
        assertThat(GoDuration.format(Duration.ofNanos(1_234_567))).isEqualTo("1.234567ms");
        assertThat(GoDuration.format(Duration.ofMillis(2_500))).isEqualTo("2.5s");
        assertThat(GoDuration.format(Duration.ofSeconds(123))).isEqualTo("2m3s");
        assertThat(GoDuration.format(Duration.ofSeconds(3_600))).isEqualTo("1h0m0s");
    }
}
