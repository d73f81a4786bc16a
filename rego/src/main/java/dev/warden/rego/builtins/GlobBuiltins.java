package dev.warden.rego.builtins;

import static dev.warden.rego.builtins.Decl.BOOLEAN;
import static dev.warden.rego.builtins.Decl.NULL;
import static dev.warden.rego.builtins.Decl.STRING;
import static dev.warden.rego.builtins.Decl.STRING_ARRAY;
import static dev.warden.rego.builtins.Decl.fn;

import com.google.re2j.Pattern;
import dev.warden.rego.types.Type;
import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.NullValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code glob.match} and {@code glob.quote_meta}. A glob is translated once into an RE2 pattern (and cached):
 * {@code *} matches within one delimiter-separated part, {@code **} across parts, {@code ?} one non-delimiter
 * character, {@code [abc] [!a-c]} character lists, {@code {a,b}} alternatives. An empty delimiter list means
 * {@code ["."]}; null means no delimiters.
 */
final class GlobBuiltins {
    private GlobBuiltins() {}

    static List<Builtin> all() {
        return List.of(
                fn("glob.match", List.of(STRING, Type.anyOf(STRING_ARRAY, NULL), STRING), BOOLEAN, (ctx, a) -> {
                    String glob = Args.string(a, 0);
                    List<String> delimiters = delimiters(a);
                    String subject = Args.string(a, 2);
                    return BooleanValue.of(PatternCache.get(toRegex(glob, delimiters)).matcher(subject).matches());
                }),
                fn("glob.quote_meta", List.of(STRING), STRING, (ctx, a) -> StringValue.of(quoteMeta(Args.string(a, 0)))));
    }

    private static List<String> delimiters(Value[] a) {
        if (a[1] instanceof NullValue) return List.of();
        ArrayValue arr = Args.array(a, 1);
        if (arr.isEmpty()) return List.of(".");
        List<String> out = new ArrayList<>();
        for (Value v : arr.elements()) {
            if (!(v instanceof StringValue s)) throw Args.elementError(1, arr, v, "string");
            out.add(s.value());
        }
        return out;
    }

    static String quoteMeta(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(c -> {
            if ("*?[]{}\\".indexOf(c) >= 0) sb.append('\\');
            sb.appendCodePoint(c);
        });
        return sb.toString();
    }

    static String toRegex(String glob, List<String> delimiters) {
        StringBuilder notDelim = new StringBuilder("[^");
        for (String d : delimiters) d.codePoints().forEach(c -> appendClassChar(notDelim, c));
        notDelim.append(']');
        String single = delimiters.isEmpty() ? "." : notDelim.toString();
        StringBuilder re = new StringBuilder("(?s)^");
        int[] cps = glob.codePoints().toArray();
        translate(cps, 0, cps.length, single, re, false);
        return re.append('$').toString();
    }

    /** Translates cps[from, to); inside braces, top-level commas separate alternatives. */
    private static int translate(int[] cps, int from, int to, String single, StringBuilder re, boolean inBraces) {
        int i = from;
        while (i < to) {
            int c = cps[i];
            switch (c) {
                case '*' -> {
                    if (i + 1 < to && cps[i + 1] == '*') {
                        re.append(".*");
                        i++;
                    } else {
                        re.append(single).append('*');
                    }
                }
                case '?' -> re.append(single);
                case '\\' -> {
                    if (i + 1 < to) re.append(Pattern.quote(new String(Character.toChars(cps[++i]))));
                    else re.append("\\\\");
                }
                case '[' -> i = charList(cps, i, to, re);
                case '{' -> {
                    re.append("(?:");
                    i = translate(cps, i + 1, to, single, re, true);
                    re.append(')');
                }
                case '}' -> {
                    if (inBraces) return i;
                    re.append("\\}");
                }
                case ',' -> {
                    if (inBraces) re.append('|');
                    else re.append(',');
                }
                default -> re.append(Pattern.quote(new String(Character.toChars(c))));
            }
            i++;
        }
        if (inBraces) throw BuiltinException.error("unexpected end of input: unclosed '{' in glob");
        return i;
    }

    private static int charList(int[] cps, int open, int to, StringBuilder re) {
        int i = open + 1;
        StringBuilder cls = new StringBuilder("[");
        if (i < to && cps[i] == '!') {
            cls.append('^');
            i++;
        }
        for (; i < to && cps[i] != ']'; i++) {
            if (cps[i] == '-' && cls.length() > 1 && i + 1 < to && cps[i + 1] != ']') cls.append('-');
            else appendClassChar(cls, cps[i]);
        }
        if (i >= to) throw BuiltinException.error("unexpected end of input: unclosed '[' in glob");
        re.append(cls).append(']');
        return i;
    }

    private static void appendClassChar(StringBuilder sb, int c) {
        if ("\\]^-[".indexOf(c) >= 0) sb.append('\\');
        sb.appendCodePoint(c);
    }
}
