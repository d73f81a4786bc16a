package dev.warden.bench.load;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What one scenario (one target at one concurrency) measured.
 *
 * @param target     {@code direct}, {@code nginx} or {@code warden}
 * @param clients    concurrent closed-loop clients
 * @param latencyNs  latencies of the successful requests of the measured period, in nanoseconds
 * @param seconds    length of the measured period
 * @param errors     failed requests over warm-up and measured period together
 * @param firstError the first failure seen, or null
 * @param aborted    true when the scenario stopped early because of too many errors
 * @param serverCpuNs CPU time the serving process (and its children) used in the measured period, or -1
 * @param upstreamCpuNs the same for the upstream behind a proxy (nginx, Warden), or -1 (also for {@code direct},
 *                    whose server is the upstream)
 * @param clientCpuNs the same for the load tool itself, whose clients share the machine, or -1
 * @param roundThroughputs the calls per second of each round merged into this result, in order (one for a single
 *                    run; null computes it)
 */
record ScenarioResult(String target, int clients, Histogram latencyNs, double seconds, long errors,
                      String firstError, boolean aborted, long serverCpuNs, long upstreamCpuNs, long clientCpuNs,
                      List<Double> roundThroughputs) {

    ScenarioResult {
        roundThroughputs = roundThroughputs != null ? List.copyOf(roundThroughputs)
                : List.of(seconds <= 0 ? 0 : latencyNs.getTotalCount() / seconds);
    }

    ScenarioResult(String target, int clients, Histogram latencyNs, double seconds, long errors, String firstError,
                   boolean aborted, long serverCpuNs, long upstreamCpuNs, long clientCpuNs) {
        this(target, clients, latencyNs, seconds, errors, firstError, aborted, serverCpuNs, upstreamCpuNs, clientCpuNs,
                null);
    }

    ScenarioResult(String target, int clients, Histogram latencyNs, double seconds, long errors, String firstError,
                   boolean aborted) {
        this(target, clients, latencyNs, seconds, errors, firstError, aborted, -1, -1, -1);
    }

    /**
     * This scenario's measurements together with another run of the same scenario (a later round): latencies,
     * measured time, errors and CPU times add up; a CPU time is unknown when either round lacks it. Each round's
     * throughput is kept.
     */
    ScenarioResult plus(ScenarioResult other) {
        Histogram merged = latencyNs.copy();
        merged.add(other.latencyNs);
        return new ScenarioResult(target, clients, merged, seconds + other.seconds, errors + other.errors,
                firstError != null ? firstError : other.firstError, aborted || other.aborted,
                sum(serverCpuNs, other.serverCpuNs), sum(upstreamCpuNs, other.upstreamCpuNs),
                sum(clientCpuNs, other.clientCpuNs),
                java.util.stream.Stream.concat(roundThroughputs.stream(), other.roundThroughputs.stream()).toList());
    }

    private static long sum(long a, long b) { return a < 0 || b < 0 ? -1 : a + b; }

    /** The serving process's CPU time per successful call, in microseconds, or NaN when not measured. */
    double serverCpuMicrosPerCall() { return perCall(serverCpuNs); }

    /** The upstream's CPU time per call when it sits behind the target, or NaN. */
    double upstreamCpuMicrosPerCall() { return perCall(upstreamCpuNs); }

    /** The load tool's own CPU time per call, or NaN. */
    double clientCpuMicrosPerCall() { return perCall(clientCpuNs); }

    private double perCall(long cpuNs) {
        return cpuNs < 0 || completed() == 0 ? Double.NaN : cpuNs / 1e3 / completed();
    }

    long completed() { return latencyNs.getTotalCount(); }

    double throughput() { return seconds <= 0 ? 0 : completed() / seconds; }

    double p50Millis() { return percentileMillis(50); }

    double p99Millis() { return percentileMillis(99); }

    double percentileMillis(double percentile) {
        return completed() == 0 ? Double.NaN : latencyNs.getValueAtPercentile(percentile) / 1e6;
    }
}
