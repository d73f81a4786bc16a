package dev.warden.bench.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns the scenario results into the printed report: a Markdown table of the figures, then the ratios the
 * performance targets are stated in, each with its target and a verdict. Ratios are computed within one run
 * only, because absolute figures on a shared 2-core machine move from run to run while ratios hold.
 *
 * <pre>{@code
 * System.out.print(new Report(results, Optional.of(memory)).render());
 * }</pre>
 */
final class Report {

    /** Warden may add at most this much median latency with one client. */
    static final double MAX_ADDED_MEDIAN_MS = 0.5;
    /** At the highest concurrency Warden must keep at least this fraction of nginx's throughput. */
    static final double MIN_THROUGHPUT_VS_NGINX = 0.5;
    /** Over its MCP endpoint, Warden may add at most this much median latency with one client. */
    static final double MAX_MCP_ADDED_MEDIAN_MS = 1.0;
    /** Warden's resident memory must stay within this. */
    static final double MAX_RSS_MB = 512;

    private final List<ScenarioResult> results;
    private final Optional<ProcessMemory> wardenMemory;

    Report(List<ScenarioResult> results, Optional<ProcessMemory> wardenMemory) {
        this.results = List.copyOf(results);
        this.wardenMemory = wardenMemory;
    }

    String render() {
        StringBuilder out = new StringBuilder();
        out.append("| target | clients | p50 ms | p99 ms | req/s | errors | server CPU µs/call "
                + "| upstream CPU µs/call | load tool CPU µs/call |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        results.stream()
                .sorted(Comparator.comparingInt(ScenarioResult::clients))
                .forEach(r -> out.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %d%s | %s | %s | %s |%n",
                        r.target(), r.clients(), ms(r.p50Millis()), ms(r.p99Millis()),
                        String.format(Locale.ROOT, "%.0f", r.throughput()), r.errors(),
                        r.aborted() ? " (stopped early)" : "", micros(r.serverCpuMicrosPerCall()),
                        micros(r.upstreamCpuMicrosPerCall()), micros(r.clientCpuMicrosPerCall()))));
        out.append('\n');
        List<String[]> rows = ratioRows();
        out.append(String.format(Locale.ROOT, "%-50s %-18s %-12s %s%n", "ratio", "measured", "target", "verdict"));
        for (String[] row : rows) {
            out.append(String.format(Locale.ROOT, "%-50s %-18s %-12s %s%n", (Object[]) row));
        }
        results.stream().filter(r -> r.firstError() != null).forEach(r -> out.append(String.format(Locale.ROOT,
                "first error, %s at %d clients: %s%n", r.target(), r.clients(), r.firstError())));
        return out.toString();
    }

    private List<String[]> ratioRows() {
        List<String[]> rows = new ArrayList<>();
        int low = results.stream().mapToInt(ScenarioResult::clients).min().orElse(1);
        int high = results.stream().mapToInt(ScenarioResult::clients).max().orElse(1);

        Optional<Double> nginxAdded = addedMedian("nginx", low);
        Optional<Double> wardenAdded = addedMedian("warden", low);
        rows.add(row("nginx added median latency, " + clients(low), nginxAdded.map(Report::ms).map(v -> v + " ms"),
                "", Optional.empty()));
        // The latency target is stated for one client; at other concurrencies the figure is shown unjudged.
        rows.add(row("Warden added median latency, " + clients(low), wardenAdded.map(Report::ms).map(v -> v + " ms"),
                low == 1 ? "<= " + MAX_ADDED_MEDIAN_MS + " ms" : "", wardenAdded.map(v -> v <= MAX_ADDED_MEDIAN_MS)));
        rows.add(row("Warden added latency minus nginx's, " + clients(low),
                wardenAdded.flatMap(w -> nginxAdded.map(n -> ms(w - n) + " ms")), "", Optional.empty()));
        // A ratio to a few microseconds (or to noise below zero) says nothing, so it needs a real nginx cost.
        rows.add(row("Warden added latency / nginx added latency", ratio(wardenAdded,
                nginxAdded.filter(n -> n >= 0.01)).map(v -> String.format(Locale.ROOT, "%.1fx", v)), "",
                Optional.empty()));
        if (high != low) {
            rows.add(row("nginx added median latency, " + clients(high),
                    addedMedian("nginx", high).map(Report::ms).map(v -> v + " ms"), "", Optional.empty()));
            rows.add(row("Warden added median latency, " + clients(high),
                    addedMedian("warden", high).map(Report::ms).map(v -> v + " ms"), "", Optional.empty()));
        }

        Optional<Double> direct = throughput("direct", high);
        Optional<Double> nginx = throughput("nginx", high);
        Optional<Double> warden = throughput("warden", high);
        rows.add(row("nginx throughput / direct, " + clients(high), ratio(nginx, direct).map(Report::percent),
                "", Optional.empty()));
        if (results.stream().anyMatch(r -> r.target().equals("sdk-client"))) {
            // What the MCP SDK's client costs by itself: Warden calls its upstreams through it.
            rows.add(row("MCP SDK client added median latency, " + clients(low),
                    addedMedian("sdk-client", low).map(Report::ms).map(v -> v + " ms"), "", Optional.empty()));
            rows.add(row("MCP SDK client throughput / direct, " + clients(high),
                    ratio(throughput("sdk-client", high), direct).map(Report::percent), "", Optional.empty()));
        }
        rows.add(row("Warden throughput / direct, " + clients(high), ratio(warden, direct).map(Report::percent),
                "", Optional.empty()));
        Optional<Double> wardenVsNginx = ratio(warden, nginx);
        // One decimal: a whole-number percentage would print 49.6 % as a failing "50%".
        rows.add(row("Warden throughput / nginx, " + clients(high), wardenVsNginx.map(Report::percentTenths),
                ">= " + percent(MIN_THROUGHPUT_VS_NGINX), wardenVsNginx.map(v -> v >= MIN_THROUGHPUT_VS_NGINX)));
        roundRatios("warden", "nginx", high).ifPresent(each -> rows.add(row("  the same, round by round", Optional.of(each),
                "", Optional.empty())));

        if (results.stream().anyMatch(r -> r.target().equals("warden-mcp"))) {
            Optional<Double> mcpAdded = addedMedian("warden-mcp", low);
            rows.add(row("Warden over MCP added median latency, " + clients(low),
                    mcpAdded.map(Report::ms).map(v -> v + " ms"), low == 1 ? "<= " + MAX_MCP_ADDED_MEDIAN_MS + " ms" : "",
                    mcpAdded.map(v -> v <= MAX_MCP_ADDED_MEDIAN_MS)));
            rows.add(row("Warden over MCP throughput / nginx, " + clients(high),
                    ratio(throughput("warden-mcp", high), nginx).map(Report::percent), "", Optional.empty()));
        }

        // CPU time per call hardly moves with other load on the machine, unlike latency and throughput: the
        // upstream's own cost per call (direct) is the yardstick.
        Optional<Double> upstreamCpu = cpuPerCall("direct", high);
        for (String t : List.of("nginx", "warden", "warden-mcp")) {
            Optional<Double> cpu = cpuPerCall(t, high);
            if (cpu.isPresent()) {
                rows.add(row(t + " CPU per call / upstream's, " + clients(high), ratio(cpu, upstreamCpu)
                        .map(v -> String.format(Locale.ROOT, "%.1fx", v)), "", Optional.empty()));
            }
        }

        // Whether the measured processes used the whole machine: at the high concurrency the cores should be the limit,
        // so a target's throughput follows the CPU time all three processes spend per call.
        int cores = Runtime.getRuntime().availableProcessors();
        for (String t : List.of("direct", "nginx", "warden", "warden-mcp")) {
            find(t, high).flatMap(Report::coresBusy).ifPresent(busy -> rows.add(row(
                    "cores busy, all processes, " + t + ", " + clients(high),
                    Optional.of(String.format(Locale.ROOT, "%.2f of %d", busy, cores)), "", Optional.empty())));
        }

        List<ScenarioResult> wardenRuns = results.stream().filter(r -> r.target().startsWith("warden")).toList();
        Optional<Long> wardenErrors = wardenRuns.isEmpty() ? Optional.empty()
                : Optional.of(wardenRuns.stream().mapToLong(ScenarioResult::errors).sum());
        rows.add(row("Warden errors, all scenarios", wardenErrors.map(String::valueOf), "0",
                wardenErrors.map(e -> e == 0)));
        rows.add(row("Warden RSS at end / peak (VmRSS / VmHWM)", wardenMemory.map(m -> String.format(Locale.ROOT,
                "%.0f / %.0f MB", m.rssMb(), m.peakMb())), "<= " + (int) MAX_RSS_MB + " MB",
                wardenMemory.map(m -> m.peakMb() <= MAX_RSS_MB)));
        return rows;
    }

    private Optional<ScenarioResult> find(String target, int clients) {
        return results.stream().filter(r -> r.target().equals(target) && r.clients() == clients && r.completed() > 0)
                .findFirst();
    }

    /** Median latency of {@code target} minus that of calling the upstream directly, same concurrency. */
    Optional<Double> addedMedian(String target, int clients) {
        Optional<ScenarioResult> direct = find("direct", clients);
        return find(target, clients).flatMap(t -> direct.map(d -> t.p50Millis() - d.p50Millis()));
    }

    private Optional<Double> throughput(String target, int clients) {
        return find(target, clients).map(ScenarioResult::throughput);
    }

    /**
     * {@code numerator}'s throughput over {@code denominator}'s in each round, e.g. {@code 48.0, 51.3, 50.0%}: rounds
     * take turns, so round i of each was measured minutes apart at most. Empty for a single round.
     */
    Optional<String> roundRatios(String numerator, String denominator, int clients) {
        return find(numerator, clients).flatMap(n -> find(denominator, clients).flatMap(d -> {
            List<Double> ns = n.roundThroughputs();
            List<Double> ds = d.roundThroughputs();
            if (ns.size() < 2 || ns.size() != ds.size() || ds.contains(0.0)) return Optional.empty();
            List<String> each = new ArrayList<>();
            for (int i = 0; i < ns.size(); i++) {
                each.add(String.format(Locale.ROOT, "%.1f", 100 * ns.get(i) / ds.get(i)));
            }
            return Optional.of(String.join(", ", each) + "%");
        }));
    }

    private Optional<Double> cpuPerCall(String target, int clients) {
        return find(target, clients).map(ScenarioResult::serverCpuMicrosPerCall).filter(v -> !v.isNaN());
    }

    private static Optional<Double> ratio(Optional<Double> numerator, Optional<Double> denominator) {
        return numerator.flatMap(n -> denominator.filter(d -> d != 0).map(d -> n / d));
    }

    private static String[] row(String name, Optional<String> value, String target, Optional<Boolean> met) {
        String verdict = target.isEmpty() ? "" : met.map(ok -> ok ? "PASS" : "FAIL").orElse("n/a");
        return new String[] {name, value.orElse("n/a"), target, verdict};
    }

    private static String clients(int n) { return n == 1 ? "1 client" : n + " clients"; }

    private static String ms(double millis) {
        return Double.isNaN(millis) ? "n/a" : String.format(Locale.ROOT, "%.3f", millis);
    }

    /** Cores kept busy by the measured processes over the measured period, when every one of them was measured. */
    static Optional<Double> coresBusy(ScenarioResult r) {
        boolean direct = r.target().equals("direct");
        if (r.serverCpuNs() < 0 || r.clientCpuNs() < 0 || (!direct && r.upstreamCpuNs() < 0) || r.seconds() <= 0) {
            return Optional.empty();
        }
        long total = r.serverCpuNs() + r.clientCpuNs() + (direct ? 0 : r.upstreamCpuNs());
        return Optional.of(total / 1e9 / r.seconds());
    }

    private static String micros(double micros) {
        return Double.isNaN(micros) ? "n/a" : String.format(Locale.ROOT, "%.0f", micros);
    }

    private static String percent(double fraction) { return String.format(Locale.ROOT, "%.0f%%", fraction * 100); }

    private static String percentTenths(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }
}
