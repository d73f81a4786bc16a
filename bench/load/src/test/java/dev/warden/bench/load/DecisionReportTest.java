package dev.warden.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class DecisionReportTest {

    /** A result whose every request took {@code micros} and that completed {@code count} in 10 s. */
    private static ScenarioResult result(String target, int clients, long micros, int count) {
        Histogram h = new Histogram(3);
        h.recordValueWithCount(micros * 1000, count);
        return new ScenarioResult(target, clients, h, 10, 0, null, false);
    }

    @Test
    void comparesEachTargetWithTheEmbeddedBaselineAndShowsWhatTheCacheSaves() {
        String text = new DecisionReport(List.of(
                result("embedded", 1, 2000, 5000),
                result("sark-uncached", 1, 5000, 2000),
                result("sark-cached", 1, 2500, 4000),
                result("sark-authorize", 1, 1500, 6600))).render();

        // HdrHistogram keeps 3 significant digits, so 2.5 ms may read back as 2.501 ms.
        assertThat(text).containsPattern("\\| sark-cached \\| 1 \\| 2\\.50\\d \\| 2\\.50\\d \\| 400 \\| 0 \\|");
        assertThat(text).containsPattern("sark-uncached p50 / embedded p50, 1 client +2\\.50x \\(\\+3\\.000 ms\\)");
        assertThat(text).containsPattern("sark-cached p50 / embedded p50, 1 client +1\\.25x \\(\\+0\\.500 ms\\)");
        assertThat(text).containsPattern("sark-authorize throughput / embedded, 1 client +132%");
        assertThat(text).containsPattern("cache saves at p50 \\(uncached - cached\\), 1 client +2\\.50\\d ms");
        assertThat(text).containsPattern("throughput cached / uncached, 1 client +2\\.00x");
        assertThat(text).containsPattern("errors, all scenarios +0");
    }

    @Test
    void leavesOutRatiosWhoseScenariosAreMissing() {
        String text = new DecisionReport(List.of(result("embedded", 1, 2000, 5000),
                result("sark-cached", 1, 2500, 4000))).render();
        assertThat(text).doesNotContain("sark-uncached").doesNotContain("cache saves");
    }

}
