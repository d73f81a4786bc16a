package dev.warden.bench.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code decisions} report: the figures of each scenario, then, per concurrency, each target against the
 * embedded baseline of the same run, and what the decision cache saves in sark mode.
 *
 * <pre>{@code
 * System.out.print(new DecisionReport(results).render());
 * }</pre>
 */
final class DecisionReport {
    static final String BASELINE = "embedded";

    private final List<ScenarioResult> results;

    DecisionReport(List<ScenarioResult> results) { this.results = List.copyOf(results); }

    String render() {
        StringBuilder out = new StringBuilder();
        out.append("| target | clients | p50 ms | p99 ms | req/s | errors |\n|---|---:|---:|---:|---:|---:|\n");
        results.stream().sorted(Comparator.comparingInt(ScenarioResult::clients)).forEach(r ->
                out.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %.0f | %d%s |%n", r.target(), r.clients(),
                        ms(r.p50Millis()), ms(r.p99Millis()), r.throughput(), r.errors(),
                        r.aborted() ? " (stopped early)" : "")));
        out.append('\n');
        List<String[]> rows = new ArrayList<>();
        for (int n : results.stream().map(ScenarioResult::clients).distinct().sorted().toList()) {
            String at = n == 1 ? "1 client" : n + " clients";
            for (String target : List.of("sark-uncached", "sark-cached", "sark-authorize")) {
                Optional<ScenarioResult> t = find(target, n);
                Optional<ScenarioResult> base = find(BASELINE, n);
                if (t.isEmpty() || base.isEmpty()) continue;
                rows.add(row(target + " p50 / embedded p50, " + at,
                        String.format(Locale.ROOT, "%.2fx (%+.3f ms)", t.get().p50Millis() / base.get().p50Millis(),
                                t.get().p50Millis() - base.get().p50Millis())));
                rows.add(row(target + " throughput / embedded, " + at,
                        percent(t.get().throughput() / base.get().throughput())));
            }
            Optional<ScenarioResult> cached = find("sark-cached", n);
            Optional<ScenarioResult> uncached = find("sark-uncached", n);
            if (cached.isPresent() && uncached.isPresent()) {
                rows.add(row("cache saves at p50 (uncached - cached), " + at, String.format(Locale.ROOT, "%.3f ms",
                        uncached.get().p50Millis() - cached.get().p50Millis())));
                rows.add(row("throughput cached / uncached, " + at, String.format(Locale.ROOT, "%.2fx",
                        cached.get().throughput() / uncached.get().throughput())));
            }
        }
        out.append(String.format(Locale.ROOT, "%-58s %s%n", "ratio", "measured"));
        rows.forEach(r -> out.append(String.format(Locale.ROOT, "%-58s %s%n", (Object[]) r)));
        long errors = results.stream().mapToLong(ScenarioResult::errors).sum();
        out.append(String.format(Locale.ROOT, "%-58s %d%n", "errors, all scenarios", errors));
        results.stream().filter(r -> r.firstError() != null).forEach(r -> out.append(String.format(Locale.ROOT,
                "first error, %s at %d clients: %s%n", r.target(), r.clients(), r.firstError())));
        return out.toString();
    }

    private Optional<ScenarioResult> find(String target, int clients) {
        return results.stream().filter(r -> r.target().equals(target) && r.clients() == clients && r.completed() > 0)
                .findFirst();
    }

    private static String[] row(String name, String value) { return new String[] {name, value}; }

    private static String ms(double millis) {
        return Double.isNaN(millis) ? "n/a" : String.format(Locale.ROOT, "%.3f", millis);
    }

    private static String percent(double fraction) { return String.format(Locale.ROOT, "%.0f%%", fraction * 100); }
}
