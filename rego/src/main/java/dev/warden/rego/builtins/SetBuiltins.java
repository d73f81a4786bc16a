package dev.warden.rego.builtins;

import static dev.warden.rego.builtins.Decl.ANY;
import static dev.warden.rego.builtins.Decl.ANY_SET;
import static dev.warden.rego.builtins.Decl.BOOLEAN;
import static dev.warden.rego.builtins.Decl.fn;

import dev.warden.rego.types.Type;
import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.SetValue;
import dev.warden.rego.value.Value;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Set operators ({@code &} is {@code and}, {@code |} is {@code or}), {@code intersection}, {@code union}, and
 * the membership operator {@code in} ({@code internal.member_2} for {@code x in xs},
 * {@code internal.member_3} for {@code k, v in xs}).
 */
final class SetBuiltins {
    private SetBuiltins() {}

    static List<Builtin> all() {
        Type setOfSets = Type.set(ANY_SET);
        return List.of(
                fn("and", List.of(ANY_SET, ANY_SET), ANY_SET,
                        (ctx, a) -> Args.set(a, 0).intersection(Args.set(a, 1))),
                fn("or", List.of(ANY_SET, ANY_SET), ANY_SET, (ctx, a) -> Args.set(a, 0).union(Args.set(a, 1))),
                fn("intersection", List.of(setOfSets), ANY_SET, (ctx, a) -> intersection(a)),
                fn("union", List.of(setOfSets), ANY_SET, (ctx, a) -> union(a)),
                fn("internal.member_2", List.of(ANY, ANY), BOOLEAN, (ctx, a) -> BooleanValue.of(member(a[0], a[1]))),
                fn("internal.member_3", List.of(ANY, ANY, ANY), BOOLEAN,
                        (ctx, a) -> BooleanValue.of(member(a[0], a[1], a[2]))));
    }

    private static Value intersection(Value[] a) {
        SetValue sets = Args.set(a, 0);
        SetValue acc = null;
        for (Value v : sets.elements()) {
            if (!(v instanceof SetValue s)) throw Args.elementError(0, sets, v, "set");
            acc = acc == null ? s : acc.intersection(s);
        }
        return acc == null ? SetValue.EMPTY : acc;
    }

    private static Value union(Value[] a) {
        SetValue sets = Args.set(a, 0);
        Set<Value> all = new HashSet<>();
        for (Value v : sets.elements()) {
            if (!(v instanceof SetValue s)) throw Args.elementError(0, sets, v, "set");
            all.addAll(s.elements());
        }
        return SetValue.of(all);
    }

    static boolean member(Value x, Value xs) {
        return switch (xs) {
            case SetValue s -> s.contains(x);
            case ArrayValue arr -> arr.elements().contains(x);
            case ObjectValue o -> o.asMap().containsValue(x);
            default -> false;
        };
    }

    static boolean member(Value key, Value value, Value xs) {
        return switch (xs) {
            case ArrayValue arr -> key instanceof NumberValue n && n.isLong() && n.longValue() >= 0
                    && n.longValue() < arr.size() && arr.get((int) n.longValue()).equals(value);
            case ObjectValue o -> value.equals(o.get(key));
            case SetValue s -> key.equals(value) && s.contains(key);
            default -> false;
        };
    }
}
