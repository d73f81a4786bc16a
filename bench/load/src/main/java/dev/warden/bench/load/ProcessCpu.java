package dev.warden.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used so far by a process and its direct children (nginx's workers), from {@code /proc} (Linux), in
 * nanoseconds. Read at the start and the end of a measured period, it gives the server's CPU time per call: a
 * figure that, unlike latency and throughput, hardly moves when other work shares the machine.
 *
 * <pre>{@code
 * ProcessCpu warden = new ProcessCpu(pid);
 * long before = warden.nanos();  ...  long used = warden.nanos() - before;
 * }</pre>
 */
record ProcessCpu(long pid) {
    /** Linux reports CPU time in clock ticks of 1/100 s on every common architecture ({@code getconf CLK_TCK}). */
    private static final long NANOS_PER_TICK = 10_000_000L;

    /** User plus system time of the process and its children, or -1 when the process is gone. */
    long nanos() {
        try {
            long ticks = ticks(pid);
            Path children = Path.of("/proc", Long.toString(pid), "task", Long.toString(pid), "children");
            if (Files.isReadable(children)) {
                for (String child : Files.readString(children).trim().split("\\s+")) {
                    if (!child.isEmpty()) ticks += Math.max(0, ticks(Long.parseLong(child)));
                }
            }
            return ticks * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long ticks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime and stime, fields 14 and 15
    }
}
