package dev.warden.rego.parser;

import dev.warden.rego.RegoError;
import dev.warden.rego.lexer.Token;
import dev.warden.rego.lexer.TokenKind;
import dev.warden.rego.source.Location;
import dev.warden.rego.source.Source;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The token cursor shared by the parser layers: the current token, the keywords in force, locations, and the
 * errors. Tokens are lexed up front, so saving and restoring a position for backtracking is just an index.
 */
abstract class ParserBase {
    /** Keywords of every Rego version. */
    static final Set<String> BASE_KEYWORDS =
            Set.of("as", "default", "else", "import", "package", "not", "some", "with", "null", "true", "false");
    /** Keywords of Rego v1 that v0 modules get only through {@code import future.keywords} or {@code rego.v1}. */
    static final Set<String> FUTURE_KEYWORDS = Set.of("contains", "every", "if", "in");

    /** Nesting deeper than this is reported instead of overflowing the Java stack. */
    private static final int MAX_DEPTH = 400;

    final Source source;
    final List<Token> tokens;
    final boolean v0;
    final Set<String> keywords = new HashSet<>(BASE_KEYWORDS);
    int pos;
    private int depth;

    ParserBase(Source source, List<Token> tokens, boolean v0) {
        this.source = source;
        this.tokens = tokens;
        this.v0 = v0;
        if (!v0) keywords.addAll(FUTURE_KEYWORDS);
    }

    Token tok() { return tokens.get(pos); }

    Token peek(int ahead) { return tokens.get(Math.min(pos + ahead, tokens.size() - 1)); }

    boolean at(TokenKind kind) { return tokens.get(pos).kind() == kind; }

    Token next() {
        Token t = tokens.get(pos);
        if (pos < tokens.size() - 1) pos++;
        return t;
    }

    /** End offset of the last consumed token: where the node being built ends. */
    int prevEnd() { return pos == 0 ? 0 : tokens.get(pos - 1).end(); }

    boolean isKeyword(String word) { return keywords.contains(word); }

    /** True when the current token is the keyword {@code word} in force (and not the head of a ref like {@code if.x}). */
    boolean atKeyword(String word) { return tok().isWord(word) && isKeyword(word) && !keywordStartsRef(); }

    /** A keyword directly followed by {@code .} or {@code [} names a document ({@code as.foo := 1}), as OPA allows. */
    boolean keywordStartsRef() {
        Token after = peek(1);
        return (after.is(TokenKind.DOT) || after.is(TokenKind.LBRACK)) && !after.spaceBefore();
    }

    /** The current token is an identifier usable as a var or ref head. */
    boolean atName() {
        Token t = tok();
        return t.is(TokenKind.IDENT) && (!isKeyword(t.value()) || keywordStartsRef());
    }

    Location loc(int start, int end) { return source.locationAt(start).withLength(Math.max(0, end - start)); }

    Location tokLoc(Token t) { return loc(t.start(), t.end()); }

    /** A hint for the next error, e.g. which import would make a v0 module parse; OPA appends these too. */
    String hint;

    ParseFailure failAt(Location location, String message) {
        String text = hint == null ? message : message + " (hint: " + hint + ")";
        hint = null;
        return new ParseFailure(new RegoError("rego_parse_error", text, location));
    }

    ParseFailure failAt(Token t, String message) { return failAt(tokLoc(t).withLength(0), message); }

    /** OPA's {@code unexpected X token} (or {@code keyword}), with an optional note after a colon. */
    ParseFailure unexpected(String note) {
        Token t = tok();
        if (t.is(TokenKind.ILLEGAL)) return failAt(t, t.value());
        String what = describe(t);
        return failAt(t, note == null || note.isEmpty() ? "unexpected " + what : "unexpected " + what + ": " + note);
    }

    String describe(Token t) {
        if (t.is(TokenKind.IDENT)) {
            return BASE_KEYWORDS.contains(t.value()) || FUTURE_KEYWORDS.contains(t.value()) && isKeyword(t.value())
                    ? t.value() + " keyword" : "identifier token";
        }
        return t.kind().display() + " token";
    }

    void expect(TokenKind kind, String note) {
        if (!at(kind)) throw unexpected(note);
        next();
    }

    /** Counts nesting; callers pair it with {@link #leave()} in a finally block. */
    void enter() {
        if (depth >= MAX_DEPTH) throw failAt(tok(), "max parsing recursion depth exceeded");
        depth++;
    }

    void leave() { depth--; }
}
