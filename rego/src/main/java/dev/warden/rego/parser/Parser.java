package dev.warden.rego.parser;

import dev.warden.rego.RegoError;
import dev.warden.rego.RegoException;
import dev.warden.rego.ast.Expr;
import dev.warden.rego.ast.Module;
import dev.warden.rego.ast.Term;
import dev.warden.rego.lexer.Lexer;
import dev.warden.rego.lexer.TokenKind;
import dev.warden.rego.source.Source;
import dev.warden.rego.value.Value;
import java.util.List;
import java.util.function.Function;

/**
 * Parses Rego source: modules (v1 syntax, or v0 behind a flag), queries and single terms.
 *
 * <pre>{@code
 * Module m = Parser.parseModule(new Source("p.rego", "package p\nallow if input.admin\n"), false);
 * List<Expr> q = Parser.parseQuery(new Source("query", "data.p.allow = x"));
 * Term t = Parser.parseTerm(new Source("input", "{\"roles\": {\"admin\"}}"));
 * Value v = Parser.parseValue(new Source("input", "{\"roles\": {\"admin\"}}"));
 * }</pre>
 *
 * <p>Every syntax error is a {@code rego_parse_error} in a {@link RegoException}, with OPA's wording where
 * practical; a module reports the errors of several statements at once, sorted by location. Nodes carry
 * locations spanning their source text: an expression's location text is exactly what was written.
 */
public final class Parser {
    private Parser() {}

    /**
     * Parses a module. In v0 mode, rules may be written {@code p { ... }} and {@code p[x] { ... }}, and
     * {@code if}, {@code contains}, {@code in} and {@code every} are keywords only once imported from
     * {@code future.keywords} (or with {@code import rego.v1}).
     */
    public static Module parseModule(Source source, boolean v0) {
        return run(source, v0, ModuleParser::parseModule);
    }

    /** Parses a query: expressions separated by {@code ;} or line breaks. */
    public static List<Expr> parseQuery(Source source) {
        return run(source, false, p -> {
            if (p.at(TokenKind.EOF)) throw p.failAt(p.tok(), "empty query");
            return p.parseQuery(TokenKind.EOF);
        });
    }

    /** Parses exactly one term, such as a conformance case's {@code input_term} (which may hold sets). */
    public static Term parseTerm(Source source) {
        List<Expr> exprs = parseQuery(source);
        Expr only = exprs.getFirst();
        if (exprs.size() != 1 || only.negated() || !only.with().isEmpty()
                || !(only.kind() instanceof Expr.TermExpr te)) {
            throw new RegoException(new RegoError("rego_parse_error", "expected exactly one term",
                    only.location().withLength(0)));
        }
        return te.term();
    }

    /**
     * Parses a ground term (scalars, arrays, sets, objects) as a value, e.g. a conformance case's
     * {@code input_term} {@code {"roles": {"admin"}}}; vars, refs, calls and comprehensions are rejected.
     */
    public static Value parseValue(Source source) {
        return GroundValues.toValue(parseTerm(source));
    }

    private static <T> T run(Source source, boolean v0, Function<ModuleParser, T> production) {
        Lexer.Lexed lexed = Lexer.lex(source.text());
        ModuleParser parser = new ModuleParser(source, lexed.tokens(), lexed.comments(), v0);
        try {
            return production.apply(parser);
        } catch (ParseFailure f) {
            throw new RegoException(f.error());
        } catch (StackOverflowError tooDeep) {
            throw new RegoException(new RegoError("rego_parse_error", "max parsing recursion depth exceeded",
                    source.locationAt(0)));
        } catch (RegoException e) {
            throw e;
        } catch (RuntimeException bug) {
            // a parser bug must still reach the user as a located error, never as a stack trace
            throw new RegoException(new RegoError("rego_parse_error", "internal parser error: " + bug,
                    parser.tokLoc(parser.tok()).withLength(0)));
        }
    }
}
