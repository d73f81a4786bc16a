package dev.warden.rego.builtins;

import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.NullValue;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.SetValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;

/**
 * Values in Rego notation, as OPA prints terms ({@code sprintf("%v")} of composites):
 * {@code ["a", 1]}, {@code {"k": {1, 2}}}, {@code set()}. Strings are quoted as Go's {@code strconv.Quote} does.
 */
final class RegoText {
    private RegoText() {}

    static String write(Value v) {
        StringBuilder sb = new StringBuilder();
        write(v, sb);
        return sb.toString();
    }

    static void write(Value v, StringBuilder sb) {
        switch (v) {
            case NullValue n -> sb.append("null");
            case BooleanValue b -> sb.append(b.value());
            case NumberValue n -> sb.append(n);
            case StringValue s -> quote(s.value(), sb);
            case ArrayValue a -> {
                sb.append('[');
                for (int i = 0; i < a.size(); i++) {
                    if (i > 0) sb.append(", ");
                    write(a.get(i), sb);
                }
                sb.append(']');
            }
            case SetValue s -> {
                if (s.isEmpty()) {
                    sb.append("set()");
                    return;
                }
                sb.append('{');
                boolean first = true;
                for (Value e : s.elements()) {
                    if (!first) sb.append(", ");
                    first = false;
                    write(e, sb);
                }
                sb.append('}');
            }
            case ObjectValue o -> {
                sb.append('{');
                boolean first = true;
                for (Value k : o.keys()) {
                    if (!first) sb.append(", ");
                    first = false;
                    write(k, sb);
                    sb.append(": ");
                    write(o.get(k), sb);
                }
                sb.append('}');
            }
        }
    }

    /** Go's strconv.Quote: printable characters as they are, the rest escaped. */
    static void quote(String s, StringBuilder sb) {
        sb.append('"');
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 0x07 -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case 0x0B -> sb.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7F) sb.append(String.format("\\x%02x", c));
                    else if (isPrintable(c)) sb.appendCodePoint(c);
                    else if (c < 0x10000) sb.append(String.format("\\u%04x", c));
                    else sb.append(String.format("\\U%08x", c));
                }
            }
        });
        sb.append('"');
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder();
        quote(s, sb);
        return sb.toString();
    }

    private static boolean isPrintable(int c) {
        if (c < 0x80) return true;
        int t = Character.getType(c);
        return t != Character.CONTROL && t != Character.FORMAT && t != Character.UNASSIGNED
                && t != Character.PRIVATE_USE && t != Character.SURROGATE
                && t != Character.LINE_SEPARATOR && t != Character.PARAGRAPH_SEPARATOR
                && !(t == Character.SPACE_SEPARATOR && c != ' ');
    }
}
