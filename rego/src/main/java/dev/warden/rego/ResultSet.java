package dev.warden.rego;

import dev.warden.rego.source.Location;
import dev.warden.rego.value.Value;
import java.util.List;
import java.util.Map;

/**
 * The outcome of evaluating a query, as OPA gives it: one row per solution, each with the value of every
 * expression of the query and the bindings of its variables. No rows means undefined.
 *
 * <pre>{@code
 * ResultSet rs = query.eval(EvalOptions.input(input));
 * boolean allowed = rs.isTrue(); // one row whose expressions are all true
 * }</pre>
 */
public record ResultSet(List<Result> results) {
    public ResultSet {
        results = List.copyOf(results);
    }

    public boolean isUndefined() { return results.isEmpty(); }

    /** True when there is exactly one row and every expression's value is boolean true. */
    public boolean isTrue() {
        if (results.size() != 1) return false;
        for (ExpressionValue e : results.get(0).expressions()) {
            if (!(e.value() instanceof dev.warden.rego.value.BooleanValue b) || !b.value()) return false;
        }
        return true;
    }

    /** The value of the first expression of the first row, or null when undefined. */
    public Value firstValue() {
        return results.isEmpty() || results.get(0).expressions().isEmpty()
                ? null : results.get(0).expressions().get(0).value();
    }

    /** One solution: expression values in query order, and variable bindings (generated vars excluded). */
    public record Result(List<ExpressionValue> expressions, Map<String, Value> bindings) {
        public Result {
            expressions = List.copyOf(expressions);
            bindings = Map.copyOf(bindings);
        }
    }

    /** An expression's value with its source text and location, as in {@code opa eval} output. */
    public record ExpressionValue(Value value, String text, Location location) {}
}
