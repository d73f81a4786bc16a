package dev.warden.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ProcessMemoryTest {

    @Test
    void readsResidentAndPeakMemoryOfALiveProcess() throws IOException {
        ProcessMemory self = ProcessMemory.of(ProcessHandle.current().pid());

        assertThat(self.rssKb()).isPositive();
        assertThat(self.peakKb()).isGreaterThanOrEqualTo(self.rssKb());
    }

    @Test
    void parsesTheKilobyteFieldsOfProcStatus() {
        String status = "Name:\tjava\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\n";

        assertThat(ProcessMemory.field(status, "VmRSS")).hasValue(102400);
        assertThat(ProcessMemory.field(status, "VmHWM")).hasValue(204800);
        assertThat(ProcessMemory.field(status, "VmSwap")).isEmpty();
    }

    @Test
    void namesTheMissingProcess() {
        assertThatThrownBy(() -> ProcessMemory.of(Long.MAX_VALUE))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no process " + Long.MAX_VALUE);
    }
}
