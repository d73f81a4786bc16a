package dev.warden.rego.parser;

import dev.warden.rego.RegoError;
import dev.warden.rego.ast.Expr;
import dev.warden.rego.ast.Operators;
import dev.warden.rego.ast.Rule;
import dev.warden.rego.ast.Term;
import dev.warden.rego.lexer.Token;
import dev.warden.rego.lexer.TokenKind;
import dev.warden.rego.source.Location;
import dev.warden.rego.source.Source;
import dev.warden.rego.value.BooleanValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Rules: heads ({@code p}, {@code a.b[x]}, {@code f(x)}, with {@code :=}, {@code =} or {@code contains}),
 * {@code default} rules, one-line and block bodies, {@code else} chains and extra bodies. How each rule was
 * written is remembered so that the Rego v1 requirements ({@code if} before bodies, {@code contains} for
 * partial sets) can be checked once all imports are known, as OPA does.
 */
abstract class RuleParser extends BodyParser {

    /** How a rule was written, for the v1 checks. */
    private record Written(Location location, boolean function, boolean hasIf, boolean generatedBody,
                           boolean generatedValue, boolean partialSet, boolean usesContains) {}

    private record ParsedHead(Term.Ref ref, List<Term> args, Term key, Term value, boolean assign,
                              boolean usesContains, boolean generatedValue) {}

    private final List<Written> written = new ArrayList<>();

    RuleParser(Source source, List<Token> tokens, boolean v0) {
        super(source, tokens, v0);
    }

    /** Errors Rego v1 reports for rules written in v0 style; applies to v1 modules and v0 ones importing rego.v1. */
    List<RegoError> v1Errors() {
        List<RegoError> errors = new ArrayList<>();
        for (Written w : written) {
            String kind = w.function() ? "function" : "rule";
            if (w.generatedBody() && w.generatedValue()) {
                errors.add(error(w.location(), kind + " must have value assignment and/or body declaration"));
            }
            if (!w.generatedBody() && !w.hasIf()) {
                errors.add(error(w.location(), "`if` keyword is required before " + kind + " body"));
            }
            if (w.partialSet() && !w.usesContains()) {
                errors.add(error(w.location(), "`contains` keyword is required for partial set rules"));
            }
        }
        return errors;
    }

    private static RegoError error(Location loc, String message) {
        return new RegoError("rego_parse_error", message, loc.withLength(0));
    }

    /** One rule statement: a rule, possibly with else clauses, and further rules for extra bodies. */
    List<Rule> parseRules() {
        int start = tok().start();
        boolean isDefault = false;
        if (atKeyword("default")) {
            next();
            isDefault = true;
            if (!atName()) throw unexpected(null);
        }
        if (!atName()) throw notARule(start);
        int headStart = tok().start();
        ParsedHead h = parseHead(headStart);
        Location headLoc = loc(headStart, prevEnd());
        Location ruleLoc0 = loc(start, start);
        if (isDefault) return List.of(defaultRule(start, h, headLoc));

        boolean hasIf = atKeyword("if");
        Term.Ref ref = h.ref();
        Term key = h.key();
        Term value = h.value();
        boolean generatedValue = h.generatedValue();
        if (!h.usesContains() && h.args() == null && ref.path().size() == 1) {
            if (hasIf && value == null) {
                value = new Term.Scalar(BooleanValue.TRUE, headLoc);
                generatedValue = true;
            } else if (!hasIf && value == null) {
                key = ref.path().get(0);
                ref = new Term.Ref(ref.head(), List.of(), ref.head().location());
            }
        }

        List<Expr> body;
        boolean generatedBody = false;
        if (hasIf) {
            next();
            body = parseIfBody();
        } else if (at(TokenKind.LBRACE)) {
            next();
            body = parseBody(TokenKind.RBRACE);
        } else {
            if (h.args() == null && ref.path().isEmpty() && key == null && generatedValue) {
                if ((tok().isWord("if") || tok().isWord("contains")) && !isKeyword(tok().value())) {
                    hint = "`import rego.v1` or `import future.keywords." + tok().value() + "` to use `"
                            + tok().value() + "` in a v0 module";
                }
                throw failAt(loc(start, start), "var cannot be used for rule name");
            }
            body = List.of();
            generatedBody = true;
            // OPA reads a bare `f(x)` as a statement defining f(x) = true, which v1 accepts
            if (h.args() != null) generatedValue = false;
        }
        Rule.Head head = new Rule.Head(ref, h.args(), key, value, h.assign(), headLoc);
        boolean partialSet = key != null && value == null;
        written.add(new Written(ruleLoc0, h.args() != null, hasIf, generatedBody, generatedValue, partialSet,
                h.usesContains()));

        Rule elseRule = null;
        if (!generatedBody && atKeyword("else")) {
            for (Term t : ref.path()) {
                if (!Terms.isGround(t)) throw failAt(tok(), "else keyword cannot be used on rules with variables in head");
            }
            if (key != null) throw failAt(tok(), "else keyword cannot be used on multi-value rules");
            elseRule = parseElse(ref, h.args());
        }
        List<Rule> rules = new ArrayList<>();
        rules.add(new Rule(head, body, false, elseRule, loc(start, prevEnd())));
        while (!generatedBody && at(TokenKind.LBRACE)) {
            if (elseRule != null) throw failAt(tok(), "expected else keyword");
            int bodyStart = next().start();
            List<Expr> more = parseBody(TokenKind.RBRACE);
            written.add(new Written(loc(bodyStart, bodyStart), h.args() != null, hasIf, false, generatedValue,
                    partialSet, h.usesContains()));
            rules.add(new Rule(head, more, false, null, loc(bodyStart, prevEnd())));
        }
        return rules;
    }

    /** After {@code if}: one expression on the line, or a block (a set literal there is read as a block). */
    private List<Expr> parseIfBody() {
        int saved = pos;
        ParseFailure failure = null;
        try {
            Expr expr = parseLiteral();
            boolean setLiteral = expr.kind() instanceof Expr.TermExpr te && te.term() instanceof Term.SetTerm
                    && !expr.negated() && expr.with().isEmpty();
            if (!setLiteral) return List.of(expr);
        } catch (ParseFailure f) {
            failure = f;
        }
        pos = saved;
        if (!at(TokenKind.LBRACE)) throw failure != null ? failure : unexpected(null);
        next();
        return parseBody(TokenKind.RBRACE);
    }

    private ParsedHead parseHead(int start) {
        Token nameTok = next();
        Term.Var name = new Term.Var(nameTok.value(), tokLoc(nameTok));
        Term.Ref ref = new Term.Ref(name, List.of(), name.location());
        List<Term> args = null;
        Token t = tok();
        if (!t.spaceBefore() && (t.is(TokenKind.DOT) || t.is(TokenKind.LBRACK) || t.is(TokenKind.LPAREN))) {
            switch (parseRef(name, start)) {
                case Term.Ref r when r.head() instanceof Term.Var -> ref = r;
                case Term.Call c -> {
                    ref = c.operator();
                    args = c.args();
                }
                default -> throw failAt(loc(start, prevEnd()), "rule head ref " + loc(start, prevEnd()).text() + " invalid");
            }
        }
        switch (tok().kind()) {
            case PLUS, MINUS, MUL, QUO, REM, AND, OR, EQUAL, NEQ, GT, GTE, LT, LTE -> throw unexpected(null);
            default -> { }
        }
        String shown = loc(start, prevEnd()).text();
        if (atKeyword("contains")) {
            if (args != null) {
                throw unexpected("the contains keyword can only be used with multi-value rule definitions (e.g., "
                        + shown + " contains <VALUE> { ... })");
            }
            next();
            Term key = valueTerm("expected rule key term (e.g., " + shown + " contains <VALUE> { ... })");
            return new ParsedHead(ref, null, key, null, false, true, false);
        }
        if (at(TokenKind.UNIFY) || at(TokenKind.ASSIGN)) {
            boolean assign = next().is(TokenKind.ASSIGN);
            String example = args != null ? "expected function value term (e.g., " + shown + "(...) := <VALUE> { ... })"
                    : "expected rule value term (e.g., " + shown + " := <VALUE> { ... })";
            return new ParsedHead(ref, args, null, valueTerm(example), assign, false, false);
        }
        if (ref.path().size() != 1 || args != null) {
            Term value = new Term.Scalar(BooleanValue.TRUE, loc(start, prevEnd()));
            return new ParsedHead(ref, args, null, value, false, false, true);
        }
        return new ParsedHead(ref, args, null, null, false, false, false);
    }

    /** A head's value or key; when nothing term-like follows, a message showing the expected form. */
    private Term valueTerm(String expected) {
        switch (tok().kind()) {
            case IDENT, NUMBER, STRING, TEMPLATE_PART, TEMPLATE_END, LBRACK, LBRACE, LPAREN, MINUS, DOT, ILLEGAL -> {
                return parseTermInfixCall();
            }
            default -> throw unexpected(expected);
        }
    }

    private Rule defaultRule(int start, ParsedHead h, Location headLoc) {
        Location at = loc(start, start);
        if (h.value() == null || h.generatedValue() || h.key() != null) {
            throw failAt(at, "illegal default rule (must have a value)");
        }
        Term bad = Terms.firstNonConstant(h.value());
        if (bad != null) {
            throw failAt(at, "illegal default rule (value cannot contain " + Terms.valueName(bad) + ")");
        }
        if (h.args() != null) {
            Set<String> seen = new HashSet<>();
            for (Term arg : h.args()) {
                if (!(arg instanceof Term.Var v)) {
                    throw failAt(at, "illegal default rule (arguments cannot contain " + Terms.valueName(arg) + ")");
                }
                if (!v.isWildcard() && !seen.add(v.name())) {
                    throw failAt(at, "illegal default rule (arguments cannot be repeated " + v.name() + ")");
                }
            }
        }
        Rule.Head head = new Rule.Head(h.ref(), h.args(), null, h.value(), h.assign(), headLoc);
        return new Rule(head, List.of(), true, null, loc(start, prevEnd()));
    }

    /** {@code else := v if { ... }}, {@code else = v}, {@code else if ...}, {@code else { ... }}, chained. */
    private Rule parseElse(Term.Ref ref, List<Term> args) {
        Token elseTok = next();
        int start = elseTok.start();
        Term value;
        boolean assign = false;
        boolean generatedValue = false;
        if (at(TokenKind.LBRACE) || atKeyword("if")) {
            value = new Term.Scalar(BooleanValue.TRUE, tokLoc(elseTok));
            generatedValue = true;
        } else if (at(TokenKind.ASSIGN) || at(TokenKind.UNIFY)) {
            assign = next().is(TokenKind.ASSIGN);
            value = parseTermInfixCall();
        } else {
            throw unexpected("expected else value term or rule body");
        }
        Location headLoc = loc(start, prevEnd());
        boolean hasIf = atKeyword("if");
        List<Expr> body;
        boolean generatedBody = false;
        if (!hasIf && !at(TokenKind.LBRACE)) {
            body = List.of();
            generatedBody = true;
        } else {
            if (hasIf) next();
            if (at(TokenKind.LBRACE)) {
                next();
                body = parseBody(TokenKind.RBRACE);
            } else if (!at(TokenKind.EOF)) {
                body = List.of(parseLiteral());
            } else {
                throw unexpected("rule body expected");
            }
        }
        written.add(new Written(loc(start, start), args != null, hasIf, generatedBody, generatedValue, false, false));
        Rule chained = atKeyword("else") ? parseElse(ref, args) : null;
        Rule.Head head = new Rule.Head(ref, args, null, value, assign, headLoc);
        return new Rule(head, body, false, chained, loc(start, prevEnd()));
    }

    /** A statement that cannot be a rule: read it as an expression to say what it is, as OPA does. */
    private ParseFailure notARule(int start) {
        Expr expr = parseLiteral();
        Location at = loc(start, start);
        if (expr.negated()) return failAt(at, "negated expressions cannot be used for rule head");
        if (!expr.with().isEmpty()) return failAt(at, "expressions using with keyword cannot be used for rule head");
        return switch (expr.kind()) {
            case Expr.SomeDecl s -> failAt(at, "'some' declarations cannot be used for rule head");
            case Expr.SomeIn s -> failAt(at, "'some' declarations cannot be used for rule head");
            case Expr.Every e -> failAt(at, "expression cannot be used for rule head");
            case Expr.TermExpr te -> {
                Term t = te.term();
                if (t instanceof Term.Call c && c.args().size() == 2
                        && (c.name().equals(Operators.EQ) || c.name().equals(Operators.ASSIGN))) {
                    t = c.args().get(0);
                }
                yield failAt(at, Terms.valueName(t) + " cannot be used for rule name");
            }
        };
    }
}
