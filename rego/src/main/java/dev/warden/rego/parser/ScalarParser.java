package dev.warden.rego.parser;

import dev.warden.rego.ast.Term;
import dev.warden.rego.lexer.Token;
import dev.warden.rego.lexer.TokenKind;
import dev.warden.rego.value.NumberValue;
import java.math.BigDecimal;

/** Number literals: an optional sign and leading dot are separate tokens, joined here as OPA does. */
final class ScalarParser {
    /** Decimal exponents beyond this are refused (OPA bounds the binary exponent at 1e5). */
    private static final int MAX_EXPONENT = 30000;

    private ScalarParser() {}

    static Term number(TermParser p) {
        Token first = p.tok();
        StringBuilder prefix = new StringBuilder();
        if (p.at(TokenKind.MINUS)) {
            prefix.append('-');
            p.next();
            if (!p.at(TokenKind.NUMBER) && !p.at(TokenKind.DOT)) throw p.unexpected("expected number");
        }
        if (p.at(TokenKind.DOT)) {
            prefix.append('.');
            p.next();
            if (!p.at(TokenKind.NUMBER)) throw p.unexpected("expected number");
        }
        Token digits = p.tok();
        String lit = digits.value();
        boolean afterDot = prefix.length() > 0 && prefix.charAt(prefix.length() - 1) == '.';
        if (!afterDot && lit.length() > 1 && lit.charAt(0) == '0') {
            boolean decimal = lit.charAt(1) == '.';
            boolean scientific = lit.length() > 2 && (lit.charAt(1) == 'e' || lit.charAt(1) == 'E');
            if (!decimal && !scientific) throw p.unexpected("expected number without leading zero");
        }
        String text = prefix + lit;
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw p.unexpected("invalid float");
        }
        long exponent = (long) value.precision() - value.scale() - 1;
        if (value.signum() != 0 && Math.abs(exponent) > MAX_EXPONENT) throw p.failAt(digits, "number too big");
        p.next();
        return new Term.Scalar(NumberValue.parse(text), p.loc(first.start(), p.prevEnd()));
    }
}
