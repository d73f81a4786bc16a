package dev.warden.rego.tester;

import dev.warden.rego.RegoError;
import dev.warden.rego.RegoException;
import dev.warden.rego.source.Location;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test results printed as {@code opa test} prints them: the pretty form (failing tests, or all with verbose, then
 * a rule and the {@code PASS: n/m} summary) or the JSON form ({@code --format json}).
 *
 * <pre>{@code
 * System.out.print(TestReport.pretty(results, verbose));
 * int exit = TestReport.allPassed(results) ? 0 : 1;
 * }</pre>
 */
public final class TestReport {
    private static final String RULE = "-".repeat(80);

    private TestReport() {}

    /** True when no test failed or errored (skipped tests do not count against). */
    public static boolean allPassed(List<TestResult> results) {
        return results.stream().noneMatch(r -> r.outcome() == TestResult.Outcome.FAIL
                || r.outcome() == TestResult.Outcome.ERROR);
    }

    public static String pretty(List<TestResult> results, boolean verbose) {
        StringBuilder sb = new StringBuilder();
        boolean dirty = false;
        String lastFile = null;
        int pass = 0, fail = 0, skip = 0, errs = 0;
        List<TestResult> failures = new ArrayList<>();
        for (TestResult r : results) {
            switch (r.outcome()) {
                case PASS -> pass++;
                case FAIL -> { fail++; failures.add(r); }
                case ERROR -> errs++;
                case SKIPPED -> skip++;
            }
            if (verbose || !r.passed()) {
                String file = r.location().file();
                if (lastFile != null && !lastFile.equals(file)) sb.append('\n');
                sb.append(file).append(':').append(r.location().line()).append(":\n");
                lastFile = file;
                dirty = true;
                sb.append(line(r)).append('\n');
                if (!r.output().isEmpty()) sb.append('\n').append(indent(r.output().strip())).append("\n\n");
            }
            if (r.error() != null) sb.append("  ").append(errorText(r.error())).append('\n');
        }
        if (fail > 0 && verbose) {
            sb.append(RULE).append("\nFAILURES\n").append(RULE).append('\n');
            for (TestResult f : failures) sb.append(line(f)).append("\n\n");
        }
        if (dirty) sb.append(RULE).append('\n');
        int total = pass + fail + skip + errs;
        if (pass != 0) sb.append("PASS: ").append(pass).append('/').append(total).append('\n');
        if (fail != 0) sb.append("FAIL: ").append(fail).append('/').append(total).append('\n');
        if (skip != 0) sb.append("SKIPPED: ").append(skip).append('/').append(total).append('\n');
        if (errs != 0) sb.append("ERROR: ").append(errs).append('/').append(total).append('\n');
        return sb.toString();
    }

    /** {@code data.pkg.test_x: PASS (1.2ms)}; skipped tests carry no duration. */
    private static String line(TestResult r) {
        String head = r.fullName() + ": " + (r.outcome() == TestResult.Outcome.SKIPPED ? "SKIPPED" : r.outcome().name());
        return r.outcome() == TestResult.Outcome.SKIPPED ? head : head + " (" + GoDuration.format(r.duration()) + ")";
    }

    private static String indent(String text) {
        return "  " + text.replace("\n", "\n  ");
    }

    /** An error as OPA prints it: {@code file:line: code: message}, several joined on new lines. */
    public static String errorText(RegoException e) {
        List<String> parts = new ArrayList<>();
        for (RegoError err : e.errors()) {
            Location loc = err.location();
            String where = loc != null && loc.line() > 0 ? loc.file() + ":" + loc.line() + ": " : "";
            parts.add(where + err.code() + ": " + err.message());
        }
        if (parts.isEmpty()) return e.getMessage();
        return parts.size() == 1 ? parts.get(0) : parts.size() + " errors occurred:\n" + String.join("\n", parts);
    }

    /** The JSON array {@code opa test --format json} prints. */
    public static String json(List<TestResult> results) {
        List<Object> out = new ArrayList<>();
        for (TestResult r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (r.error() != null) m.put("error", errorJson(r.error()));
            m.put("location", locationJson(r.location()));
            m.put("package", r.pkg());
            m.put("name", r.name());
            if (!r.output().isEmpty()) {
                // Go writes a []byte field as base64.
                m.put("output", Base64.getEncoder().encodeToString(r.output().getBytes(StandardCharsets.UTF_8)));
            }
            m.put("duration", r.duration().toNanos());
            if (r.outcome() == TestResult.Outcome.FAIL) m.put("fail", true);
            if (r.outcome() == TestResult.Outcome.SKIPPED) m.put("skip", true);
            out.add(m);
        }
        return IndentedJson.write(out) + "\n";
    }

    static Map<String, Object> errorJson(RegoException e) {
        RegoError first = e.errors().isEmpty() ? new RegoError("", e.getMessage(), null) : e.errors().get(0);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", first.code());
        m.put("message", first.message());
        if (first.location() != null && first.location().line() > 0) m.put("location", locationJson(first.location()));
        return m;
    }

    static Map<String, Object> locationJson(Location loc) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", loc.file());
        m.put("row", loc.line());
        m.put("col", loc.column());
        return m;
    }
}
