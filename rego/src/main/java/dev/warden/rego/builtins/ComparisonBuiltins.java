package dev.warden.rego.builtins;

import static dev.warden.rego.builtins.Decl.ANY;
import static dev.warden.rego.builtins.Decl.BOOLEAN;
import static dev.warden.rego.builtins.Decl.fn;

import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.Value;
import dev.warden.rego.value.Values;
import java.util.List;
import java.util.function.IntPredicate;

/** {@code == != < <= > >=}: defined over all values, using OPA's total order across types. */
final class ComparisonBuiltins {
    private ComparisonBuiltins() {}

    static List<Builtin> all() {
        return List.of(
                fn("equal", List.of(ANY, ANY), BOOLEAN, (ctx, a) -> BooleanValue.of(a[0].equals(a[1]))),
                fn("neq", List.of(ANY, ANY), BOOLEAN, (ctx, a) -> BooleanValue.of(!a[0].equals(a[1]))),
                ordered("lt", c -> c < 0),
                ordered("lte", c -> c <= 0),
                ordered("gt", c -> c > 0),
                ordered("gte", c -> c >= 0));
    }

    private static Builtin ordered(String name, IntPredicate test) {
        return fn(name, List.of(ANY, ANY), BOOLEAN, (ctx, a) -> BooleanValue.of(test.test(compare(a[0], a[1]))));
    }

    private static int compare(Value a, Value b) {
        // Equal values compare as 0 even when their representations differ (1 and 1.0).
        return a.equals(b) ? 0 : Values.compare(a, b);
    }
}
