package dev.warden.rego.builtins;

import static dev.warden.rego.builtins.Decl.ANY;
import static dev.warden.rego.builtins.Decl.BOOLEAN;
import static dev.warden.rego.builtins.Decl.NUMBER;
import static dev.warden.rego.builtins.Decl.STRING;
import static dev.warden.rego.builtins.Decl.STRING_ARRAY;
import static dev.warden.rego.builtins.Decl.fn;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.warden.rego.types.Type;
import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/** {@code regex.*} with RE2 semantics (RE2/J), matching Go's regexp package match for match. */
final class RegexBuiltins {
    private RegexBuiltins() {}

    static List<Builtin> all() {
        return List.of(
                fn("regex.match", List.of(STRING, STRING), BOOLEAN,
                        (ctx, a) -> BooleanValue.of(PatternCache.get(Args.string(a, 0)).matcher(Args.string(a, 1)).find())),
                fn("regex.is_valid", List.of(ANY), BOOLEAN,
                        (ctx, a) -> BooleanValue.of(a[0] instanceof StringValue s && PatternCache.isValid(s.value()))),
                fn("regex.split", List.of(STRING, STRING), STRING_ARRAY, (ctx, a) -> split(a)),
                fn("regex.find_n", List.of(STRING, STRING, NUMBER), STRING_ARRAY, (ctx, a) -> findN(a, false)),
                fn("regex.find_all_string_submatch_n", List.of(STRING, STRING, NUMBER), Type.array(STRING_ARRAY),
                        (ctx, a) -> findN(a, true)),
                fn("regex.replace", List.of(STRING, STRING, STRING), STRING, (ctx, a) -> replace(a)),
                fn("regex.template_match", List.of(STRING, STRING, STRING, STRING), BOOLEAN, (ctx, a) -> templateMatch(a)),
                fn("regex.globs_match", List.of(STRING, STRING), BOOLEAN,
                        (ctx, a) -> BooleanValue.of(GlobIntersection.intersects(Args.string(a, 0), Args.string(a, 1)))));
    }

    /** Go's FindAllStringSubmatchIndex: leftmost matches, never an empty match right after a previous match. */
    private static List<int[]> matches(Pattern p, String s, int limit) {
        List<int[]> out = new ArrayList<>();
        Matcher m = p.matcher(s);
        int pos = 0, prevEnd = -1;
        while ((limit < 0 || out.size() < limit) && pos <= s.length() && m.find(pos)) {
            int start = m.start(), end = m.end();
            boolean accept = !(end == start && start == prevEnd);
            if (end == pos) {
                pos = pos < s.length() ? pos + Character.charCount(s.codePointAt(pos)) : pos + 1;
            } else {
                pos = end;
            }
            prevEnd = end;
            if (accept) {
                int[] groups = new int[2 * (m.groupCount() + 1)];
                for (int g = 0; g <= m.groupCount(); g++) {
                    groups[2 * g] = m.start(g);
                    groups[2 * g + 1] = m.end(g);
                }
                out.add(groups);
            }
        }
        return out;
    }

    private static Value split(Value[] a) {
        Pattern p = PatternCache.get(Args.string(a, 0));
        String s = Args.string(a, 1);
        if (s.isEmpty()) return ArrayValue.of(StringValue.EMPTY);
        List<Value> parts = new ArrayList<>();
        int beg = 0, end = 0;
        for (int[] m : matches(p, s, -1)) {
            end = m[0];
            if (m[1] != 0) parts.add(StringValue.of(s.substring(beg, end)));
            beg = m[1];
        }
        if (end != s.length()) parts.add(StringValue.of(s.substring(beg)));
        return ArrayValue.of(parts);
    }

    private static Value findN(Value[] a, boolean submatches) {
        Pattern p = PatternCache.get(Args.string(a, 0));
        String s = Args.string(a, 1);
        int n = Args.smallInt(a, 2);
        List<Value> out = new ArrayList<>();
        for (int[] m : matches(p, s, n)) {
            if (!submatches) {
                out.add(StringValue.of(s.substring(m[0], m[1])));
                continue;
            }
            List<Value> groups = new ArrayList<>();
            for (int g = 0; g < m.length; g += 2) {
                groups.add(StringValue.of(m[g] < 0 ? "" : s.substring(m[g], m[g + 1])));
            }
            out.add(ArrayValue.of(groups));
        }
        return ArrayValue.of(out);
    }

    /** Go's ReplaceAllString: {@code $1}, {@code ${1}} and {@code ${name}} expand to groups. */
    private static Value replace(Value[] a) {
        String s = Args.string(a, 0);
        Pattern p = PatternCache.get(Args.string(a, 1));
        String template = Args.string(a, 2);
        StringBuilder out = new StringBuilder();
        int last = 0;
        Matcher m = p.matcher(s);
        for (int[] g : matches(p, s, -1)) {
            out.append(s, last, g[0]);
            expand(template, s, g, m, out);
            last = g[1];
        }
        out.append(s.substring(last));
        return StringValue.of(out.toString());
    }

    private static void expand(String template, String s, int[] g, Matcher m, StringBuilder out) {
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= template.length()) {
                out.append(c);
                continue;
            }
            if (template.charAt(i + 1) == '$') {
                out.append('$');
                i++;
                continue;
            }
            String name;
            int next;
            if (template.charAt(i + 1) == '{') {
                int close = template.indexOf('}', i + 2);
                if (close < 0) { out.append(c); continue; }
                name = template.substring(i + 2, close);
                next = close;
            } else {
                int j = i + 1;
                while (j < template.length() && (Character.isLetterOrDigit(template.charAt(j)) || template.charAt(j) == '_')) j++;
                if (j == i + 1) { out.append(c); continue; }
                name = template.substring(i + 1, j);
                next = j - 1;
            }
            int group = groupIndex(name, m);
            if (group >= 0 && 2 * group < g.length && g[2 * group] >= 0) out.append(s, g[2 * group], g[2 * group + 1]);
            i = next;
        }
    }

    private static int groupIndex(String name, Matcher m) {
        if (name.matches("[0-9]+")) {
            try {
                return Integer.parseInt(name);
            } catch (NumberFormatException tooBig) {
                return -1;
            }
        }
        Integer named = m.pattern().namedGroups().get(name);
        return named == null ? -1 : named;
    }

    /** {@code regex.template_match("urn:{.*}", s, "{", "}")}: literal text around delimited regular expressions. */
    private static Value templateMatch(Value[] a) {
        String template = Args.string(a, 0), s = Args.string(a, 1);
        String open = Args.string(a, 2), close = Args.string(a, 3);
        StringBuilder regex = new StringBuilder("^");
        int i = 0;
        while (i < template.length()) {
            int start = template.indexOf(open, i);
            if (start < 0 || open.isEmpty()) {
                regex.append(Pattern.quote(template.substring(i)));
                break;
            }
            regex.append(Pattern.quote(template.substring(i, start)));
            int depth = 1, j = start + open.length();
            int bodyStart = j;
            while (j < template.length() && depth > 0) {
                if (template.startsWith(close, j)) {
                    if (--depth == 0) break;
                    j += close.length();
                } else if (template.startsWith(open, j)) {
                    depth++;
                    j += open.length();
                } else {
                    j++;
                }
            }
            if (depth != 0) throw BuiltinException.error("unbalanced braces in template " + template);
            regex.append('(').append(template, bodyStart, j).append(')');
            i = j + close.length();
        }
        regex.append('$');
        return BooleanValue.of(PatternCache.get(regex.toString()).matcher(s).find());
    }
}
