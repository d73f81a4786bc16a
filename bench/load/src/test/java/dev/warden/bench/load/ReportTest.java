package dev.warden.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ReportTest {

    /** A result whose every request took {@code micros} and that completed {@code count} in 10 s. */
    private static ScenarioResult result(String target, int clients, long micros, int count, long errors) {
        Histogram h = new Histogram(3);
        h.recordValueWithCount(micros * 1000, count);
        return new ScenarioResult(target, clients, h, 10, errors, errors > 0 ? "HTTP 500: boom" : null, false);
    }

    @Test
    void computesAddedLatencyAndThroughputRatiosAndJudgesThemAgainstTheTargets() {
        Report report = new Report(List.of(
                result("direct", 1, 100, 100_000, 0),
                result("nginx", 1, 370, 30_000, 0),
                result("warden", 1, 500, 20_000, 0),
                result("direct", 32, 2000, 150_000, 0),
                result("nginx", 32, 3000, 100_000, 0),
                result("warden", 32, 5000, 60_000, 0)),
                Optional.of(new ProcessMemory(300 * 1024, 400 * 1024)));

        assertThat(report.addedMedian("warden", 1)).hasValueSatisfying(v -> assertThat(v).isCloseTo(0.4, within()));
        String text = report.render();

        // HdrHistogram keeps 3 significant digits, so 5 ms may read back as 5.001 ms.
        assertThat(text).containsPattern("\\| warden \\| 32 \\| 5\\.00\\d \\| 5\\.00\\d \\| 6000 \\| 0 \\|");
        assertThat(text).containsPattern("Warden added median latency, 1 client +0\\.400 ms +<= 0\\.5 ms +PASS");
        assertThat(text).containsPattern("Warden added latency minus nginx's, 1 client +0\\.130 ms");
        assertThat(text).containsPattern("Warden added latency / nginx added latency +1\\.5x");
        assertThat(text).containsPattern("nginx throughput / direct, 32 clients +67%");
        assertThat(text).containsPattern("Warden throughput / nginx, 32 clients +60\\.0% +>= 50% +PASS");
        assertThat(text).containsPattern("Warden errors, all scenarios +0 +0 +PASS");
        assertThat(text).containsPattern("Warden RSS .* +300 / 400 MB +<= 512 MB +PASS");
    }

    @Test
    void roundsMergedIntoOneResultAlsoShowTheRatioOfEachRound() {
        ScenarioResult nginx = result("nginx", 32, 3000, 100_000, 0).plus(result("nginx", 32, 3000, 80_000, 0))
                .plus(result("nginx", 32, 3000, 100_000, 0));
        ScenarioResult warden = result("warden", 32, 5000, 48_000, 0).plus(result("warden", 32, 5000, 41_000, 0))
                .plus(result("warden", 32, 5000, 50_000, 0));
        Report report = new Report(List.of(result("direct", 32, 2000, 150_000, 0), nginx, warden), Optional.empty());

        assertThat(warden.roundThroughputs()).containsExactly(4800.0, 4100.0, 5000.0);
        String text = report.render();
        assertThat(text).containsPattern("Warden throughput / nginx, 32 clients +49\\.6% +>= 50% +FAIL");
        assertThat(text).containsPattern("  the same, round by round +48\\.0, 51\\.3, 50\\.0%");
    }

    @Test
    void aSingleRoundHasNoRoundByRoundRow() {
        Report report = new Report(List.of(result("direct", 32, 2000, 150_000, 0), result("nginx", 32, 3000, 100_000, 0),
                result("warden", 32, 5000, 60_000, 0)), Optional.empty());
        assertThat(report.render()).doesNotContain("round by round");
    }

    @Test
    void failsTargetsThatAreMissedAndNamesTheFirstError() {
        Report report = new Report(List.of(
                result("direct", 1, 100, 100_000, 0),
                result("warden", 1, 900, 10_000, 3),
                result("direct", 32, 2000, 150_000, 0),
                result("nginx", 32, 3000, 100_000, 0),
                result("warden", 32, 9000, 40_000, 0)),
                Optional.of(new ProcessMemory(600 * 1024, 700 * 1024)));

        String text = report.render();

        assertThat(text).containsPattern("Warden added median latency, 1 client +0\\.800 ms +<= 0\\.5 ms +FAIL");
        assertThat(text).containsPattern("Warden throughput / nginx, 32 clients +40\\.0% +>= 50% +FAIL");
        assertThat(text).containsPattern("Warden errors, all scenarios +3 +0 +FAIL");
        assertThat(text).containsPattern("Warden RSS .* +600 / 700 MB +<= 512 MB +FAIL");
        assertThat(text).contains("first error, warden at 1 clients: HTTP 500: boom");
    }

    @Test
    void saysNotApplicableRatherThanPassWhenAScenarioIsMissing() {
        String text = new Report(List.of(result("direct", 1, 100, 1000, 0)), Optional.empty()).render();

        assertThat(text).containsPattern("Warden added median latency, 1 client +n/a +<= 0\\.5 ms +n/a");
        assertThat(text).doesNotContain("PASS");
    }

    @Test
    void judgesAddedLatencyOnlyWhenOneClientWasMeasured() {
        String text = new Report(List.of(result("direct", 32, 2000, 1000, 0), result("warden", 32, 9000, 1000, 0)),
                Optional.empty()).render();

        assertThat(text).containsPattern("Warden added median latency, 32 clients +7\\.00\\d ms *\n");
    }

    @Test
    void showsWhatTheSdkClientCostsWhenItWasMeasured() {
        String text = new Report(List.of(
                result("direct", 1, 100, 100_000, 0),
                result("sdk-client", 1, 1100, 9_000, 0),
                result("direct", 32, 2000, 150_000, 0),
                result("sdk-client", 32, 20000, 15_000, 0)),
                Optional.empty()).render();

        assertThat(text).containsPattern("MCP SDK client added median latency, 1 client +1\\.00\\d ms");
        assertThat(text).containsPattern("MCP SDK client throughput / direct, 32 clients +10%");
    }

    @Test
    void judgesWardenOverMcpAgainstItsOwnLatencyTargetAndCountsItsErrors() {
        String text = new Report(List.of(
                result("direct", 1, 100, 100_000, 0),
                result("warden-mcp", 1, 900, 10_000, 2),
                result("direct", 32, 2000, 150_000, 0),
                result("nginx", 32, 3000, 100_000, 0),
                result("warden-mcp", 32, 8000, 30_000, 0)),
                Optional.empty()).render();

        assertThat(text).containsPattern("Warden over MCP added median latency, 1 client +0\\.80\\d ms +<= 1\\.0 ms +PASS");
        assertThat(text).containsPattern("Warden over MCP throughput / nginx, 32 clients +30%");
        assertThat(text).containsPattern("Warden errors, all scenarios +2 +0 +FAIL");
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(0.001);
    }
}
