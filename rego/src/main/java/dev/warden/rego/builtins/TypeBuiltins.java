package dev.warden.rego.builtins;

import static dev.warden.rego.builtins.Decl.ANY;
import static dev.warden.rego.builtins.Decl.BOOLEAN;
import static dev.warden.rego.builtins.Decl.NULL;
import static dev.warden.rego.builtins.Decl.NUMBER;
import static dev.warden.rego.builtins.Decl.STRING;
import static dev.warden.rego.builtins.Decl.fn;

import com.google.re2j.Pattern;
import dev.warden.rego.types.Type;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.Json;
import dev.warden.rego.value.NullValue;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.math.BigDecimal;
import java.util.List;

/** {@code is_*} (false rather than undefined on a mismatch, as in OPA v1), {@code type_name}, {@code to_number}. */
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
                fn("type_name", List.of(ANY), STRING, (ctx, a) -> StringValue.of(a[0].typeName())),
                fn("to_number", List.of(Type.anyOf(NULL, BOOLEAN, NUMBER, STRING)), NUMBER, (ctx, a) -> toNumber(a)));
    }

    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final Pattern NOT_FINITE = Pattern.compile("(?i)[+-]?(inf|infinity|nan)");

    /** null is 0, booleans 1 and 0, strings parsed as Go's ParseFloat would (rejecting NaN and infinities). */
    private static Value toNumber(Value[] a) {
        return switch (a[0]) {
            case NullValue n -> NumberValue.ZERO;
            case BooleanValue b -> b.value() ? NumberValue.ONE : NumberValue.ZERO;
            case NumberValue n -> n;
            case StringValue s -> {
                String t = s.value();
                if (NOT_FINITE.matcher(t).matches()) {
                    throw BuiltinException.typeError("operand 1 must be a finite number but got " + t);
                }
                if (!DECIMAL.matcher(t).matches()) {
                    throw BuiltinException.error("strconv.ParseFloat: parsing " + Json.write(s) + ": invalid syntax");
                }
                yield NumberValue.of(new BigDecimal(t.startsWith("+") ? t.substring(1) : t));
            }
            default -> throw Args.typeError(0, a[0], "null", "boolean", "number", "string");
        };
    }

    private static Builtin is(String name, String type) {
        return fn(name, List.of(ANY), BOOLEAN, (ctx, a) -> BooleanValue.of(a[0].typeName().equals(type)));
    }
}
