package dev.warden.rego.lexer;

/**
 * One token of Rego source.
 *
 * @param kind          what the token is
 * @param value         the identifier or number text, the decoded content of a string or template part, or the
 *                      reason an {@link TokenKind#ILLEGAL} token could not be read
 * @param start         offset of its first character in the source
 * @param end           offset just past its last character
 * @param spaceBefore   true when whitespace or a comment separates it from the previous token (refs and calls
 *                      must follow their head directly: {@code f(x)} is a call, {@code f (x)} is not)
 * @param newlineBefore true when a line break separates it from the previous token (a newline ends an
 *                      expression in a body)
 * @param raw           for strings and template parts: written with backticks
 */
public record Token(TokenKind kind, String value, int start, int end, boolean spaceBefore, boolean newlineBefore,
                    boolean raw) {

    public boolean is(TokenKind k) { return kind == k; }

    /** True when this is the identifier {@code word} (keywords are identifiers to the lexer). */
    public boolean isWord(String word) { return kind == TokenKind.IDENT && value.equals(word); }

    @Override
    public String toString() { return kind + (kind == TokenKind.IDENT || kind == TokenKind.NUMBER ? "(" + value + ")" : ""); }
}
