package dev.warden.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    @Test
    void readsTheCpuTimeThisProcessHasUsedAndItGrowsWithWork() {
        ProcessCpu self = new ProcessCpu(ProcessHandle.current().pid());
        long before = self.nanos();
        long spin = System.nanoTime() + 300_000_000L;
        long sink = 0;
        while (System.nanoTime() < spin) sink += Long.numberOfTrailingZeros(sink + System.nanoTime());
        long after = self.nanos();
        assertThat(before).isPositive();
        assertThat(after - before).as("0.3 s of spinning, %d", sink).isGreaterThanOrEqualTo(100_000_000L);
    }

    @Test
    void aProcessThatIsGoneReadsAsUnknown() {
        assertThat(new ProcessCpu(Integer.MAX_VALUE).nanos()).isEqualTo(-1);
    }
}
