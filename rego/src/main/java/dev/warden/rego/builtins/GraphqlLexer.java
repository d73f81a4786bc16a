package dev.warden.rego.builtins;

/**
 * Tokens of a GraphQL document, read the way OPA's GraphQL parser reads them so that error messages and
 * positions (1-based line and column, counted in code points) match OPA's. Commas, whitespace, comments and a
 * byte order mark are skipped. A malformed token comes back as {@link Kind#INVALID} carrying its own error,
 * which the parser reports only if it actually consumes that token.
 *
 * <pre>{@code
 * GraphqlLexer lexer = new GraphqlLexer("{ hero }");
 * GraphqlLexer.Token t = lexer.next(); // BRACE_L at 1:1
 * }</pre>
 */
final class GraphqlLexer {
    enum Kind {
        INVALID("<Invalid>"), EOF("<EOF>"), BANG("!"), DOLLAR("$"), AMP("&"), PAREN_L("("), PAREN_R(")"),
        SPREAD("..."), COLON(":"), EQUALS("="), AT("@"), BRACKET_L("["), BRACKET_R("]"), BRACE_L("{"), PIPE("|"),
        BRACE_R("}"), NAME("Name"), INT("Int"), FLOAT("Float"), STRING("String"), BLOCK_STRING("BlockString");

        final String label;

        Kind(String label) { this.label = label; }
    }

    /** A token; {@code error} is set only for INVALID tokens. */
    record Token(Kind kind, String value, int line, int column, String error) {
        /** As OPA prints a token in "Unexpected ..." messages: {@code Name "foo"} or just the kind. */
        String describe() {
            return value.isEmpty() ? kind.label : kind.label + " " + GraphqlText.quote(value);
        }
    }

    private final int[] src;
    private int pos;
    private int line = 1;
    private int lineStart;
    private int start;

    GraphqlLexer(String input) {
        this.src = input.codePoints().toArray();
    }

    Token next() {
        skipIgnored();
        start = pos;
        if (pos >= src.length) return token(Kind.EOF, "");
        int c = src[pos++];
        switch (c) {
            case '!': return token(Kind.BANG, "");
            case '$': return token(Kind.DOLLAR, "");
            case '&': return token(Kind.AMP, "");
            case '(': return token(Kind.PAREN_L, "");
            case ')': return token(Kind.PAREN_R, "");
            case ':': return token(Kind.COLON, "");
            case '=': return token(Kind.EQUALS, "");
            case '@': return token(Kind.AT, "");
            case '[': return token(Kind.BRACKET_L, "");
            case ']': return token(Kind.BRACKET_R, "");
            case '{': return token(Kind.BRACE_L, "");
            case '}': return token(Kind.BRACE_R, "");
            case '|': return token(Kind.PIPE, "");
            case '.':
                if (pos + 1 < src.length && src[pos] == '.' && src[pos + 1] == '.') {
                    pos += 2;
                    return token(Kind.SPREAD, "");
                }
                break;
            case '#':
                while (pos < src.length && (src[pos] > 0x1f || src[pos] == '\t')) pos++;
                return next();
            case '"':
                if (pos + 1 < src.length && src[pos] == '"' && src[pos + 1] == '"') return blockString();
                return string();
            default:
                if (c == '_' || isLetter(c)) return name();
                if (c == '-' || isDigit(c)) return number();
        }
        pos--;
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            return error(String.format("Cannot contain the invalid character \"\\u%04d\"", c));
        }
        if (c == '\'') return error("Unexpected single quote character ('), did you mean to use a double quote (\")?");
        return error("Cannot parse the unexpected character \"" + Character.toString(c) + "\".");
    }

    private void skipIgnored() {
        while (pos < src.length) {
            int c = src[pos];
            if (c == '\t' || c == ' ' || c == ',' || c == 0xFEFF) {
                pos++;
            } else if (c == '\n') {
                newLine(pos + 1);
            } else if (c == '\r') {
                newLine(pos + 1);
                if (pos < src.length && src[pos] == '\n') pos++;
            } else {
                return;
            }
        }
    }

    private void newLine(int at) {
        pos = at;
        line++;
        lineStart = pos;
    }

    private Token token(Kind kind, String value) {
        return new Token(kind, value, line, start - lineStart + 1, null);
    }

    private Token text(Kind kind) {
        return token(kind, new String(src, start, pos - start));
    }

    private Token error(String message) {
        return new Token(Kind.INVALID, "", line, pos - lineStart + 1, message);
    }

    private Token name() {
        while (pos < src.length && (isDigit(src[pos]) || isLetter(src[pos]) || src[pos] == '_')) pos++;
        return text(Kind.NAME);
    }

    private Token number() {
        pos--;
        boolean isFloat = false;
        accept('-');
        if (accept('0')) {
            int digits = digits();
            if (digits != 0) {
                pos -= digits;
                return error("Invalid number, unexpected digit after 0: " + describeNext() + ".");
            }
        } else if (digits() == 0) {
            return error("Invalid number, expected digit but got: " + describeNext() + ".");
        }
        if (accept('.')) {
            isFloat = true;
            if (digits() == 0) return error("Invalid number, expected digit but got: " + describeNext() + ".");
        }
        if (accept('e') || accept('E')) {
            isFloat = true;
            if (!accept('-')) accept('+');
            if (digits() == 0) return error("Invalid number, expected digit but got: " + describeNext() + ".");
        }
        return text(isFloat ? Kind.FLOAT : Kind.INT);
    }

    private boolean accept(int c) {
        if (pos < src.length && src[pos] == c) {
            pos++;
            return true;
        }
        return false;
    }

    private int digits() {
        int n = 0;
        while (pos < src.length && isDigit(src[pos])) {
            pos++;
            n++;
        }
        return n;
    }

    private String describeNext() {
        return pos < src.length ? "\"" + Character.toString(src[pos]) + "\"" : "<EOF>";
    }

    private Token string() {
        start++; // the token's column is that of its first character, after the quote
        StringBuilder out = new StringBuilder();
        while (pos < src.length) {
            int c = src[pos];
            if (c == '\n' || c == '\r') break;
            if (c < 0x20 && c != '\t') return error(String.format("Invalid character within String: \"\\u%04d\".", c));
            if (c == '"') {
                Token t = token(Kind.STRING, out.toString());
                pos++;
                return t;
            }
            if (c != '\\') {
                out.appendCodePoint(c);
                pos++;
                continue;
            }
            if (pos + 1 >= src.length) {
                pos++;
                return error("Invalid character escape sequence.");
            }
            int esc = src[pos + 1];
            if (esc == 'u') {
                if (pos + 6 >= src.length) {
                    pos++;
                    return error("Invalid character escape sequence: \\" + new String(src, pos, src.length - pos) + ".");
                }
                int code = unhex(pos + 2);
                if (code < 0) {
                    pos++;
                    return error("Invalid character escape sequence: \\" + new String(src, pos, 5) + ".");
                }
                out.appendCodePoint(code);
                pos += 6;
                continue;
            }
            switch (esc) {
                case '"', '/', '\\' -> out.appendCodePoint(esc);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                default -> {
                    pos++;
                    return error("Invalid character escape sequence: \\" + Character.toString(esc) + ".");
                }
            }
            pos += 2;
        }
        return error("Unterminated string.");
    }

    private int unhex(int at) {
        int v = 0;
        for (int i = at; i < at + 4; i++) {
            int d = Character.digit(src[i], 16);
            if (d < 0) return -1;
            v = (v << 4) | d;
        }
        return v;
    }

    private Token blockString() {
        start += 3;
        pos += 2;
        StringBuilder raw = new StringBuilder();
        while (pos < src.length) {
            int c = src[pos];
            if (c == '"' && pos + 2 < src.length && src[pos + 1] == '"' && src[pos + 2] == '"') {
                // OPA positions a block string on the line where it ends, with its opening column
                Token t = token(Kind.BLOCK_STRING, GraphqlText.blockStringValue(raw.toString()));
                pos += 3;
                return t;
            }
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return error(String.format("Invalid character within String: \"\\u%04d\".", c));
            }
            if (c == '\\' && pos + 3 < src.length && src[pos + 1] == '"' && src[pos + 2] == '"' && src[pos + 3] == '"') {
                raw.append("\"\"\"");
                pos += 4;
            } else if (c == '\r') {
                if (pos + 1 < src.length && src[pos + 1] == '\n') pos++;
                raw.append('\n');
                newLine(pos + 1);
            } else {
                raw.appendCodePoint(c);
                if (c == '\n') newLine(pos + 1);
                else pos++;
            }
        }
        return error("Unterminated string.");
    }

    private static boolean isLetter(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

    private static boolean isDigit(int c) { return c >= '0' && c <= '9'; }
}
