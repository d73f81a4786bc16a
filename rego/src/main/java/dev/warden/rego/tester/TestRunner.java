package dev.warden.rego.tester;

import dev.warden.rego.EvalOptions;
import dev.warden.rego.Rego;
import dev.warden.rego.RegoError;
import dev.warden.rego.RegoException;
import dev.warden.rego.ResultSet;
import dev.warden.rego.ast.Module;
import dev.warden.rego.ast.Rule;
import dev.warden.rego.ast.Term;
import dev.warden.rego.source.Location;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Discovers and runs tests as {@code opa test} does: every rule whose name starts with {@code test_} is a test
 * (one starting with {@code todo_test_} is skipped); a test passes when querying it yields {@code true}, fails
 * when it is undefined or another value, and errors when evaluation fails. Modules run in file-name order.
 *
 * <pre>{@code
 * PolicyFiles files = PolicyFiles.load(List.of(Path.of("policies")), null, List.of());
 * List<TestResult> results = new TestRunner(null, Duration.ofSeconds(5)).run(files.builder());
 * System.out.print(TestReport.pretty(results, false));
 * }</pre>
 */
public final class TestRunner {
    private static final String TEST_PREFIX = "test_";
    private static final String SKIP_PREFIX = "todo_test_";

    private final com.google.re2j.Pattern filter;
    private final Duration timeout;
    private StringBuilder printed = new StringBuilder();

    /**
     * @param runRegex only tests whose full name ({@code data.pkg.test_x}) matches this RE2 expression run;
     *                 null for all. Throws {@link IllegalArgumentException} when it is not a valid expression.
     */
    public TestRunner(String runRegex, Duration timeout) {
        try {
            this.filter = runRegex == null ? null : com.google.re2j.Pattern.compile(runRegex);
        } catch (com.google.re2j.PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid --run expression: " + e.getMessage());
        }
        this.timeout = timeout;
    }

    /** Builds the policy set (throws {@link RegoException} on compile errors) and runs its tests in order. */
    public List<TestResult> run(Rego.Builder builder) {
        Rego rego = builder.printTo(line -> printed.append(line).append('\n')).build();
        List<TestResult> results = new ArrayList<>();
        List<Module> modules = new ArrayList<>(rego.modules());
        modules.sort(Comparator.comparing(m -> m.source().name()));
        for (Module m : modules) {
            Set<String> seen = new LinkedHashSet<>();
            for (Rule rule : m.rules()) {
                String name = testName(rule);
                if (name == null || !seen.add(name)) continue;
                String pkg = RefText.of(m.pkg());
                if (filter != null && !filter.matcher(pkg + "." + name).find()) continue;
                results.add(runOne(rego, rule, pkg, name));
            }
        }
        return results;
    }

    private TestResult runOne(Rego rego, Rule rule, String pkg, String name) {
        Location loc = rule.location();
        if (name.startsWith(SKIP_PREFIX) || name.contains("." + SKIP_PREFIX)) {
            return new TestResult(loc, pkg, name, Duration.ZERO, TestResult.Outcome.SKIPPED, null, "");
        }
        printed = new StringBuilder();
        long t0 = System.nanoTime();
        TestResult.Outcome outcome;
        RegoException error = null;
        try {
            ResultSet rs = rego.prepare(pkg + "." + name)
                    .eval(EvalOptions.NONE.withDeadline(Instant.now().plus(timeout)));
            outcome = passes(rs) ? TestResult.Outcome.PASS : TestResult.Outcome.FAIL;
        } catch (RegoException e) {
            outcome = TestResult.Outcome.ERROR;
            error = e;
        } catch (RuntimeException | StackOverflowError e) {
            // An engine bug must not abort the whole run: report it as this test's error.
            outcome = TestResult.Outcome.ERROR;
            error = new RegoException(new RegoError("internal_error", e.toString(), loc));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        return new TestResult(loc, pkg, name, took, outcome, error, printed.toString());
    }

    /** True for {@code true}, and for an object (a partial-object test) whose every leaf is {@code true}. */
    private static boolean passes(ResultSet rs) {
        Value v = rs.firstValue();
        return v != null && allTrue(v);
    }

    private static boolean allTrue(Value v) {
        if (v instanceof BooleanValue b) return b.value();
        if (v instanceof ObjectValue o && !o.isEmpty()) {
            for (Value k : o.keys()) if (!allTrue(o.get(k))) return false;
            return true;
        }
        return false;
    }

    /**
     * The rule's name relative to its package up to the first segment named {@code test_*} or
     * {@code todo_test_*} ({@code test_x}, {@code a.test_x}), or null when the rule is no test. Functions with
     * parameters are never tests: they cannot be queried without arguments. {@code test_x()} is one, since OPA
     * treats a zero-arity function as a complete rule.
     */
    static String testName(Rule rule) {
        if (rule.head().isFunction() && !rule.head().args().isEmpty()) return null;
        Term.Ref ref = rule.head().ref();
        if (!(ref.head() instanceof Term.Var v)) return null;
        List<String> parts = new ArrayList<>();
        parts.add(v.name());
        if (isTestSegment(v.name())) return RefText.path(parts);
        for (Term t : ref.path()) {
            if (!(t instanceof Term.Scalar s && s.value() instanceof StringValue str)) return null;
            parts.add(str.value());
            if (isTestSegment(str.value())) return RefText.path(parts);
        }
        return null;
    }

    private static boolean isTestSegment(String s) { return s.startsWith(TEST_PREFIX) || s.startsWith(SKIP_PREFIX); }
}
