package dev.warden.rego.parser;

import dev.warden.rego.ast.Expr;
import dev.warden.rego.ast.Operators;
import dev.warden.rego.ast.Term;
import dev.warden.rego.lexer.Token;
import dev.warden.rego.lexer.TokenKind;
import dev.warden.rego.source.Source;
import java.util.ArrayList;
import java.util.List;

/**
 * Bodies and their expressions: {@code not}, {@code some}, {@code every}, assignment and unification, and
 * {@code with} modifiers. Expressions are separated by {@code ;} or a line break.
 */
abstract class BodyParser extends TermParser {

    BodyParser(Source source, List<Token> tokens, boolean v0) {
        super(source, tokens, v0);
    }

    @Override
    List<Expr> parseBody(TokenKind end) {
        enter();
        try {
            List<Expr> body = parseQuery(end);
            next();
            return body;
        } finally {
            leave();
        }
    }

    /** Expressions up to (not including) {@code end}. */
    List<Expr> parseQuery(TokenKind end) {
        if (at(end)) throw failAt(tok(), "found empty body");
        List<Expr> body = new ArrayList<>();
        while (true) {
            body.add(parseLiteral());
            if (at(TokenKind.SEMICOLON)) {
                next();
                if (end == TokenKind.EOF && at(end)) return body;
                continue;
            }
            if (at(end)) return body;
            if (!tok().newlineBefore()) throw unexpected("expected \\n or ; or " + end.display());
        }
    }

    @Override
    Expr parseLiteral() {
        int start = tok().start();
        boolean negated = false;
        if (atKeyword("not")) {
            next();
            negated = true;
        }
        if (atKeyword("some")) {
            if (negated) throw unexpected("illegal negation of 'some'");
            return parseSome(start);
        }
        if (atKeyword("every")) {
            if (negated) throw unexpected("illegal negation of 'every'");
            return parseEvery(start);
        }
        Term term = parseExprTerm();
        if (term instanceof Term.Var v && v.name().equals("every") && !isKeyword("every") && at(TokenKind.IDENT)
                && !tok().newlineBefore()) {
            hint = "`import future.keywords.every` for `every x in xs { ... }` expressions";
        }
        List<Expr.With> with = atKeyword("with") ? parseWith() : List.of();
        return new Expr(negated, new Expr.TermExpr(term), with, loc(start, prevEnd()));
    }

    /** A term, or {@code lhs := rhs} / {@code lhs = rhs} as a call of {@code assign} / {@code eq}. */
    private Term parseExprTerm() {
        int start = tok().start();
        Term lhs = parseTermInfixCall();
        if (at(TokenKind.ASSIGN) || at(TokenKind.UNIFY)) {
            Token op = next();
            Term rhs = parseTermInfixCall();
            return call(op.is(TokenKind.ASSIGN) ? Operators.ASSIGN : Operators.EQ, op, start, lhs, rhs);
        }
        return lhs;
    }

    private List<Expr.With> parseWith() {
        List<Expr.With> withs = new ArrayList<>();
        do {
            int start = next().start();
            if (!atName()) throw unexpected("expected ident");
            Term target = parseTerm();
            Term.Ref ref = switch (target) {
                case Term.Ref r -> r;
                case Term.Var v -> new Term.Ref(v, List.of(), v.location());
                default -> throw failAt(target.location(), "unexpected " + Terms.valueName(target)
                        + " token: expected with target path");
            };
            if (!atKeyword("as")) throw unexpected("expected as keyword");
            next();
            Term value = parseTermInfixCall();
            withs.add(new Expr.With(ref, value, loc(start, prevEnd())));
        } while (atKeyword("with"));
        return withs;
    }

    /** {@code some x, y}, {@code some x in xs} or {@code some k, v in xs}. */
    private Expr parseSome(int start) {
        int saved = pos;
        next();
        Term term = null;
        try {
            term = parseTermInfixCall();
        } catch (ParseFailure notMembership) {
            // read as a list of variables below, which reports its own error
        }
        if (term instanceof Term.Call call) {
            Expr.Kind kind = switch (call.name()) {
                case Operators.MEMBER -> new Expr.SomeIn(null, call.args().get(0), call.args().get(1));
                case Operators.MEMBER_3 -> new Expr.SomeIn(call.args().get(0), call.args().get(1), call.args().get(2));
                default -> throw failAt(call.location(),
                        "unexpected " + describe(tok()) + ": expected `x in xs` or `x, y in xs` expression");
            };
            List<Expr.With> with = atKeyword("with") ? parseWith() : List.of();
            return new Expr(false, kind, with, loc(start, prevEnd()));
        }
        pos = saved;
        List<Term.Var> vars = new ArrayList<>();
        do {
            next();
            if (!tok().is(TokenKind.IDENT) || isKeyword(tok().value())) throw unexpected("expected var");
            Token name = next();
            vars.add(new Term.Var(name.value(), tokLoc(name)));
        } while (at(TokenKind.COMMA));
        if (tok().isWord("in") && !isKeyword("in") && !tok().newlineBefore()) hint = "`import future.keywords.in` for `some x in xs` expressions";
        return new Expr(false, new Expr.SomeDecl(vars), List.of(), loc(start, prevEnd()));
    }

    /** {@code every x in xs { ... }} or {@code every k, v in xs { ... }}. */
    private Expr parseEvery(int start) {
        next();
        Term term = parseTermInfixCall();
        if (!(term instanceof Term.Call call)
                || !(call.name().equals(Operators.MEMBER) || call.name().equals(Operators.MEMBER_3))) {
            throw unexpected("expected `x[, y] in xs { ... }` expression");
        }
        List<Term> args = call.args();
        boolean withKey = args.size() == 3;
        Term key = withKey ? args.get(0) : null;
        Term value = args.get(withKey ? 1 : 0);
        Term domain = args.get(withKey ? 2 : 1);
        if (key != null && !(key instanceof Term.Var)) throw unexpected("expected key to be a variable");
        if (!(value instanceof Term.Var)) throw unexpected("expected value to be a variable");
        if (!at(TokenKind.LBRACE)) throw unexpected("missing body");
        next();
        List<Expr> body = parseBody(TokenKind.RBRACE);
        List<Expr.With> with = atKeyword("with") ? parseWith() : List.of();
        return new Expr(false, new Expr.Every(key, value, domain, body), with, loc(start, prevEnd()));
    }
}
