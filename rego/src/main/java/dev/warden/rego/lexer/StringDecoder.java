package dev.warden.rego.lexer;

/** Reads the body of quoted strings and template-string parts, decoding JSON escapes. */
final class StringDecoder {
    private StringDecoder() {}

    /**
     * @param value       the decoded text (null on error)
     * @param end         offset just past what was read (past the closing delimiter or the opening brace)
     * @param openedBrace for template parts: true when the text stopped at an unescaped {@code {}
     * @param error       the reason the text could not be read, or null
     */
    record Result(String value, int end, boolean openedBrace, String error) {}

    /**
     * A {@code "..."} string or quoted template part starting just after its opening quote (or after the
     * {@code }} that ended an embedded expression). In templates, {@code \{} is a literal brace.
     */
    static Result quoted(String text, int from, boolean template) {
        StringBuilder sb = new StringBuilder();
        int i = from;
        String error = null;
        while (true) {
            if (i >= text.length() || text.charAt(i) == '\n') {
                return new Result(null, i, false, "non-terminated string");
            }
            char c = text.charAt(i++);
            if (c == '"') break;
            if (template && c == '{') {
                return error == null ? new Result(sb.toString(), i, true, null) : new Result(null, i, true, error);
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = i < text.length() ? text.charAt(i) : '\0';
            i++;
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    int cp = hex4(text, i);
                    if (cp < 0) {
                        if (error == null) error = "illegal string literal: " + literal(text, from, template);
                        for (int k = 0; k < 4 && i < text.length() && Character.digit(text.charAt(i), 16) >= 0; k++) i++;
                    } else {
                        i += 4;
                        i = appendCodeUnit(sb, (char) cp, text, i);
                    }
                }
                default -> {
                    if (template && e == '{') {
                        sb.append('{');
                    } else {
                        if (error == null) error = "illegal escape sequence";
                        if (e == '\n' || e == '\0') i--;
                    }
                }
            }
        }
        return error == null ? new Result(sb.toString(), i, false, null) : new Result(null, i, false, error);
    }

    /** A high surrogate must be followed by an escaped low surrogate; a lone half becomes U+FFFD, as in Go. */
    private static int appendCodeUnit(StringBuilder sb, char unit, String text, int i) {
        if (Character.isHighSurrogate(unit)) {
            if (i + 1 < text.length() && text.charAt(i) == '\\' && text.charAt(i + 1) == 'u') {
                int low = hex4(text, i + 2);
                if (low >= 0 && Character.isLowSurrogate((char) low)) {
                    sb.append(unit).append((char) low);
                    return i + 6;
                }
            }
            sb.append('\uFFFD');
            return i;
        }
        sb.append(Character.isLowSurrogate(unit) ? '\uFFFD' : unit);
        return i;
    }

    private static int hex4(String text, int i) {
        if (i + 4 > text.length()) return -1;
        int v = 0;
        for (int k = 0; k < 4; k++) {
            int d = Character.digit(text.charAt(i + k), 16);
            if (d < 0) return -1;
            v = v * 16 + d;
        }
        return v;
    }

    private static String literal(String text, int from, boolean template) {
        int end = text.indexOf('\n', from);
        String rest = text.substring(from, end < 0 ? text.length() : end);
        int close = rest.indexOf('"');
        return "\"" + (close >= 0 ? rest.substring(0, close + 1) : rest);
    }

    /** A raw template part starting after {@code $`} or after an embedded expression; {@code \{} is a brace. */
    static Result rawTemplate(String text, int from) {
        StringBuilder sb = new StringBuilder();
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i++);
            if (c == '`') return new Result(sb.toString(), i, false, null);
            if (c == '{') return new Result(sb.toString(), i, true, null);
            if (c == '\\' && i < text.length() && text.charAt(i) == '{') {
                sb.append('{');
                i++;
                continue;
            }
            sb.append(c);
        }
        return new Result(null, i, false, "non-terminated string");
    }
}
