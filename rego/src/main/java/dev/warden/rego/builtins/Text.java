package dev.warden.rego.builtins;

/**
 * String helpers with Go's semantics where Java's differ: positions count code points (Go runes), and white
 * space is Go's {@code unicode.IsSpace}.
 */
final class Text {
    private Text() {}

    static int[] runes(String s) { return s.codePoints().toArray(); }

    static String fromRunes(int[] r, int from, int to) { return new String(r, from, to - from); }

    static boolean isGoSpace(int c) {
        return switch (c) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0 -> true;
            default -> c > 0xFF && Character.isSpaceChar(c);
        };
    }

    /** Index, in code points, of the first {@code sub} in {@code s} at or after code point {@code from}; -1 if none. */
    static int indexOf(int[] s, int[] sub, int from) {
        outer:
        for (int i = from; i + sub.length <= s.length; i++) {
            for (int j = 0; j < sub.length; j++) if (s[i + j] != sub[j]) continue outer;
            return i;
        }
        return -1;
    }

    /** Go's strings.Trim family: strips code points found in {@code cutset} from either end. */
    static String trim(String s, String cutset, boolean left, boolean right) {
        int[] r = runes(s);
        int[] cut = runes(cutset);
        int from = 0, to = r.length;
        while (left && from < to && contains(cut, r[from])) from++;
        while (right && to > from && contains(cut, r[to - 1])) to--;
        return fromRunes(r, from, to);
    }

    private static boolean contains(int[] cut, int c) {
        for (int x : cut) if (x == c) return true;
        return false;
    }

    static String trimSpace(String s) {
        int[] r = runes(s);
        int from = 0, to = r.length;
        while (from < to && isGoSpace(r[from])) from++;
        while (to > from && isGoSpace(r[to - 1])) to--;
        return fromRunes(r, from, to);
    }

    /** Go's strings.Replace with n &lt; 0: an empty {@code old} inserts {@code with} around every code point. */
    static String replaceAll(String s, String old, String with) {
        if (!old.isEmpty()) return s.replace(old, with);
        StringBuilder sb = new StringBuilder(with);
        s.codePoints().forEach(c -> sb.appendCodePoint(c).append(with));
        return sb.toString();
    }
}
