package dev.warden.rego.builtins;

import java.util.ArrayList;
import java.util.List;

/** GraphQL tokens with 1-based line and column, as gqlparser reports them in errors. */
final class GraphqlLexer {
    enum Kind { NAME, INT, FLOAT, STRING, BLOCK_STRING, PUNCT, EOF, INVALID }

    record Token(Kind kind, String value, int line, int column) {
        /** How gqlparser names a token in "Expected X, found Y". */
        String describe() {
            return switch (kind) {
                case NAME -> "Name \"" + value + "\"";
                case INT -> "Int \"" + value + "\"";
                case FLOAT -> "Float \"" + value + "\"";
                case STRING -> "String \"" + value + "\"";
                case BLOCK_STRING -> "BlockString \"" + value + "\"";
                case PUNCT -> value;
                case EOF -> "<EOF>";
                case INVALID -> "<Invalid>";
            };
        }

        boolean is(String punct) { return kind == Kind.PUNCT && value.equals(punct); }
    }

    private final String src;
    private int pos, line = 1, lineStart;

    private GraphqlLexer(String src) { this.src = src; }

    static List<Token> tokens(String src) {
        GraphqlLexer l = new GraphqlLexer(src);
        List<Token> out = new ArrayList<>();
        Token t;
        do {
            t = l.next();
            out.add(t);
        } while (t.kind() != Kind.EOF && t.kind() != Kind.INVALID);
        return out;
    }

    private int column() { return src.codePointCount(lineStart, pos) + 1; }

    private void newline(int at, int width) {
        pos = at + width;
        line++;
        lineStart = pos;
    }

    private void skipIgnored() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') newline(pos, 1);
            else if (c == '\r') newline(pos, pos + 1 < src.length() && src.charAt(pos + 1) == '\n' ? 2 : 1);
            else if (c == ' ' || c == '\t' || c == ',' || c == '\uFEFF') pos++;
            else if (c == '#') { while (pos < src.length() && src.charAt(pos) != '\n' && src.charAt(pos) != '\r') pos++; }
            else break;
        }
    }

    private Token next() {
        skipIgnored();
        int ln = line, col = column();
        if (pos >= src.length()) return new Token(Kind.EOF, "", ln, col);
        char c = src.charAt(pos);
        if (src.startsWith("...", pos)) {
            pos += 3;
            return new Token(Kind.PUNCT, "...", ln, col);
        }
        if ("!$&()[]{}:=@|".indexOf(c) >= 0) {
            pos++;
            return new Token(Kind.PUNCT, String.valueOf(c), ln, col);
        }
        if (c == '_' || Character.isLetter(c) && c < 128) {
            int start = pos;
            while (pos < src.length() && (src.charAt(pos) == '_' || (src.charAt(pos) < 128 && Character.isLetterOrDigit(src.charAt(pos))))) pos++;
            return new Token(Kind.NAME, src.substring(start, pos), ln, col);
        }
        if (c == '-' || Character.isDigit(c)) return number(ln, col);
        // gqlparser places string tokens just inside their opening quotes.
        if (src.startsWith("\"\"\"", pos)) return blockString(ln, col + 3);
        if (c == '"') return string(ln, col + 1);
        return new Token(Kind.INVALID, String.valueOf(c), ln, col);
    }

    private Token number(int ln, int col) {
        int start = pos;
        boolean isFloat = false;
        if (src.charAt(pos) == '-') pos++;
        int digits = digits();
        if (digits == 0) return new Token(Kind.INVALID, src.substring(start, pos), ln, col);
        if (pos < src.length() && src.charAt(pos) == '.') {
            pos++;
            isFloat = true;
            if (digits() == 0) return new Token(Kind.INVALID, src.substring(start, pos), ln, col);
        }
        if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            pos++;
            isFloat = true;
            if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) pos++;
            if (digits() == 0) return new Token(Kind.INVALID, src.substring(start, pos), ln, col);
        }
        return new Token(isFloat ? Kind.FLOAT : Kind.INT, src.substring(start, pos), ln, col);
    }

    private int digits() {
        int start = pos;
        while (pos < src.length() && Character.isDigit(src.charAt(pos))) pos++;
        return pos - start;
    }

    private Token string(int ln, int col) {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '"') {
                pos++;
                return new Token(Kind.STRING, sb.toString(), ln, col);
            }
            if (c == '\n' || c == '\r') break;
            if (c == '\\' && pos + 1 < src.length()) {
                char e = src.charAt(pos + 1);
                pos += 2;
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 4 > src.length()) return new Token(Kind.INVALID, "", line, column());
                        try {
                            sb.append((char) Integer.parseInt(src.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException bad) {
                            return new Token(Kind.INVALID, "", line, column());
                        }
                        pos += 4;
                    }
                    default -> { return new Token(Kind.INVALID, "", line, column()); }
                }
                continue;
            }
            sb.append(c);
            pos++;
        }
        return new Token(Kind.INVALID, "", line, column());
    }

    private Token blockString(int ln, int col) {
        pos += 3;
        StringBuilder raw = new StringBuilder();
        while (pos < src.length()) {
            if (src.startsWith("\"\"\"", pos)) {
                pos += 3;
                return new Token(Kind.BLOCK_STRING, dedent(raw.toString()), ln, col);
            }
            if (src.startsWith("\\\"\"\"", pos)) {
                raw.append("\"\"\"");
                pos += 4;
                continue;
            }
            char c = src.charAt(pos);
            if (c == '\n') {
                raw.append('\n');
                newline(pos, 1);
            } else if (c == '\r') {
                raw.append('\n');
                newline(pos, pos + 1 < src.length() && src.charAt(pos + 1) == '\n' ? 2 : 1);
            } else {
                raw.append(c);
                pos++;
            }
        }
        return new Token(Kind.INVALID, "", line, column());
    }

    /** The GraphQL spec's BlockStringValue: common indentation and blank leading/trailing lines removed. */
    static String dedent(String raw) {
        String[] lines = raw.split("\n", -1);
        int common = Integer.MAX_VALUE;
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i];
            int indent = 0;
            while (indent < l.length() && (l.charAt(indent) == ' ' || l.charAt(indent) == '\t')) indent++;
            if (indent < l.length()) common = Math.min(common, indent);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            out.add(i > 0 && common != Integer.MAX_VALUE && lines[i].length() >= common ? lines[i].substring(common) : lines[i]);
        }
        while (!out.isEmpty() && out.getFirst().isBlank()) out.removeFirst();
        while (!out.isEmpty() && out.getLast().isBlank()) out.removeLast();
        return String.join("\n", out);
    }
}
