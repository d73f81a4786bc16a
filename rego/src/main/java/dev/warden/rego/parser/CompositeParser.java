package dev.warden.rego.parser;

import dev.warden.rego.ast.Expr;
import dev.warden.rego.ast.Term;
import dev.warden.rego.lexer.TokenKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Arrays, sets, objects and their comprehensions. {@code {a | b}} is ambiguous between a set comprehension and
 * a set holding {@code a | b}; as in OPA, the comprehension wins: a single term is tried first, then the
 * position is restored and the element re-read as a full infix term.
 */
final class CompositeParser {
    private CompositeParser() {}

    static Term array(TermParser p) {
        int start = p.tok().start();
        p.next();
        if (p.at(TokenKind.RBRACK)) {
            p.next();
            return new Term.ArrayTerm(List.of(), p.loc(start, p.prevEnd()));
        }
        boolean maybeComprehension = skipLeadingComma(p);
        int saved = p.pos;
        Term head = p.parseTerm();
        switch (p.tok().kind()) {
            case RBRACK -> {
                p.next();
                return new Term.ArrayTerm(List.of(head), p.loc(start, p.prevEnd()));
            }
            case COMMA -> {
                p.next();
                List<Term> elements = termList(p, TokenKind.RBRACK, listOf(head));
                return new Term.ArrayTerm(elements, p.loc(start, p.prevEnd()));
            }
            case OR -> {
                if (maybeComprehension) {
                    p.next();
                    List<Expr> body = bodyOrNullBeforeComma(p, TokenKind.RBRACK);
                    if (body != null) return new Term.ArrayComprehension(head, body, p.loc(start, p.prevEnd()));
                }
            }
            default -> { }
        }
        p.pos = saved;
        List<Term> elements = termList(p, TokenKind.RBRACK, new ArrayList<>());
        return new Term.ArrayTerm(elements, p.loc(start, p.prevEnd()));
    }

    static Term setOrObject(TermParser p) {
        int start = p.tok().start();
        p.next();
        if (p.at(TokenKind.RBRACE)) {
            p.next();
            return new Term.ObjectTerm(List.of(), p.loc(start, p.prevEnd()));
        }
        boolean maybeComprehension = skipLeadingComma(p);
        int saved = p.pos;
        Term head = p.parseTerm();
        switch (p.tok().kind()) {
            case OR -> {
                if (maybeComprehension) return set(p, start, saved, head, true);
            }
            case RBRACE, COMMA -> {
                return set(p, start, saved, head, maybeComprehension);
            }
            case COLON -> {
                return object(p, start, head, maybeComprehension);
            }
            default -> { }
        }
        p.pos = saved;
        head = p.parseTermInfixCallInList();
        return switch (p.tok().kind()) {
            case RBRACE, COMMA -> set(p, start, saved, head, false);
            case COLON -> object(p, start, head, maybeComprehension);
            default -> throw p.unexpected("non-terminated set");
        };
    }

    private static Term set(TermParser p, int start, int saved, Term head, boolean maybeComprehension) {
        switch (p.tok().kind()) {
            case RBRACE -> {
                p.next();
                return new Term.SetTerm(List.of(head), p.loc(start, p.prevEnd()));
            }
            case COMMA -> {
                p.next();
                List<Term> elements = termList(p, TokenKind.RBRACE, listOf(head));
                return new Term.SetTerm(elements, p.loc(start, p.prevEnd()));
            }
            default -> {
                if (maybeComprehension) {
                    p.next();
                    List<Expr> body = bodyOrNullBeforeComma(p, TokenKind.RBRACE);
                    if (body != null) return new Term.SetComprehension(head, body, p.loc(start, p.prevEnd()));
                }
                p.pos = saved;
                List<Term> elements = termList(p, TokenKind.RBRACE, new ArrayList<>());
                return new Term.SetTerm(elements, p.loc(start, p.prevEnd()));
            }
        }
    }

    private static Term object(TermParser p, int start, Term key, boolean maybeComprehension) {
        p.next(); // the colon
        int saved = p.pos;
        Term value = p.parseTerm();
        if (maybeComprehension) {
            TokenKind k = p.tok().kind();
            if (k == TokenKind.RBRACE || k == TokenKind.COMMA) return objectFinish(p, start, key, value, true);
            if (k == TokenKind.OR) {
                int beforeBar = p.pos;
                try {
                    return objectFinish(p, start, key, value, true);
                } catch (ParseFailure notComprehension) {
                    p.pos = beforeBar;
                }
            }
        }
        p.pos = saved;
        value = p.parseTermInfixCallInList();
        if (p.at(TokenKind.RBRACE) || p.at(TokenKind.COMMA)) return objectFinish(p, start, key, value, false);
        throw p.unexpected("non-terminated object");
    }

    private static Term objectFinish(TermParser p, int start, Term key, Term value, boolean maybeComprehension) {
        switch (p.tok().kind()) {
            case RBRACE -> {
                p.next();
                return new Term.ObjectTerm(List.of(new Term.Entry(key, value)), p.loc(start, p.prevEnd()));
            }
            case OR -> {
                if (!maybeComprehension) throw p.unexpected("non-terminated object");
                p.next();
                List<Expr> body = p.parseBody(TokenKind.RBRACE);
                return new Term.ObjectComprehension(key, value, body, p.loc(start, p.prevEnd()));
            }
            case COMMA -> {
                p.next();
                List<Term.Entry> entries = new ArrayList<>();
                entries.add(new Term.Entry(key, value));
                pairList(p, TokenKind.RBRACE, entries);
                return new Term.ObjectTerm(entries, p.loc(start, p.prevEnd()));
            }
            default -> throw p.unexpected("non-terminated object");
        }
    }

    /** A comprehension body; null when it fails at a comma (then the brackets hold a plain list with {@code |}). */
    private static List<Expr> bodyOrNullBeforeComma(TermParser p, TokenKind end) {
        try {
            return p.parseBody(end);
        } catch (ParseFailure f) {
            if (p.at(TokenKind.COMMA)) return null;
            throw f;
        }
    }

    private static boolean skipLeadingComma(TermParser p) {
        if (!p.at(TokenKind.COMMA)) return true;
        p.next();
        return false;
    }

    private static List<Term> listOf(Term head) {
        List<Term> list = new ArrayList<>();
        list.add(head);
        return list;
    }

    /** Terms separated by commas (a trailing comma is allowed) up to and including {@code end}. */
    static List<Term> termList(TermParser p, TokenKind end, List<Term> into) {
        if (p.at(end)) {
            p.next();
            return into;
        }
        while (true) {
            into.add(p.parseTermInfixCallInList());
            if (p.at(end)) {
                p.next();
                return into;
            }
            if (!p.at(TokenKind.COMMA)) throw p.unexpected("expected \",\" or \"" + end.display() + "\"");
            p.next();
            if (p.at(end)) {
                p.next();
                return into;
            }
        }
    }

    private static void pairList(TermParser p, TokenKind end, List<Term.Entry> into) {
        if (p.at(end)) {
            p.next();
            return;
        }
        while (true) {
            Term key = p.parseTermInfixCallInList();
            if (!p.at(TokenKind.COLON)) throw p.unexpected("expected \":\"");
            p.next();
            into.add(new Term.Entry(key, p.parseTermInfixCallInList()));
            if (p.at(end)) {
                p.next();
                return;
            }
            if (!p.at(TokenKind.COMMA)) throw p.unexpected("expected \",\" or \"" + end.display() + "\"");
            p.next();
            if (p.at(end)) {
                p.next();
                return;
            }
        }
    }
}
