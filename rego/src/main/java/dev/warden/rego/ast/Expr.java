package dev.warden.rego.ast;

import dev.warden.rego.source.Location;
import java.util.List;

/**
 * One expression of a body: a term (often a call such as {@code eq(x, 1)}), a {@code some} declaration, or
 * {@code every}; possibly negated with {@code not}, possibly followed by {@code with} modifiers.
 */
public record Expr(boolean negated, Kind kind, List<With> with, Location location) {
    public Expr {
        with = List.copyOf(with);
    }

    /** What the expression is. */
    public sealed interface Kind {}

    /** A term used as an expression: true unless undefined or {@code false}. */
    public record TermExpr(Term term) implements Kind {}

    /** {@code some x, y}: declares local variables. */
    public record SomeDecl(List<Term.Var> vars) implements Kind {
        public SomeDecl {
            vars = List.copyOf(vars);
        }
    }

    /** {@code some v in xs} (key null) or {@code some k, v in xs}; key and value may be patterns. */
    public record SomeIn(Term key, Term value, Term collection) implements Kind {}

    /** {@code every v in xs { body }} or {@code every k, v in xs { body }} (key null in the first form). */
    public record Every(Term key, Term value, Term domain, List<Expr> body) implements Kind {
        public Every {
            body = List.copyOf(body);
        }
    }

    /** {@code with target as value}: target is {@code input...}, {@code data...}, or a function/builtin name. */
    public record With(Term.Ref target, Term value, Location location) {}
}
