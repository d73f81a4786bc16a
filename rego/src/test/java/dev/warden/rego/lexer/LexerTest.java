package dev.warden.rego.lexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Lexing Rego source")
class LexerTest {

    static List<TokenKind> kinds(String text) { return Lexer.tokenize(text).stream().map(Token::kind).toList(); }

    @Test
    void readsEveryOperatorAndPunctuationMark() {
        assertThat(kinds(":= = == != < <= > >= + - * / % & | , ; : . [ ] { } ( )")).containsExactly(
                TokenKind.ASSIGN, TokenKind.UNIFY, TokenKind.EQUAL, TokenKind.NEQ, TokenKind.LT, TokenKind.LTE,
                TokenKind.GT, TokenKind.GTE, TokenKind.PLUS, TokenKind.MINUS, TokenKind.MUL, TokenKind.QUO,
                TokenKind.REM, TokenKind.AND, TokenKind.OR, TokenKind.COMMA, TokenKind.SEMICOLON, TokenKind.COLON,
                TokenKind.DOT, TokenKind.LBRACK, TokenKind.RBRACK, TokenKind.LBRACE, TokenKind.RBRACE,
                TokenKind.LPAREN, TokenKind.RPAREN, TokenKind.EOF);
    }

    @Test
    void keywordsAreIdentifiersForTheParserToInterpret() {
        List<Token> tokens = Lexer.tokenize("if x_1 in contains");
        assertThat(tokens).extracting(Token::kind).containsExactly(TokenKind.IDENT, TokenKind.IDENT, TokenKind.IDENT,
                TokenKind.IDENT, TokenKind.EOF);
        assertThat(tokens.get(1).value()).isEqualTo("x_1");
        assertThat(tokens.get(0).isWord("if")).isTrue();
    }

    @Test
    void recordsWhitespaceAndLineBreaksBeforeEachToken() {
        List<Token> tokens = Lexer.tokenize("f(x) g (y)\n  # note\n z");
        assertThat(tokens.get(1).spaceBefore()).isFalse();
        assertThat(tokens.get(5).spaceBefore()).isTrue();
        assertThat(tokens.get(5).newlineBefore()).isFalse();
        Token z = tokens.get(8);
        assertThat(z.value()).isEqualTo("z");
        assertThat(z.newlineBefore()).isTrue();
        assertThat(z.start()).isEqualTo(21);
    }

    @Test
    void keepsTheTextOfNumbersForArbitraryPrecision() {
        List<Token> tokens = Lexer.tokenize("12345678901234567890123 1.50 2e10 3E-2");
        assertThat(tokens).extracting(Token::value).containsExactly("12345678901234567890123", "1.50", "2e10", "3E-2", "");
    }

    @Test
    void rejectsMalformedNumbers() {
        assertThat(Lexer.tokenize("1.").getFirst().value()).isEqualTo("expected fraction");
        assertThat(Lexer.tokenize("1e+").getFirst().value()).isEqualTo("expected exponent");
        assertThat(Lexer.tokenize("0a2").getFirst()).extracting(Token::kind, Token::value)
                .containsExactly(TokenKind.ILLEGAL, "illegal number format");
    }

    @Test
    void decodesJsonEscapesIncludingSurrogatePairs() {
        Token t = Lexer.tokenize("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\"").getFirst();
        assertThat(t.kind()).isEqualTo(TokenKind.STRING);
        assertThat(t.value()).isEqualTo("a\"b\\c/d\b\f\n\r\té😀");
        assertThat(Lexer.tokenize("\"\\ud83d x\"").getFirst().value()).isEqualTo("\uFFFD x");
    }

    @Test
    void readsRawStringsVerbatimAcrossLines() {
        Token t = Lexer.tokenize("`a\\n\nb\"`").getFirst();
        assertThat(t.value()).isEqualTo("a\\n\nb\"");
        assertThat(t.raw()).isTrue();
    }

    @Test
    void reportsUnreadableInputAsIllegalTokensWithAReason() {
        assertThat(Lexer.tokenize("\"abc\n\"").getFirst().value()).isEqualTo("non-terminated string");
        assertThat(Lexer.tokenize("`abc").getFirst().value()).isEqualTo("non-terminated string");
        assertThat(Lexer.tokenize("\"\\x\"").getFirst().value()).isEqualTo("illegal escape sequence");
        assertThat(Lexer.tokenize("\"\\u12\"").getFirst().value()).startsWith("illegal string literal");
        assertThat(Lexer.tokenize("!").getFirst().value()).isEqualTo("illegal ! character");
        assertThat(Lexer.tokenize("$x").getFirst().value()).isEqualTo("illegal $ character");
        assertThat(Lexer.tokenize("@").getFirst().kind()).isEqualTo(TokenKind.ILLEGAL);
    }

    @Test
    void splitsTemplateStringsAroundEmbeddedExpressions() {
        List<Token> tokens = Lexer.tokenize("$\"Hi {name} \\{x} {{1}}!\"");
        assertThat(tokens).extracting(Token::kind).containsExactly(TokenKind.TEMPLATE_PART, TokenKind.IDENT,
                TokenKind.RBRACE, TokenKind.TEMPLATE_PART, TokenKind.LBRACE, TokenKind.NUMBER, TokenKind.RBRACE,
                TokenKind.RBRACE, TokenKind.TEMPLATE_END, TokenKind.EOF);
        assertThat(tokens.get(0).value()).isEqualTo("Hi ");
        assertThat(tokens.get(3).value()).isEqualTo(" {x} ");
        assertThat(tokens.get(8).value()).isEqualTo("!");
    }

    @Test
    void rawTemplateStringsMaySpanLines() {
        List<Token> tokens = Lexer.tokenize("$`a\n{x}\\{b`");
        assertThat(tokens).extracting(Token::kind).containsExactly(TokenKind.TEMPLATE_PART, TokenKind.IDENT,
                TokenKind.RBRACE, TokenKind.TEMPLATE_END, TokenKind.EOF);
        assertThat(tokens.get(0).raw()).isTrue();
        assertThat(tokens.get(3).value()).isEqualTo("{b");
    }
}
