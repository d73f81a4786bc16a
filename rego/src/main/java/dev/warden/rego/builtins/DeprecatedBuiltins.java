package dev.warden.rego.builtins;

import static dev.warden.rego.builtins.Decl.ANY;
import static dev.warden.rego.builtins.Decl.ANY_ARRAY;
import static dev.warden.rego.builtins.Decl.ANY_COLLECTION;
import static dev.warden.rego.builtins.Decl.ANY_OBJECT;
import static dev.warden.rego.builtins.Decl.ANY_SET;
import static dev.warden.rego.builtins.Decl.BOOLEAN;
import static dev.warden.rego.builtins.Decl.NULL;
import static dev.warden.rego.builtins.Decl.STRING;
import static dev.warden.rego.builtins.Decl.fn;

import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.NullValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.SetValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.util.List;

/**
 * Builtins OPA deprecated and removed from Rego v1 but which v0 policies still call: {@code any}, {@code all},
 * {@code re_match}, {@code set_diff}, {@code net.cidr_overlap} and the {@code cast_*} family. They are only in
 * {@link BuiltinRegistry#v0Compatible()}, never in the standard (v1) registry.
 */
final class DeprecatedBuiltins {
    private DeprecatedBuiltins() {}

    static List<Builtin> all() {
        BuiltinRegistry std = BuiltinRegistry.standard();
        return List.of(
                fn("any", List.of(ANY_COLLECTION), BOOLEAN, (ctx, a) -> BooleanValue.of(Args.collection(a, 0).contains(BooleanValue.TRUE))),
                fn("all", List.of(ANY_COLLECTION), BOOLEAN,
                        (ctx, a) -> BooleanValue.of(Args.collection(a, 0).stream().allMatch(BooleanValue.TRUE::equals))),
                alias("re_match", std.get("regex.match")),
                fn("set_diff", List.of(ANY_SET, ANY_SET), ANY_SET, (ctx, a) -> Args.set(a, 0).difference(Args.set(a, 1))),
                alias("net.cidr_overlap", std.get("net.cidr_contains")),
                fn("cast_array", List.of(ANY), ANY_ARRAY, (ctx, a) -> switch (a[0]) {
                    case ArrayValue arr -> arr;
                    case SetValue s -> ArrayValue.of(s.elements());
                    default -> throw Args.typeError(0, a[0], "array", "set");
                }),
                fn("cast_set", List.of(ANY), ANY_SET, (ctx, a) -> switch (a[0]) {
                    case ArrayValue arr -> SetValue.of(arr.elements());
                    case SetValue s -> s;
                    default -> throw Args.typeError(0, a[0], "array", "set");
                }),
                fn("cast_string", List.of(ANY), STRING, (ctx, a) -> cast(a, StringValue.class, "string")),
                fn("cast_boolean", List.of(ANY), BOOLEAN, (ctx, a) -> cast(a, BooleanValue.class, "boolean")),
                fn("cast_null", List.of(ANY), NULL, (ctx, a) -> cast(a, NullValue.class, "null")),
                fn("cast_object", List.of(ANY), ANY_OBJECT, (ctx, a) -> cast(a, ObjectValue.class, "object")));
    }

    private static Builtin alias(String name, Builtin target) {
        return new Builtin(name, target.args(), target.result(), target.function(), target.nondeterministic());
    }

    private static Value cast(Value[] a, Class<? extends Value> type, String name) {
        if (type.isInstance(a[0])) return a[0];
        throw Args.typeError(0, a[0], name);
    }
}
