package dev.warden.rego.tester;

import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.Json;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.SetValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.util.List;
import java.util.Map;

/**
 * JSON indented by two spaces, laid out as Go's {@code json.MarshalIndent} lays it out (what {@code opa eval} and
 * {@code opa test --format json} print). Accepts a tree of maps (written in their iteration order, like Go
 * structs), lists, Rego {@link Value}s (objects with sorted keys, sets as arrays), strings, numbers, booleans
 * and null.
 *
 * <pre>{@code
 * String text = IndentedJson.write(Map.of("result", List.of()));
 * }</pre>
 */
public final class IndentedJson {
    private IndentedJson() {}

    public static String write(Object tree) {
        StringBuilder sb = new StringBuilder();
        write(tree, sb, 0);
        return sb.toString();
    }

    private static void write(Object o, StringBuilder sb, int depth) {
        switch (o) {
            case null -> sb.append("null");
            case Map<?, ?> m -> writeMap(m, sb, depth);
            case List<?> l -> writeList(l, sb, depth);
            case ObjectValue ov -> writeObject(ov, sb, depth);
            case ArrayValue av -> writeList(av.elements(), sb, depth);
            case SetValue sv -> writeList(sv.elements(), sb, depth);
            case Value v -> Json.write(v, sb);
            case String s -> Json.quote(s, sb);
            case Number n -> sb.append(n);
            case Boolean b -> sb.append(b);
            default -> throw new IllegalArgumentException("cannot write " + o.getClass().getSimpleName() + " as JSON");
        }
    }

    private static void writeMap(Map<?, ?> m, StringBuilder sb, int depth) {
        if (m.isEmpty()) {
            sb.append("{}");
            return;
        }
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            sb.append(first ? "" : ",");
            first = false;
            newline(sb, depth + 1);
            Json.quote(String.valueOf(e.getKey()), sb);
            sb.append(": ");
            write(e.getValue(), sb, depth + 1);
        }
        newline(sb, depth);
        sb.append('}');
    }

    private static void writeObject(ObjectValue o, StringBuilder sb, int depth) {
        if (o.isEmpty()) {
            sb.append("{}");
            return;
        }
        sb.append('{');
        boolean first = true;
        for (Value k : o.keys()) {
            sb.append(first ? "" : ",");
            first = false;
            newline(sb, depth + 1);
            Json.quote(k instanceof StringValue s ? s.value() : Json.write(k), sb);
            sb.append(": ");
            write(o.get(k), sb, depth + 1);
        }
        newline(sb, depth);
        sb.append('}');
    }

    private static void writeList(List<?> l, StringBuilder sb, int depth) {
        if (l.isEmpty()) {
            sb.append("[]");
            return;
        }
        sb.append('[');
        for (int i = 0; i < l.size(); i++) {
            if (i > 0) sb.append(',');
            newline(sb, depth + 1);
            write(l.get(i), sb, depth + 1);
        }
        newline(sb, depth);
        sb.append(']');
    }

    private static void newline(StringBuilder sb, int depth) {
        sb.append('\n');
        sb.append("  ".repeat(depth));
    }
}
