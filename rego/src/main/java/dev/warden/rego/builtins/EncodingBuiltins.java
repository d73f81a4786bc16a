package dev.warden.rego.builtins;

import static dev.warden.rego.builtins.Decl.BOOLEAN;
import static dev.warden.rego.builtins.Decl.STRING;
import static dev.warden.rego.builtins.Decl.fn;

import dev.warden.rego.types.Type;
import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.SetValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** {@code base64.* base64url.* hex.* urlquery.*}, byte for byte as Go encodes them. */
final class EncodingBuiltins {
    private EncodingBuiltins() {}

    static List<Builtin> all() {
        Type queryValues = Type.object(STRING, Type.anyOf(STRING, Type.array(STRING), Type.set(STRING)));
        return List.of(
                text("base64.encode", s -> GoBytes.base64(GoBytes.utf8(s), false, true)),
                text("base64.decode", s -> GoBytes.string(GoBytes.unbase64(s, false, true))),
                fn("base64.is_valid", List.of(STRING), BOOLEAN, (ctx, a) -> BooleanValue.of(validBase64(Args.string(a, 0)))),
                text("base64url.encode", s -> GoBytes.base64(GoBytes.utf8(s), true, true)),
                text("base64url.encode_no_pad", s -> GoBytes.base64(GoBytes.utf8(s), true, false)),
                text("base64url.decode", s -> GoBytes.string(GoBytes.unbase64(s, true, s.length() % 4 == 0))),
                text("hex.encode", s -> GoBytes.hex(GoBytes.utf8(s))),
                text("hex.decode", s -> GoBytes.string(GoBytes.unhex(s))),
                text("urlquery.encode", EncodingBuiltins::queryEscape),
                text("urlquery.decode", EncodingBuiltins::queryUnescape),
                fn("urlquery.encode_object", List.of(queryValues), STRING, (ctx, a) -> StringValue.of(encodeObject(a))),
                fn("urlquery.decode_object", List.of(STRING), Type.object(STRING, Type.array(STRING)),
                        (ctx, a) -> decodeObject(Args.string(a, 0))));
    }

    private static Builtin text(String name, UnaryOperator<String> f) {
        return fn(name, List.of(STRING), STRING, (ctx, a) -> StringValue.of(f.apply(Args.string(a, 0))));
    }

    private static boolean validBase64(String s) {
        try {
            GoBytes.unbase64(s, false, true);
            return true;
        } catch (BuiltinException e) {
            return false;
        }
    }

    /** Go's url.QueryEscape: unreserved characters kept, space as '+', everything else %XX. */
    static String queryEscape(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                sb.append((char) c);
            } else if (c == ' ') {
                sb.append('+');
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return sb.toString();
    }

    static String queryUnescape(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            int c = raw[i] & 0xFF;
            if (c == '+') {
                out.write(' ');
            } else if (c == '%') {
                int hi = i + 1 < raw.length ? Character.digit(raw[i + 1], 16) : -1;
                int lo = i + 2 < raw.length ? Character.digit(raw[i + 2], 16) : -1;
                if (hi < 0 || lo < 0) {
                    String bad = new String(raw, i, Math.min(3, raw.length - i), StandardCharsets.UTF_8);
                    throw BuiltinException.error("invalid URL escape \"" + bad + "\"");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.write(c);
            }
        }
        return GoBytes.string(out.toByteArray());
    }

    private static String encodeObject(Value[] a) {
        ObjectValue o = Args.object(a, 0);
        StringBuilder sb = new StringBuilder();
        for (Value k : o.keys()) {
            if (!(k instanceof StringValue key)) throw Args.typeError(0, "must be object with string keys");
            List<Value> values = switch (o.get(k)) {
                case StringValue s -> List.of(s);
                case ArrayValue arr -> arr.elements();
                case SetValue set -> set.elements();
                default -> throw Args.typeError(0, "must be object of strings, arrays or sets of strings");
            };
            for (Value v : values) {
                if (!(v instanceof StringValue s)) throw Args.typeError(0, "must contain only strings");
                if (sb.length() > 0) sb.append('&');
                sb.append(queryEscape(key.value())).append('=').append(queryEscape(s.value()));
            }
        }
        return sb.toString();
    }

    /** Go's url.ParseQuery: {@code a=1&a=2&b} becomes {@code {"a": ["1", "2"], "b": [""]}}. */
    private static Value decodeObject(String query) {
        Map<String, List<Value>> params = new LinkedHashMap<>();
        for (String part : query.split("&", -1)) {
            if (part.isEmpty()) continue;
            if (part.indexOf(';') >= 0) throw BuiltinException.error("invalid semicolon separator in query");
            int eq = part.indexOf('=');
            String k = queryUnescape(eq < 0 ? part : part.substring(0, eq));
            String v = eq < 0 ? "" : queryUnescape(part.substring(eq + 1));
            params.computeIfAbsent(k, x -> new ArrayList<>()).add(StringValue.of(v));
        }
        ObjectValue.Builder b = ObjectValue.builder();
        params.forEach((k, v) -> b.put(k, ArrayValue.of(v)));
        return b.build();
    }

}
