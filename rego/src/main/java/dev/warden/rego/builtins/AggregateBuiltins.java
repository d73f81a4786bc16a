package dev.warden.rego.builtins;

import static dev.warden.rego.builtins.Decl.ANY;
import static dev.warden.rego.builtins.Decl.ANY_ARRAY;
import static dev.warden.rego.builtins.Decl.ANY_COLLECTION;
import static dev.warden.rego.builtins.Decl.ANY_OBJECT;
import static dev.warden.rego.builtins.Decl.ANY_SET;
import static dev.warden.rego.builtins.Decl.NUMBER;
import static dev.warden.rego.builtins.Decl.NUMBER_COLLECTION;
import static dev.warden.rego.builtins.Decl.STRING;
import static dev.warden.rego.builtins.Decl.fn;

import dev.warden.rego.types.Type;
import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.SetValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import dev.warden.rego.value.Values;
import java.util.List;
import java.util.function.BinaryOperator;

/** {@code count sum product max min sort}. */
final class AggregateBuiltins {
    private AggregateBuiltins() {}

    static List<Builtin> all() {
        return List.of(
                fn("count", List.of(Type.anyOf(STRING, ANY_ARRAY, ANY_OBJECT, ANY_SET)), NUMBER,
                        (ctx, a) -> count(a)),
                fn("sum", List.of(NUMBER_COLLECTION), NUMBER, (ctx, a) -> fold(a, NumberValue.ZERO, Arith::plus)),
                fn("product", List.of(NUMBER_COLLECTION), NUMBER, (ctx, a) -> fold(a, NumberValue.ONE, Arith::times)),
                fn("max", List.of(ANY_COLLECTION), ANY, (ctx, a) -> extreme(a, 1)),
                fn("min", List.of(ANY_COLLECTION), ANY, (ctx, a) -> extreme(a, -1)),
                fn("sort", List.of(ANY_COLLECTION), ANY_ARRAY, (ctx, a) -> sort(a)));
    }

    private static Value count(Value[] a) {
        return switch (a[0]) {
            case StringValue s -> NumberValue.of(s.value().codePointCount(0, s.value().length()));
            case ArrayValue x -> NumberValue.of(x.size());
            case ObjectValue x -> NumberValue.of(x.size());
            case SetValue x -> NumberValue.of(x.size());
            default -> throw Args.typeError(0, a[0], "array", "object", "set", "string");
        };
    }

    private static Value fold(Value[] a, NumberValue start, BinaryOperator<NumberValue> op) {
        NumberValue acc = start;
        for (Value v : setOrArray(a)) {
            if (!(v instanceof NumberValue n)) throw Args.elementError(0, a[0], v, "number");
            acc = op.apply(acc, n);
        }
        return acc;
    }

    private static Value extreme(Value[] a, int sign) {
        Value best = null;
        for (Value v : setOrArray(a)) {
            if (best == null || Integer.signum(Values.compare(v, best)) == sign) best = v;
        }
        return best;
    }

    private static Value sort(Value[] a) {
        return switch (a[0]) {
            case SetValue s -> ArrayValue.of(s.elements());
            case ArrayValue x -> {
                Value[] copy = x.elements().toArray(new Value[0]);
                java.util.Arrays.sort(copy, Values::compare);
                yield ArrayValue.wrap(copy);
            }
            default -> throw Args.typeError(0, a[0], "set", "array");
        };
    }

    private static List<Value> setOrArray(Value[] a) {
        return switch (a[0]) {
            case SetValue s -> s.elements();
            case ArrayValue x -> x.elements();
            default -> throw Args.typeError(0, a[0], "set", "array");
        };
    }
}
