package dev.warden.rego.tester;

import dev.warden.rego.RegoException;
import dev.warden.rego.source.Location;
import java.time.Duration;

/**
 * The outcome of one {@code test_*} rule.
 *
 * @param pkg      the package as OPA prints it, e.g. {@code data.mcp.gateway_test}
 * @param name     the rule's name within the package, e.g. {@code test_admin_may_query}
 * @param error    the evaluation error when the outcome is {@link Outcome#ERROR}, else null
 * @param output   what the test printed with {@code print}
 */
public record TestResult(Location location, String pkg, String name, Duration duration, Outcome outcome,
                         RegoException error, String output) {

    public enum Outcome { PASS, FAIL, ERROR, SKIPPED }

    /** {@code data.pkg.test_x}: the full name that {@code --run} matches. */
    public String fullName() { return pkg + "." + name; }

    public boolean passed() { return outcome == Outcome.PASS; }
}
