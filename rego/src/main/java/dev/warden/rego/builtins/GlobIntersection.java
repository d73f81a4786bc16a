package dev.warden.rego.builtins;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code regex.globs_match}: whether two simple patterns can match a common string. Patterns use literals,
 * {@code .}, character classes {@code [a-z]} / {@code [^a-z]}, backslash escapes and the quantifiers
 * {@code * + ?}. The check walks both token lists together, memoizing visited position pairs, so it is linear
 * in the product of the pattern lengths.
 */
final class GlobIntersection {
    private GlobIntersection() {}

    /** A set of code points: the union of {@code ranges} (pairs), or its complement when {@code negated}. */
    private record CharSet(List<int[]> ranges, boolean negated) {
        static final CharSet ANY = new CharSet(List.of(), true);

        boolean contains(int c) {
            boolean in = false;
            for (int[] r : ranges) if (c >= r[0] && c <= r[1]) in = true;
            return in != negated;
        }

        boolean intersects(CharSet o) {
            if (negated && o.negated) return true;
            if (negated) return o.intersects(this);
            for (int[] r : ranges) {
                for (int c = r[0]; c <= r[1]; c++) {
                    if (o.contains(c)) return true;
                    if (c - r[0] > 4096) break; // a huge range against a complement: certainly some member survives
                }
            }
            return false;
        }
    }

    /** One pattern element; {@code star} when it may repeat zero or more times. */
    private record Token(CharSet set, boolean star) {}

    static boolean intersects(String a, String b) {
        List<Token> ta = parse(a), tb = parse(b);
        return search(ta, tb, 0, 0, new HashSet<>());
    }

    private static boolean search(List<Token> a, List<Token> b, int i, int j, Set<Long> seen) {
        if (!seen.add(((long) i << 32) | j)) return false;
        if (i == a.size() && j == b.size()) return true;
        if (i < a.size() && a.get(i).star() && search(a, b, i + 1, j, seen)) return true;
        if (j < b.size() && b.get(j).star() && search(a, b, i, j + 1, seen)) return true;
        if (i == a.size() || j == b.size()) return false;
        Token x = a.get(i), y = b.get(j);
        if (!x.set().intersects(y.set())) return false;
        int ni = x.star() ? i : i + 1, nj = y.star() ? j : j + 1;
        if (ni == i && nj == j) return search(a, b, i + 1, j + 1, seen) || search(a, b, i + 1, j, seen);
        return search(a, b, ni, nj, seen);
    }

    private static List<Token> parse(String p) {
        List<Token> out = new ArrayList<>();
        int[] cps = p.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            CharSet set;
            switch (c) {
                case '.' -> set = CharSet.ANY;
                case '[' -> {
                    int close = i + 1;
                    while (close < cps.length && cps[close] != ']') close += cps[close] == '\\' ? 2 : 1;
                    if (close >= cps.length) throw invalid(p, i + 1, "set-open '[' with no closing ']'");
                    set = charClass(cps, i + 1, close);
                    i = close;
                }
                case ']' -> throw invalid(p, i + 1, "set-close ']' with no preceding '['");
                case '*', '+', '?' -> throw invalid(p, i + 1, "quantifier '" + (char) c + "' with nothing to repeat");
                case '\\' -> {
                    if (++i >= cps.length) throw invalid(p, i, "escape at end of input");
                    set = new CharSet(List.<int[]>of(new int[] {cps[i], cps[i]}), false);
                }
                default -> set = new CharSet(List.<int[]>of(new int[] {c, c}), false);
            }
            int q = i + 1 < cps.length ? cps[i + 1] : 0;
            if (q == '*') {
                out.add(new Token(set, true));
                i++;
            } else if (q == '+') {
                out.add(new Token(set, false));
                out.add(new Token(set, true));
                i++;
            } else if (q == '?') {
                out.add(new Token(set, true)); // an over-approximation: at most one becomes any number
                i++;
            } else {
                out.add(new Token(set, false));
            }
        }
        return out;
    }

    private static CharSet charClass(int[] cps, int from, int to) {
        boolean negated = from < to && (cps[from] == '^' || cps[from] == '!');
        List<int[]> ranges = new ArrayList<>();
        for (int i = negated ? from + 1 : from; i < to; i++) {
            int lo = cps[i];
            if (lo == '\\' && i + 1 < to) lo = cps[++i];
            int hi = lo;
            if (i + 2 < to && cps[i + 1] == '-') {
                hi = cps[i + 2];
                if (hi == '\\' && i + 3 < to) hi = cps[++i + 2];
                i += 2;
            }
            ranges.add(new int[] {Math.min(lo, hi), Math.max(lo, hi)});
        }
        return new CharSet(ranges, negated);
    }

    private static BuiltinException invalid(String p, int pos, String what) {
        return BuiltinException.error("input:" + p + ", pos:" + pos + ", " + what + ": the input provided is invalid");
    }
}
