package dev.warden.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ScenarioResultTest {

    private static ScenarioResult round(long latencyNs, int calls, long errors, long cpuNs) {
        Histogram h = new Histogram(3);
        for (int i = 0; i < calls; i++) h.recordValue(latencyNs);
        return new ScenarioResult("warden", 32, h, 10, errors, errors > 0 ? "HTTP 500" : null, false, cpuNs);
    }

    @Test
    void roundsOfAScenarioAddUpTheirCallsTimeErrorsAndCpu() {
        ScenarioResult merged = round(1_000_000, 100, 0, 20_000_000).plus(round(3_000_000, 300, 2, 60_000_000));
        assertThat(merged.completed()).isEqualTo(400);
        assertThat(merged.seconds()).isEqualTo(20);
        assertThat(merged.throughput()).isEqualTo(20);
        assertThat(merged.errors()).isEqualTo(2);
        assertThat(merged.firstError()).isEqualTo("HTTP 500");
        assertThat(merged.serverCpuMicrosPerCall()).isEqualTo(200);
        assertThat(merged.p50Millis()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void cpuPerCallIsUnknownWhenOneRoundDidNotMeasureIt() {
        assertThat(round(1_000_000, 10, 0, 5_000).plus(round(1_000_000, 10, 0, -1)).serverCpuMicrosPerCall()).isNaN();
    }

    @Test
    void roundsOutsideOneToTwentyAreRefusedByName() {
        assertThatThrownBy(() -> RunSupport.validateRun(List.of(1, 32), 5, 10, 0))
                .hasMessage("--rounds must be between 1 and 20, got 0");
    }
}
