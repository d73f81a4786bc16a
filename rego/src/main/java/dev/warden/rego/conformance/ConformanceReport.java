package dev.warden.rego.conformance;

import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.Json;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of a conformance run: per case, per topic, and in total.
 *
 * <pre>{@code
 * ConformanceReport report = new ConformanceRunner().run(suite);
 * System.out.print(report.table());
 * System.out.println(report.summary());   // "1534 passed, 533 failed"
 * }</pre>
 */
public record ConformanceReport(List<CaseResult> results) {

    public ConformanceReport {
        results = List.copyOf(results);
    }

    public int passed() { return (int) results.stream().filter(CaseResult::passed).count(); }

    public int failed() { return results.size() - passed(); }

    /** The final line: exactly {@code N passed, N failed}. */
    public String summary() { return passed() + " passed, " + failed() + " failed"; }

    /** Passed and failed counts per topic, sorted by topic; each value is {@code {passed, failed}}. */
    public Map<String, int[]> byTopic() {
        Map<String, int[]> topics = new TreeMap<>();
        for (CaseResult r : results) topics.computeIfAbsent(r.topic(), t -> new int[2])[r.passed() ? 0 : 1]++;
        return topics;
    }

    /** A table of topics with their passed and failed counts, one line per topic, ending with a newline. */
    public String table() {
        Map<String, int[]> topics = byTopic();
        int width = Math.max(5, topics.keySet().stream().mapToInt(String::length).max().orElse(0));
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-" + width + "s %7s %7s%n", "topic", "passed", "failed"));
        for (Map.Entry<String, int[]> e : topics.entrySet()) {
            sb.append(String.format("%-" + width + "s %7d %7d%n", e.getKey(), e.getValue()[0], e.getValue()[1]));
        }
        return sb.toString();
    }

    /** {@code {"cases": [{"note", "topic", "passed", "reason"}]}} as JSON text. */
    public String toJson() {
        List<Value> cases = new ArrayList<>();
        for (CaseResult r : results) {
            cases.add(ObjectValue.builder()
                    .put("note", StringValue.of(r.note()))
                    .put("topic", StringValue.of(r.topic()))
                    .put("passed", BooleanValue.of(r.passed()))
                    .put("reason", StringValue.of(r.reason()))
                    .build());
        }
        return Json.write(ObjectValue.builder().put("cases", ArrayValue.of(cases)).build());
    }
}
