package dev.warden.rego.lexer;

/**
 * The kinds of Rego tokens. Keywords are lexed as {@link #IDENT}: which words are keywords depends on the
 * Rego version and on {@code import future.keywords...}, which only the parser knows.
 */
public enum TokenKind {
    IDENT("identifier"),
    NUMBER("number"),
    STRING("string"),
    /** Literal text of a template string up to an unescaped {@code {}; an expression follows. */
    TEMPLATE_PART("template-string-part"),
    /** The last literal text of a template string, up to its closing quote or backtick. */
    TEMPLATE_END("template-string-end"),
    LBRACK("["), RBRACK("]"), LBRACE("{"), RBRACE("}"), LPAREN("("), RPAREN(")"),
    COMMA(","), COLON(":"), SEMICOLON(";"), DOT("."),
    ASSIGN("assign"), UNIFY("eq"), EQUAL("equal"), NEQ("neq"), LT("lt"), LTE("lte"), GT("gt"), GTE("gte"),
    PLUS("plus"), MINUS("minus"), MUL("mul"), QUO("div"), REM("rem"), AND("and"), OR("or"),
    /** A character or literal the lexer could not read; the token's value holds the reason. */
    ILLEGAL("illegal"),
    EOF("eof");

    private final String display;

    TokenKind(String display) { this.display = display; }

    /** The name OPA uses for this token in error messages ({@code unexpected } token}, {@code unexpected eq token}). */
    public String display() { return display; }
}
