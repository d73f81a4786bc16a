package dev.warden.rego.builtins;

import static dev.warden.rego.builtins.Decl.ANY_ARRAY;
import static dev.warden.rego.builtins.Decl.NUMBER;
import static dev.warden.rego.builtins.Decl.fn;

import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/** {@code array.concat array.slice array.reverse array.flatten}. */
final class ArrayBuiltins {
    private ArrayBuiltins() {}

    static List<Builtin> all() {
        return List.of(
                fn("array.concat", List.of(ANY_ARRAY, ANY_ARRAY), ANY_ARRAY, (ctx, a) -> {
                    List<Value> out = new ArrayList<>(Args.array(a, 0).elements());
                    out.addAll(Args.array(a, 1).elements());
                    return ArrayValue.of(out);
                }),
                fn("array.slice", List.of(ANY_ARRAY, NUMBER, NUMBER), ANY_ARRAY, (ctx, a) -> slice(a)),
                fn("array.reverse", List.of(ANY_ARRAY), ANY_ARRAY, (ctx, a) -> {
                    List<Value> out = new ArrayList<>(Args.array(a, 0).elements());
                    java.util.Collections.reverse(out);
                    return ArrayValue.of(out);
                }),
                fn("array.flatten", List.of(ANY_ARRAY), ANY_ARRAY, (ctx, a) -> {
                    List<Value> out = new ArrayList<>();
                    for (Value v : Args.array(a, 0).elements()) {
                        if (v instanceof ArrayValue inner) out.addAll(inner.elements());
                        else out.add(v);
                    }
                    return ArrayValue.of(out);
                }));
    }

    private static Value slice(Value[] a) {
        ArrayValue arr = Args.array(a, 0);
        int from = Math.max(Args.smallInt(a, 1), 0);
        int to = Math.min(Args.smallInt(a, 2), arr.size());
        if (from >= to) return ArrayValue.EMPTY;
        return ArrayValue.of(arr.elements().subList(from, to));
    }
}
