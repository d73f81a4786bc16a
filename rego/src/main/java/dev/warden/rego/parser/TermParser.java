package dev.warden.rego.parser;

import dev.warden.rego.ast.Expr;
import dev.warden.rego.ast.Operators;
import dev.warden.rego.ast.Term;
import dev.warden.rego.lexer.Token;
import dev.warden.rego.lexer.TokenKind;
import dev.warden.rego.source.Source;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.NullValue;
import dev.warden.rego.value.StringValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Terms and infix operators, one method per grammar production. Binding, loosest first (as in OPA):
 * {@code in}, then comparison ({@code == != < <= > >=}), {@code |}, {@code &}, {@code + -}, {@code * / %}; all
 * left-associative. Assignment and unification sit above these, at expression level.
 */
abstract class TermParser extends ParserBase {

    TermParser(Source source, List<Token> tokens, boolean v0) {
        super(source, tokens, v0);
    }

    /** A body up to and including the {@code end} token. */
    abstract List<Expr> parseBody(TokenKind end);

    /** One expression of a body (used inside template strings). */
    abstract Expr parseLiteral();

    /** A term with infix operators, where {@code k, v in xs} is allowed. */
    Term parseTermInfixCall() { return parseTermIn(null, true, tok().start()); }

    /** A term with infix operators inside a list, where a comma separates elements. */
    Term parseTermInfixCallInList() { return parseTermIn(null, false, tok().start()); }

    private Term parseTermIn(Term lhs, boolean keyVal, int start) {
        enter();
        try {
            if (lhs == null) lhs = parseTermRelation(start);
            while (true) {
                if (keyVal && at(TokenKind.COMMA)) {
                    Term call = tryKeyValueIn(lhs, start);
                    if (call != null) {
                        lhs = call;
                        continue;
                    }
                }
                if (!atKeyword("in")) return lhs;
                Token op = next();
                Term rhs = parseTermRelation(tok().start());
                lhs = call(Operators.MEMBER, op, start, lhs, rhs);
            }
        } finally {
            leave();
        }
    }

    /** {@code k, v in xs}; null (with the position restored) when the comma does not start that form. */
    private Term tryKeyValueIn(Term lhs, int start) {
        int saved = pos;
        try {
            next();
            Term mhs = parseTermRelation(start);
            if (atKeyword("in")) {
                Token op = next();
                Term rhs = parseTermRelation(tok().start());
                return call(Operators.MEMBER_3, op, start, lhs, mhs, rhs);
            }
        } catch (ParseFailure notKeyValue) {
            // not `k, v in xs`: the comma belongs to an enclosing construct
        }
        pos = saved;
        return null;
    }

    private Term parseTermRelation(int start) {
        Term lhs = parseTermOr(start);
        while (true) {
            String op = switch (tok().kind()) {
                case EQUAL -> Operators.EQUAL;
                case NEQ -> Operators.NEQ;
                case LT -> Operators.LT;
                case LTE -> Operators.LTE;
                case GT -> Operators.GT;
                case GTE -> Operators.GTE;
                default -> null;
            };
            if (op == null) return lhs;
            Token t = next();
            lhs = call(op, t, start, lhs, parseTermOr(tok().start()));
        }
    }

    private Term parseTermOr(int start) {
        Term lhs = parseTermAnd(start);
        while (at(TokenKind.OR)) {
            Token t = next();
            lhs = call(Operators.OR, t, start, lhs, parseTermAnd(tok().start()));
        }
        return lhs;
    }

    private Term parseTermAnd(int start) {
        Term lhs = parseTermArith(start);
        while (at(TokenKind.AND)) {
            Token t = next();
            lhs = call(Operators.AND, t, start, lhs, parseTermArith(tok().start()));
        }
        return lhs;
    }

    private Term parseTermArith(int start) {
        Term lhs = parseTermFactor(start);
        while (at(TokenKind.PLUS) || at(TokenKind.MINUS)) {
            Token t = next();
            String op = t.is(TokenKind.PLUS) ? Operators.PLUS : Operators.MINUS;
            lhs = call(op, t, start, lhs, parseTermFactor(tok().start()));
        }
        return lhs;
    }

    private Term parseTermFactor(int start) {
        Term lhs = parseTerm();
        while (at(TokenKind.MUL) || at(TokenKind.QUO) || at(TokenKind.REM)) {
            Token t = next();
            String op = t.is(TokenKind.MUL) ? Operators.MUL : t.is(TokenKind.QUO) ? Operators.DIV : Operators.REM;
            lhs = call(op, t, start, lhs, parseTerm());
        }
        return lhs;
    }

    /** A call of an operator such as {@code plus} or {@code internal.member_2}, spanning its operands. */
    Term.Call call(String name, Token opToken, int start, Term... args) {
        int dot = name.indexOf('.');
        var opLoc = tokLoc(opToken);
        Term.Ref operator = dot < 0
                ? new Term.Ref(new Term.Var(name, opLoc), List.of(), opLoc)
                : new Term.Ref(new Term.Var(name.substring(0, dot), opLoc),
                        List.of(new Term.Scalar(StringValue.of(name.substring(dot + 1)), opLoc)),
                        opLoc);
        return new Term.Call(operator, List.of(args), loc(start, prevEnd()));
    }

    /** A term read earlier at the same position, or the failure it met: backtracking re-reads terms. */
    private record Memo(Term term, int end, ParseFailure failure) {}

    /**
     * Composites are read twice when the first reading fails ({@code {a + 1}} is first tried as {@code {a}});
     * remembering each term by position keeps nested retries linear instead of exponential.
     */
    private final Memo[] memo = new Memo[tokens.size()];

    /** One term: a scalar, var, ref, call, composite, comprehension, template string or parenthesized term. */
    Term parseTerm() {
        int startPos = pos;
        Memo m = memo[startPos];
        if (m != null) {
            pos = m.end();
            if (m.failure() != null) throw m.failure();
            return m.term();
        }
        try {
            Term t = parseTermUncached();
            memo[startPos] = new Memo(t, pos, null);
            return t;
        } catch (ParseFailure f) {
            memo[startPos] = new Memo(null, pos, f);
            throw f;
        }
    }

    private Term parseTermUncached() {
        enter();
        try {
            Token t = tok();
            int start = t.start();
            Term term = switch (t.kind()) {
                case IDENT -> parseIdentTerm(t);
                case NUMBER, MINUS, DOT -> ScalarParser.number(this);
                case STRING -> {
                    next();
                    yield new Term.Scalar(StringValue.of(t.value()), tokLoc(t));
                }
                case TEMPLATE_PART, TEMPLATE_END -> parseTemplateString();
                case LBRACK -> CompositeParser.array(this);
                case LBRACE -> CompositeParser.setOrObject(this);
                case LPAREN -> {
                    next();
                    Term inner = parseTermInfixCall();
                    if (!at(TokenKind.RPAREN)) throw failAt(tok(), "non-terminated expression");
                    next();
                    yield Terms.withLocation(inner, loc(start, prevEnd()));
                }
                default -> throw unexpected(null);
            };
            return parseTermFinish(term, start);
        } finally {
            leave();
        }
    }

    private Term parseIdentTerm(Token t) {
        String word = t.value();
        if (isKeyword(word) && !keywordStartsRef()) {
            switch (word) {
                case "null" -> {
                    next();
                    return new Term.Scalar(NullValue.INSTANCE, tokLoc(t));
                }
                case "true", "false" -> {
                    next();
                    return new Term.Scalar(BooleanValue.of(word.equals("true")), tokLoc(t));
                }
                case "contains" -> { /* outside rule heads, `contains` is the builtin's name */ }
                default -> throw unexpected(null);
            }
        }
        next();
        return new Term.Var(word, tokLoc(t));
    }

    /** Continues a term into a ref or call when {@code .}, {@code [} or {@code (} follows it directly. */
    Term parseTermFinish(Term head, int start) {
        Token t = tok();
        if (!t.spaceBefore() && (t.is(TokenKind.DOT) || t.is(TokenKind.LBRACK) || t.is(TokenKind.LPAREN))) {
            return parseRef(head, start);
        }
        if (head instanceof Term.Var v && (v.name().equals("data") || v.name().equals("input"))) {
            return new Term.Ref(v, List.of(), v.location());
        }
        return head;
    }

    Term parseRef(Term head, int start) {
        switch (head) {
            case Term.Scalar s -> throw failAt(head.location(), "illegal ref (head cannot be " + Terms.valueName(head) + ")");
            case Term.Ref r -> throw failAt(head.location(), "illegal ref (head cannot be ref)");
            case Term.TemplateString ts -> throw failAt(head.location(), "illegal ref (head cannot be templatestring)");
            default -> { }
        }
        List<Term> path = new ArrayList<>();
        while (!tok().spaceBefore() || path.isEmpty()) {
            Token t = tok();
            switch (t.kind()) {
                case DOT -> {
                    next();
                    Token name = tok();
                    if (!name.is(TokenKind.IDENT) || name.spaceBefore()) {
                        throw name.spaceBefore()
                                ? failAt(loc(prevEnd(), prevEnd()), "unexpected whitespace token: expected identifier")
                                : unexpected("expected identifier");
                    }
                    next();
                    path.add(new Term.Scalar(StringValue.of(name.value()), tokLoc(name)));
                }
                case LBRACK -> {
                    next();
                    Term key = parseTermInfixCall();
                    if (!at(TokenKind.RBRACK)) throw unexpected("expected ]");
                    next();
                    path.add(key);
                }
                case LPAREN -> {
                    return parseCall(head, path, start);
                }
                default -> {
                    return new Term.Ref(head, path, loc(start, prevEnd()));
                }
            }
        }
        return new Term.Ref(head, path, loc(start, prevEnd()));
    }

    /** {@code f(x, y)}, {@code object.get(o, k, d)}, {@code set()}; a call may be followed by more ref path. */
    private Term parseCall(Term head, List<Term> path, int start) {
        Token paren = tok();
        if (!(head instanceof Term.Var)) throw unexpected(null);
        Term.Ref operator = new Term.Ref(head, path, loc(start, paren.start()));
        next();
        List<Term> args = CompositeParser.termList(this, TokenKind.RPAREN, new ArrayList<>());
        Term result;
        if (args.isEmpty() && path.isEmpty() && ((Term.Var) head).name().equals("set")) {
            result = new Term.SetTerm(List.of(), loc(start, prevEnd()));
        } else {
            result = new Term.Call(operator, args, loc(start, prevEnd()));
        }
        Token after = tok();
        if (!after.spaceBefore() && (after.is(TokenKind.DOT) || after.is(TokenKind.LBRACK))) {
            return parseRef(result, start);
        }
        return result;
    }

    /** {@code $"Hello {input.name}!"} or {@code $`raw {x}`}: literal parts and embedded expressions. */
    private Term parseTemplateString() {
        Token first = tok();
        List<Term> parts = new ArrayList<>();
        List<Boolean> literal = new ArrayList<>();
        List<List<Expr.With>> with = new ArrayList<>();
        while (true) {
            Token part = tok();
            if (!part.is(TokenKind.TEMPLATE_PART) && !part.is(TokenKind.TEMPLATE_END)) throw unexpected(null);
            if (!part.value().isEmpty()) {
                parts.add(new Term.Scalar(StringValue.of(part.value()), tokLoc(part)));
                literal.add(true);
                with.add(List.of());
            }
            next();
            if (part.is(TokenKind.TEMPLATE_END)) break;
            Expr expr = parseLiteral();
            parts.add(templateExpression(expr));
            literal.add(false);
            with.add(expr.with());
            if (!at(TokenKind.RBRACE)) throw failAt(tok(), "expected } to end template string expression");
            next();
        }
        return new Term.TemplateString(parts, literal, first.raw(), loc(first.start(), prevEnd()), with);
    }

    private Term templateExpression(Expr expr) {
        if (expr.negated()) throw failAt(expr.location(), "unexpected negation ('not') in template-string expression");
        return switch (expr.kind()) {
            case Expr.TermExpr te -> {
                if (te.term() instanceof Term.Call c && c.args().size() == 2 && c.operator().path().isEmpty()) {
                    String name = c.name();
                    if (name.equals(Operators.EQ)) {
                        throw failAt(expr.location(), "unexpected unification ('=') in template-string expression");
                    }
                    if (name.equals(Operators.ASSIGN)) {
                        throw failAt(expr.location(), "unexpected assignment (':=') in template-string expression");
                    }
                }
                yield te.term();
            }
            case Expr.Every e -> throw failAt(expr.location(), "unexpected 'every' in template-string expression");
            case Expr.SomeDecl s -> throw failAt(expr.location(), "unexpected 'some' in template-string expression");
            case Expr.SomeIn s -> throw failAt(expr.location(), "unexpected 'some' in template-string expression");
        };
    }
}
