package dev.warden.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Resident memory of another process, from {@code /proc/<pid>/status} (Linux).
 *
 * @param rssKb  current resident set size ({@code VmRSS})
 * @param peakKb peak resident set size since the process started ({@code VmHWM})
 */
record ProcessMemory(long rssKb, long peakKb) {

    /** Reads the figures of {@code pid}; fails with a clear message when the process is gone. */
    static ProcessMemory of(long pid) throws IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.isReadable(status)) {
            throw new IOException("no process " + pid + " (cannot read " + status + ")");
        }
        String text = Files.readString(status);
        return new ProcessMemory(field(text, "VmRSS").orElse(-1), field(text, "VmHWM").orElse(-1));
    }

    static OptionalLong field(String statusText, String name) {
        for (String line : statusText.split("\n")) {
            if (line.startsWith(name + ":")) {
                String[] parts = line.substring(name.length() + 1).trim().split("\\s+");
                return OptionalLong.of(Long.parseLong(parts[0]));
            }
        }
        return OptionalLong.empty();
    }

    double rssMb() { return rssKb / 1024.0; }

    double peakMb() { return peakKb / 1024.0; }
}
