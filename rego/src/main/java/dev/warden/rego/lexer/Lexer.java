package dev.warden.rego.lexer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Splits Rego source text into {@link Token}s, ending with one {@link TokenKind#EOF} token.
 *
 * <pre>{@code
 * List<Token> tokens = Lexer.tokenize("x := input.user.name # who\n");
 * // IDENT(x) ASSIGN IDENT(input) DOT IDENT(user) DOT IDENT(name) EOF
 * }</pre>
 *
 * <p>The lexer never fails: what it cannot read becomes an {@link TokenKind#ILLEGAL} token carrying the reason
 * ({@code non-terminated string}, {@code illegal escape sequence}, ...), which the parser reports with its
 * location. Template strings ({@code $"a {x} b"}) are lexed as a part token, the tokens of the expression, the
 * closing {@code }} and a further part or end token; a stack of brace depths tells which {@code }} closes an
 * embedded expression, so templates may nest.
 */
public final class Lexer {
    private final String text;
    private int pos;
    private final List<Token> tokens = new ArrayList<>();
    private final List<Comment> comments = new ArrayList<>();
    /** One entry per template expression being lexed: {brace depth inside it, 1 when the template is raw}. */
    private final Deque<int[]> templates = new ArrayDeque<>();
    private boolean space;
    private boolean newline;

    private Lexer(String text) {
        this.text = text;
        this.pos = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? 1 : 0;
    }

    /** Tokenizes the whole text. */
    public static List<Token> tokenize(String text) { return lex(text).tokens(); }

    /** The tokens of a text and, apart, its comments. */
    public record Lexed(List<Token> tokens, List<Comment> comments) {}

    /** Tokenizes the whole text, keeping the comments too. */
    public static Lexed lex(String text) {
        Lexer lexer = new Lexer(text);
        lexer.run();
        return new Lexed(lexer.tokens, lexer.comments);
    }

    private void run() {
        while (true) {
            skipSpaceAndComments();
            if (pos >= text.length()) {
                add(TokenKind.EOF, "", pos, pos, false);
                return;
            }
            lexOne();
        }
    }

    private void skipSpaceAndComments() {
        space = false;
        newline = false;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r') {
                space = true;
                pos++;
            } else if (c == '\n') {
                space = true;
                newline = true;
                pos++;
            } else if (c == '#') {
                space = true;
                int start = pos;
                while (pos < text.length() && text.charAt(pos) != '\n') pos++;
                int end = pos > start + 1 && text.charAt(pos - 1) == '\r' ? pos - 1 : pos;
                comments.add(new Comment(text.substring(start + 1, end), start, end));
            } else {
                return;
            }
        }
    }

    private void add(TokenKind kind, String value, int start, int end, boolean raw) {
        tokens.add(new Token(kind, value, start, end, space, newline, raw));
        space = false;
        newline = false;
    }

    private void illegal(String reason, int start) {
        add(TokenKind.ILLEGAL, reason, start, Math.max(pos, start + 1), false);
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < text.length() ? text.charAt(i) : '\0';
    }

    private void lexOne() {
        int start = pos;
        char c = text.charAt(pos);
        if (isLetter(c)) {
            pos++;
            while (pos < text.length() && (isLetter(text.charAt(pos)) || Character.isDigit(text.charAt(pos)))) pos++;
            add(TokenKind.IDENT, text.substring(start, pos), start, pos, false);
            return;
        }
        if (c >= '0' && c <= '9') {
            lexNumber();
            return;
        }
        pos++;
        switch (c) {
            case '"' -> lexString(start);
            case '`' -> lexRawString(start);
            case '$' -> {
                if (peek(0) == '"' || peek(0) == '`') {
                    boolean raw = peek(0) == '`';
                    pos++;
                    lexTemplatePart(start, raw);
                } else {
                    illegal("illegal $ character", start);
                }
            }
            case '[' -> add(TokenKind.LBRACK, "[", start, pos, false);
            case ']' -> add(TokenKind.RBRACK, "]", start, pos, false);
            case '{' -> {
                if (!templates.isEmpty()) templates.peek()[0]++;
                add(TokenKind.LBRACE, "{", start, pos, false);
            }
            case '}' -> closeBrace(start);
            case '(' -> add(TokenKind.LPAREN, "(", start, pos, false);
            case ')' -> add(TokenKind.RPAREN, ")", start, pos, false);
            case ',' -> add(TokenKind.COMMA, ",", start, pos, false);
            case ';' -> add(TokenKind.SEMICOLON, ";", start, pos, false);
            case '.' -> add(TokenKind.DOT, ".", start, pos, false);
            case '+' -> add(TokenKind.PLUS, "+", start, pos, false);
            case '-' -> add(TokenKind.MINUS, "-", start, pos, false);
            case '*' -> add(TokenKind.MUL, "*", start, pos, false);
            case '/' -> add(TokenKind.QUO, "/", start, pos, false);
            case '%' -> add(TokenKind.REM, "%", start, pos, false);
            case '&' -> add(TokenKind.AND, "&", start, pos, false);
            case '|' -> add(TokenKind.OR, "|", start, pos, false);
            case ':' -> twoChar('=', TokenKind.ASSIGN, TokenKind.COLON, start);
            case '=' -> twoChar('=', TokenKind.EQUAL, TokenKind.UNIFY, start);
            case '<' -> twoChar('=', TokenKind.LTE, TokenKind.LT, start);
            case '>' -> twoChar('=', TokenKind.GTE, TokenKind.GT, start);
            case '!' -> {
                if (peek(0) == '=') {
                    pos++;
                    add(TokenKind.NEQ, "!=", start, pos, false);
                } else {
                    illegal("illegal ! character", start);
                }
            }
            case '\0' -> illegal("illegal null character", start);
            default -> {
                if (Character.isHighSurrogate(c) && pos < text.length()) pos++;
                add(TokenKind.ILLEGAL, "illegal token", start, pos, false);
            }
        }
    }

    private void twoChar(char second, TokenKind ifPair, TokenKind single, int start) {
        if (peek(0) == second) {
            pos++;
            add(ifPair, text.substring(start, pos), start, pos, false);
        } else {
            add(single, text.substring(start, pos), start, pos, false);
        }
    }

    /** A {@code }} either closes a brace opened inside a template expression or the expression itself. */
    private void closeBrace(int start) {
        int[] top = templates.peek();
        if (top == null || top[0] > 0) {
            if (top != null) top[0]--;
            add(TokenKind.RBRACE, "}", start, pos, false);
            return;
        }
        templates.pop();
        add(TokenKind.RBRACE, "}", start, pos, false);
        lexTemplatePart(pos, top[1] == 1);
    }

    /** Number text as OPA's scanner reads it; a sign is a separate token and leading dots are the parser's. */
    private void lexNumber() {
        int start = pos;
        while (isDigit(peek(0))) pos++;
        String error = null;
        if (peek(0) == '.') {
            pos++;
            if (!isDigit(peek(0))) error = "expected fraction";
            while (isDigit(peek(0))) pos++;
        }
        if (error == null && (peek(0) == 'e' || peek(0) == 'E')) {
            pos++;
            if (peek(0) == '+' || peek(0) == '-') pos++;
            if (!isDigit(peek(0))) error = "expected exponent";
            while (isDigit(peek(0))) pos++;
        }
        if (error == null && isLetter(peek(0))) {
            error = "illegal number format";
            while (isLetter(peek(0)) || Character.isDigit(peek(0))) pos++;
        }
        if (error != null) {
            illegal(error, start);
        } else {
            add(TokenKind.NUMBER, text.substring(start, pos), start, pos, false);
        }
    }

    private void lexString(int start) {
        StringDecoder.Result r = StringDecoder.quoted(text, pos, false);
        pos = r.end();
        if (r.error() != null) {
            illegal(r.error(), start);
        } else {
            add(TokenKind.STRING, r.value(), start, pos, false);
        }
    }

    private void lexRawString(int start) {
        int close = text.indexOf('`', pos);
        if (close < 0) {
            pos = text.length();
            illegal("non-terminated string", start);
            return;
        }
        String value = text.substring(pos, close);
        pos = close + 1;
        add(TokenKind.STRING, value, start, pos, true);
    }

    /** Literal text of a template string, from {@code pos} up to an unescaped brace or the closing delimiter. */
    private void lexTemplatePart(int start, boolean raw) {
        StringDecoder.Result r = raw ? StringDecoder.rawTemplate(text, pos) : StringDecoder.quoted(text, pos, true);
        pos = r.end();
        if (r.error() != null) {
            illegal(r.error(), start);
            return;
        }
        if (r.openedBrace()) {
            templates.push(new int[] {0, raw ? 1 : 0});
            add(TokenKind.TEMPLATE_PART, r.value(), start, pos, raw);
        } else {
            add(TokenKind.TEMPLATE_END, r.value(), start, pos, raw);
        }
    }

    private static boolean isLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }
}
