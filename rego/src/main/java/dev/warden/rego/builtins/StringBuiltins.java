package dev.warden.rego.builtins;

import static dev.warden.rego.builtins.Decl.ANY;
import static dev.warden.rego.builtins.Decl.ANY_ARRAY;
import static dev.warden.rego.builtins.Decl.BOOLEAN;
import static dev.warden.rego.builtins.Decl.NUMBER;
import static dev.warden.rego.builtins.Decl.NUMBER_ARRAY;
import static dev.warden.rego.builtins.Decl.STRING;
import static dev.warden.rego.builtins.Decl.STRING_ARRAY;
import static dev.warden.rego.builtins.Decl.STRING_COLLECTION;
import static dev.warden.rego.builtins.Decl.fn;

import dev.warden.rego.types.Type;
import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.SetValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/** The core string builtins; positions and lengths count code points, as OPA counts runes. */
final class StringBuiltins {
    private StringBuiltins() {}

    static List<Builtin> all() {
        return List.of(
                fn("concat", List.of(STRING, STRING_COLLECTION), STRING,
                        (ctx, a) -> StringValue.of(String.join(Args.string(a, 0), Args.strings(a, 1)))),
                test("contains", String::contains),
                test("startswith", String::startsWith),
                test("endswith", String::endsWith),
                unary("lower", s -> s.toLowerCase(Locale.ROOT)),
                unary("upper", s -> s.toUpperCase(Locale.ROOT)),
                unary("trim_space", Text::trimSpace),
                unary("strings.reverse", s -> new StringBuilder(s).reverse().toString()),
                fn("split", List.of(STRING, STRING), STRING_ARRAY, (ctx, a) -> split(Args.string(a, 0), Args.string(a, 1))),
                fn("replace", List.of(STRING, STRING, STRING), STRING,
                        (ctx, a) -> StringValue.of(Text.replaceAll(Args.string(a, 0), Args.string(a, 1), Args.string(a, 2)))),
                binary("trim", (s, cut) -> Text.trim(s, cut, true, true)),
                binary("trim_left", (s, cut) -> Text.trim(s, cut, true, false)),
                binary("trim_right", (s, cut) -> Text.trim(s, cut, false, true)),
                binary("trim_prefix", (s, p) -> s.startsWith(p) ? s.substring(p.length()) : s),
                binary("trim_suffix", (s, p) -> s.endsWith(p) ? s.substring(0, s.length() - p.length()) : s),
                fn("indexof", List.of(STRING, STRING), NUMBER,
                        (ctx, a) -> NumberValue.of(Text.indexOf(Text.runes(Args.string(a, 0)), Text.runes(Args.string(a, 1)), 0))),
                fn("indexof_n", List.of(STRING, STRING), NUMBER_ARRAY, (ctx, a) -> indexes(Args.string(a, 0), Args.string(a, 1))),
                fn("substring", List.of(STRING, NUMBER, NUMBER), STRING, (ctx, a) -> substring(a)),
                fn("strings.count", List.of(STRING, STRING), NUMBER, (ctx, a) -> count(Args.string(a, 0), Args.string(a, 1))),
                anyMatch("strings.any_prefix_match", String::startsWith),
                anyMatch("strings.any_suffix_match", String::endsWith),
                fn("strings.replace_n", List.of(Type.object(STRING, STRING), STRING), STRING,
                        (ctx, a) -> replaceN(a)),
                fn("strings.render_template", List.of(STRING, Type.object(STRING, ANY)), STRING,
                        (ctx, a) -> StringValue.of(TemplateRenderer.render(Args.string(a, 0), Args.object(a, 1)))),
                fn("sprintf", List.of(STRING, ANY_ARRAY), STRING,
                        (ctx, a) -> StringValue.of(SprintfFormatter.format(Args.string(a, 0), Args.array(a, 1).elements()))));
    }

    private static Builtin test(String name, BiPredicate<String, String> p) {
        return fn(name, List.of(STRING, STRING), BOOLEAN,
                (ctx, a) -> BooleanValue.of(p.test(Args.string(a, 0), Args.string(a, 1))));
    }

    private static Builtin unary(String name, UnaryOperator<String> f) {
        return fn(name, List.of(STRING), STRING, (ctx, a) -> StringValue.of(f.apply(Args.string(a, 0))));
    }

    private static Builtin binary(String name, BinaryOperator<String> f) {
        return fn(name, List.of(STRING, STRING), STRING,
                (ctx, a) -> StringValue.of(f.apply(Args.string(a, 0), Args.string(a, 1))));
    }

    private static Value split(String s, String delim) {
        List<Value> parts = new ArrayList<>();
        if (delim.isEmpty()) {
            s.codePoints().forEach(c -> parts.add(StringValue.of(new String(Character.toChars(c)))));
            return ArrayValue.of(parts);
        }
        int from = 0;
        for (int i; (i = s.indexOf(delim, from)) >= 0; from = i + delim.length()) {
            parts.add(StringValue.of(s.substring(from, i)));
        }
        parts.add(StringValue.of(s.substring(from)));
        return ArrayValue.of(parts);
    }

    private static Value indexes(String s, String sub) {
        int[] r = Text.runes(s), needle = Text.runes(sub);
        List<Value> out = new ArrayList<>();
        for (int i = Text.indexOf(r, needle, 0); i >= 0; i = Text.indexOf(r, needle, i + 1)) {
            out.add(NumberValue.of(i));
            if (i >= r.length) break;
        }
        return ArrayValue.of(out);
    }

    private static Value substring(Value[] a) {
        int[] r = Text.runes(Args.string(a, 0));
        int start = Args.smallInt(a, 1), length = Args.smallInt(a, 2);
        if (start < 0) throw BuiltinException.error("negative offset");
        if (start >= r.length) return StringValue.EMPTY;
        int end = length < 0 || (long) start + length > r.length ? r.length : start + length;
        return StringValue.of(Text.fromRunes(r, start, end));
    }

    private static Value count(String s, String sub) {
        if (sub.isEmpty()) return NumberValue.of(s.codePointCount(0, s.length()) + 1);
        int n = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) n++;
        return NumberValue.of(n);
    }

    private static Builtin anyMatch(String name, BiPredicate<String, String> p) {
        Type arg = Type.anyOf(STRING, STRING_COLLECTION);
        return fn(name, List.of(arg, arg), BOOLEAN, (ctx, a) -> {
            List<String> subjects = stringOrStrings(a, 0), patterns = stringOrStrings(a, 1);
            for (String s : subjects) for (String q : patterns) if (p.test(s, q)) return BooleanValue.TRUE;
            return BooleanValue.FALSE;
        });
    }

    private static List<String> stringOrStrings(Value[] a, int pos) {
        return switch (a[pos]) {
            case StringValue s -> List.of(s.value());
            case ArrayValue x -> Args.strings(a, pos);
            case SetValue x -> Args.strings(a, pos);
            default -> throw Args.typeError(pos, a[pos], "string", "set", "array");
        };
    }

    private static Value replaceN(Value[] a) {
        ObjectValue patterns = Args.object(a, 0);
        String s = Args.string(a, 1);
        List<String[]> pairs = new ArrayList<>();
        for (Value k : patterns.keys()) {
            if (!(k instanceof StringValue ks)) throw Args.typeError(0, "non-string key found in pattern object");
            if (!(patterns.get(k) instanceof StringValue vs)) {
                throw Args.typeError(0, "non-string value found in pattern object");
            }
            pairs.add(new String[] {ks.value(), vs.value()});
        }
        // Like Go's strings.Replacer: scan once, at each position the first pattern (in key order) that matches wins.
        StringBuilder out = new StringBuilder();
        int i = 0;
        scan:
        while (i < s.length()) {
            for (String[] p : pairs) {
                if (!p[0].isEmpty() && s.startsWith(p[0], i)) {
                    out.append(p[1]);
                    i += p[0].length();
                    continue scan;
                }
            }
            out.append(s.charAt(i++));
        }
        return StringValue.of(out.toString());
    }
}
