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
        return new ScenarioResult("warden", 32, h, 10, errors, errors > 0 ? "HTTP 500" : null, false, cpuNs,
                cpuNs < 0 ? -1 : cpuNs / 2, cpuNs < 0 ? -1 : cpuNs / 4);
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
        assertThat(merged.upstreamCpuMicrosPerCall()).isEqualTo(100);
        assertThat(merged.clientCpuMicrosPerCall()).isEqualTo(50);
        assertThat(merged.p50Millis()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void cpuPerCallIsUnknownWhenOneRoundDidNotMeasureIt() {
        assertThat(round(1_000_000, 10, 0, 5_000).plus(round(1_000_000, 10, 0, -1)).serverCpuMicrosPerCall()).isNaN();
    }

    @Test
    void theCoresKeptBusyAddUpServerUpstreamAndLoadToolOverTheMeasuredTime() {
        // 10 s measured: 12 s of Warden's CPU, 6 s of the upstream's, 2 s of the load tool's = 2 cores busy.
        Histogram h = new Histogram(3);
        h.recordValue(1_000_000);
        ScenarioResult proxied = new ScenarioResult("warden", 32, h, 10, 0, null, false,
                12_000_000_000L, 6_000_000_000L, 2_000_000_000L);
        assertThat(Report.coresBusy(proxied)).contains(2.0);
        // direct: the server is the upstream, counted once
        ScenarioResult direct = new ScenarioResult("direct", 32, h, 10, 0, null, false, 15_000_000_000L, -1,
                5_000_000_000L);
        assertThat(Report.coresBusy(direct)).contains(2.0);
        assertThat(Report.coresBusy(new ScenarioResult("nginx", 32, h, 10, 0, null, false, 1, -1, 1))).isEmpty();
    }

    @Test
    void roundsOutsideOneToTwentyAreRefusedByName() {
        assertThatThrownBy(() -> RunSupport.validateRun(List.of(1, 32), 5, 10, 0))
                .hasMessage("--rounds must be between 1 and 20, got 0");
    }
}
