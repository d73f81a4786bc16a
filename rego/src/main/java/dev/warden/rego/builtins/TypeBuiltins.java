package dev.warden.rego.builtins;

import static dev.warden.rego.builtins.Decl.ANY;
import static dev.warden.rego.builtins.Decl.BOOLEAN;
import static dev.warden.rego.builtins.Decl.STRING;
import static dev.warden.rego.builtins.Decl.fn;

import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.StringValue;
import java.util.List;

/** {@code is_*} (false rather than undefined on a mismatch, as in OPA v1) and {@code type_name}. */
final class TypeBuiltins {
    private TypeBuiltins() {}

    static List<Builtin> all() {
        return List.of(
                is("is_number", "number"),
                is("is_string", "string"),
                is("is_boolean", "boolean"),
                is("is_array", "array"),
                is("is_set", "set"),
                is("is_object", "object"),
                is("is_null", "null"),
                fn("type_name", List.of(ANY), STRING, (ctx, a) -> StringValue.of(a[0].typeName())));
    }

    private static Builtin is(String name, String type) {
        return fn(name, List.of(ANY), BOOLEAN, (ctx, a) -> BooleanValue.of(a[0].typeName().equals(type)));
    }
}
