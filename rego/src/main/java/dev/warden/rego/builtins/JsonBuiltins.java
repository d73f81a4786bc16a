package dev.warden.rego.builtins;

import static dev.warden.rego.builtins.Decl.ANY;
import static dev.warden.rego.builtins.Decl.ANY_COLLECTION;
import static dev.warden.rego.builtins.Decl.ANY_OBJECT;
import static dev.warden.rego.builtins.Decl.BOOLEAN;
import static dev.warden.rego.builtins.Decl.STRING;
import static dev.warden.rego.builtins.Decl.fn;

import dev.warden.rego.types.Type;
import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.Json;
import dev.warden.rego.value.JsonSyntaxException;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.SetValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.util.List;

/** {@code json.*}: marshalling (compact and indented as Go's MarshalIndent), parsing, filter, remove, patch. */
final class JsonBuiltins {
    private JsonBuiltins() {}

    static List<Builtin> all() {
        return List.of(
                fn("json.marshal", List.of(ANY), STRING, (ctx, a) -> StringValue.of(Json.write(a[0]))),
                fn("json.marshal_with_options", List.of(ANY, Type.object(STRING, ANY)), STRING,
                        (ctx, a) -> StringValue.of(marshalWithOptions(a))),
                fn("json.unmarshal", List.of(STRING), ANY, (ctx, a) -> unmarshal(Args.string(a, 0))),
                fn("json.is_valid", List.of(ANY), BOOLEAN, (ctx, a) -> BooleanValue.of(isValid(a[0]))),
                fn("json.filter", List.of(ANY_OBJECT, ANY_COLLECTION), ANY,
                        (ctx, a) -> orEmpty(JsonPaths.filter(Args.object(a, 0), JsonPaths.parse(a, 1)))),
                fn("json.remove", List.of(ANY_OBJECT, ANY_COLLECTION), ANY,
                        (ctx, a) -> orEmpty(JsonPaths.remove(Args.object(a, 0), JsonPaths.parse(a, 1)))),
                fn("json.patch", List.of(ANY, Type.array(ANY_OBJECT)), ANY,
                        (ctx, a) -> JsonPatch.apply(a[0], Args.array(a, 1))));
    }

    private static Value orEmpty(Value v) { return v == null ? ObjectValue.EMPTY : v; }

    static Value unmarshal(String text) {
        try {
            return Json.parse(text);
        } catch (JsonSyntaxException e) {
            throw BuiltinException.error(e.getMessage());
        }
    }

    private static boolean isValid(Value v) {
        if (!(v instanceof StringValue s)) return false;
        try {
            Json.parse(s.value());
            return true;
        } catch (JsonSyntaxException e) {
            return false;
        }
    }

    private static String marshalWithOptions(Value[] a) {
        ObjectValue opts = Args.object(a, 1);
        boolean pretty = false;
        String indent = "\t", prefix = "";
        for (Value k : opts.keys()) {
            Value v = opts.get(k);
            String key = k instanceof StringValue s ? s.value() : Json.write(k);
            switch (key) {
                case "pretty" -> {
                    if (!(v instanceof BooleanValue b)) throw Args.typeError(1, "pretty must be a boolean");
                    pretty = b.value();
                }
                case "indent" -> {
                    if (!(v instanceof StringValue s)) throw Args.typeError(1, "indent must be a string");
                    indent = s.value();
                    pretty = pretty || !opts.containsKey(StringValue.of("pretty"));
                }
                case "prefix" -> {
                    if (!(v instanceof StringValue s)) throw Args.typeError(1, "prefix must be a string");
                    prefix = s.value();
                    pretty = pretty || !opts.containsKey(StringValue.of("pretty"));
                }
                default -> throw BuiltinException.typeError("object contained unknown key " + Json.write(k));
            }
        }
        if (!pretty) return Json.write(a[0]);
        StringBuilder sb = new StringBuilder(prefix);
        indented(a[0], prefix, indent, 0, sb);
        return sb.toString();
    }

    /** Go's json.MarshalIndent: one element per line, each line starting with the prefix. */
    private static void indented(Value v, String prefix, String indent, int depth, StringBuilder sb) {
        List<Value> items;
        ObjectValue obj = null;
        switch (v) {
            case ArrayValue arr -> items = arr.elements();
            case SetValue s -> items = s.elements();
            case ObjectValue o -> { obj = o; items = o.keys(); }
            default -> {
                Json.write(v, sb);
                return;
            }
        }
        sb.append(obj == null ? '[' : '{');
        if (!items.isEmpty()) {
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) sb.append(',');
                newline(sb, prefix, indent, depth + 1);
                Value item = items.get(i);
                if (obj != null) {
                    if (item instanceof StringValue s) Json.quote(s.value(), sb);
                    else Json.quote(Json.write(item), sb);
                    sb.append(": ");
                    item = obj.get(item);
                }
                indented(item, prefix, indent, depth + 1, sb);
            }
            newline(sb, prefix, indent, depth);
        }
        sb.append(obj == null ? ']' : '}');
    }

    private static void newline(StringBuilder sb, String prefix, String indent, int depth) {
        sb.append('\n').append(prefix);
        sb.append(indent.repeat(depth));
    }

}
