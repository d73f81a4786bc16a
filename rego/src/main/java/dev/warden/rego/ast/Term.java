package dev.warden.rego.ast;

import dev.warden.rego.source.Location;
import dev.warden.rego.value.Value;
import java.util.List;

/**
 * A Rego term: a scalar, a variable, a reference, a composite, a comprehension, a call, or a template string.
 * Every term carries the {@link Location} it was parsed at.
 *
 * <p>Infix operators parse to calls of OPA's operator names: {@code a + b} is {@code plus(a, b)},
 * {@code a == b} is {@code equal(a, b)}, {@code x := y} is {@code assign(x, y)}, {@code x = y} is
 * {@code eq(x, y)}; see {@link Operators}.
 */
public sealed interface Term {
    Location location();

    /** A null, boolean, number or string literal. */
    record Scalar(Value value, Location location) implements Term {}

    /**
     * A variable. The parser keeps each {@code _} as a var named {@code "_"}; the compiler gives each a unique
     * generated name. Generated names start with {@code "$"} and can never clash with user names.
     */
    record Var(String name, Location location) implements Term {
        public boolean isWildcard() { return name.equals("_"); }

        public boolean isGenerated() { return name.startsWith("$"); }
    }

    /**
     * A reference: a head term followed by a path. {@code input.user.roles[i]} is head {@code Var(input)} and
     * path {@code ["user", "roles", Var(i)]}; dotted names in the path are string scalars. The head may also be
     * a composite or a call: {@code [1, 2][0]}, {@code f(x).y}.
     */
    record Ref(Term head, List<Term> path, Location location) implements Term {
        public Ref {
            path = List.copyOf(path);
        }

        /** The head var's name, or null when the head is not a var. */
        public String headName() { return head instanceof Var v ? v.name() : null; }

        /** True when the head is a var and every path element is a string scalar (a "ground" name like data.a.b). */
        public boolean isSimpleName() {
            if (!(head instanceof Var)) return false;
            for (Term t : path) {
                if (!(t instanceof Scalar s && s.value() instanceof dev.warden.rego.value.StringValue)) return false;
            }
            return true;
        }

        /** Dotted text of a simple name, e.g. {@code data.a.b}; only meaningful when {@link #isSimpleName()}. */
        public String dotted() {
            StringBuilder sb = new StringBuilder(headName() == null ? "?" : headName());
            for (Term t : path) {
                if (t instanceof Scalar s && s.value() instanceof dev.warden.rego.value.StringValue str) {
                    sb.append('.').append(str.value());
                } else {
                    sb.append("[...]");
                }
            }
            return sb.toString();
        }
    }

    /** {@code [a, b]} */
    record ArrayTerm(List<Term> elements, Location location) implements Term {
        public ArrayTerm {
            elements = List.copyOf(elements);
        }
    }

    /** {@code {a, b}}, or {@code set()} when empty. */
    record SetTerm(List<Term> elements, Location location) implements Term {
        public SetTerm {
            elements = List.copyOf(elements);
        }
    }

    /** {@code {k: v, ...}} with any terms as keys. */
    record ObjectTerm(List<Entry> entries, Location location) implements Term {
        public ObjectTerm {
            entries = List.copyOf(entries);
        }
    }

    /** One {@code key: value} pair of an object term. */
    record Entry(Term key, Term value) {}

    /** {@code [term | body]} */
    record ArrayComprehension(Term term, List<Expr> body, Location location) implements Term {
        public ArrayComprehension {
            body = List.copyOf(body);
        }
    }

    /** {@code {term | body}} */
    record SetComprehension(Term term, List<Expr> body, Location location) implements Term {
        public SetComprehension {
            body = List.copyOf(body);
        }
    }

    /** {@code {key: value | body}} */
    record ObjectComprehension(Term key, Term value, List<Expr> body, Location location) implements Term {
        public ObjectComprehension {
            body = List.copyOf(body);
        }
    }

    /**
     * A call of a builtin, a user function or an operator: {@code count(x)}, {@code data.lib.f(1)},
     * {@code plus(a, b)}. The operator is a ref naming the function ({@code object.get} is head {@code object},
     * path {@code ["get"]}).
     */
    record Call(Ref operator, List<Term> args, Location location) implements Term {
        public Call {
            args = List.copyOf(args);
        }

        /** The operator's dotted name, e.g. {@code "object.get"} or {@code "data.lib.f"}. */
        public String name() { return operator.dotted(); }
    }

    /**
     * A template string {@code $"Hello {input.name}!"}: literal parts are string scalars, the others are the
     * terms between braces, in order. {@code raw} is true for the backtick form {@code $`...`}.
     * {@code with} holds, per part, the {@code with} modifiers written inside its braces
     * ({@code $"{a with input as {"a": 1}}"}); it is empty for literal parts and for most expressions.
     */
    record TemplateString(List<Term> parts, List<Boolean> literal, boolean raw, Location location,
                          List<List<Expr.With>> with) implements Term {
        public TemplateString {
            parts = List.copyOf(parts);
            literal = List.copyOf(literal);
            with = with == null ? parts.stream().map(p -> List.<Expr.With>of()).toList()
                    : with.stream().map(List::copyOf).toList();
        }

        /** A template string without {@code with} modifiers. */
        public TemplateString(List<Term> parts, List<Boolean> literal, boolean raw, Location location) {
            this(parts, literal, raw, location, null);
        }
    }
}
