package dev.warden.rego.compiler;

import dev.warden.rego.builtins.Builtin;
import dev.warden.rego.source.Location;
import dev.warden.rego.value.Value;

/**
 * The compiled, executable form of terms and expressions the evaluator runs. Unlike the AST, variables are
 * resolved to frame slots, references to rules and builtins are resolved, and constant composites are folded.
 *
 * <pre>{@code
 * Ir.Term t = new Ir.Const(NumberValue.of(1), loc);
 * }</pre>
 */
public final class Ir {
    private Ir() {}

    /** A compiled term. */
    public sealed interface Term {
        Location loc();
    }

    /** A constant value (scalars and folded ground composites). */
    public record Const(Value value, Location loc) implements Term {}

    /** A variable in the current frame; {@code name} is the user's name (or a generated one starting with $). */
    public record Var(int slot, String name, Location loc) implements Term {
        public boolean generated() { return name.startsWith("$"); }
    }

    /** Root of a reference: {@code input} or {@code data}. */
    public enum Root { INPUT, DATA }

    /** The {@code input} or {@code data} document as a term (a ref head). */
    public record RootTerm(Root root, Location loc) implements Term {}

    /**
     * A reference: head followed by path terms. {@code resolved} is the evaluator's memo for a {@code data}
     * reference: where its leading constant keys lead in the rule tree, found at the first evaluation instead of at
     * every one (one slot, written racily with an immutable value, so a lost write only means a second lookup).
     */
    public record Ref(Term head, Term[] path, Location loc, Object[] resolved) implements Term {
        public Ref(Term head, Term[] path, Location loc) { this(head, path, loc, new Object[1]); }
    }

    public record Arr(Term[] elements, Location loc) implements Term {}

    public record SetT(Term[] elements, Location loc) implements Term {}

    public record Obj(Term[] keys, Term[] values, Location loc) implements Term {}

    public record ArrCompr(Term term, Body body, Location loc) implements Term {}

    public record SetCompr(Term term, Body body, Location loc) implements Term {}

    public record ObjCompr(Term key, Term value, Body body, Location loc) implements Term {}

    /**
     * A call. Exactly one of {@code builtin} / {@code function} is set, except for {@code print}, which has
     * neither. {@code name} is what {@code with} mocks match on.
     */
    public record Call(String name, Builtin builtin, RuleNode function, Term[] args, Location loc) implements Term {}

    /** A template string; {@code with} holds, per part, the modifiers written inside its braces. */
    public record Template(Term[] parts, boolean[] literal, With[][] with, Location loc) implements Term {}

    /**
     * A body: expressions in evaluation order (after safety reordering), and the slots declared in its own
     * scope (a comprehension's or {@code every}'s locals are not its enclosing body's).
     */
    public record Body(Expr[] exprs, int[] locals) {}

    /** One compiled expression; {@code text} is its source text, for query results. */
    public record Expr(boolean negated, Kind kind, With[] with, Location loc, String text) {}

    /** What an expression does. */
    public sealed interface Kind {}

    /** A term that must be defined and not false. */
    public record TermKind(Term term) implements Kind {}

    /** {@code a = b} or {@code a := b}: unification. */
    public record Unify(Term left, Term right, boolean assign) implements Kind {}

    /** {@code some k, v in collection} (key null when absent). */
    public record SomeIn(Term key, Term value, Term collection) implements Kind {}

    /**
     * {@code some x in xs} followed by the test {@code x.field == probe} (probe not using x): iterates only the
     * members the index says can pass; the test itself still runs.
     */
    public record IndexedSomeIn(SomeIn someIn, Term probe, IterationIndex index) implements Kind {}

    /** {@code every k, v in domain { body }} (key null when absent). */
    public record Every(Term key, Term value, Term domain, Body body) implements Kind {}

    /** {@code some x}: declaration only; always true. */
    public record Declare() implements Kind {}

    /** {@code with target as value}: target path relative to its root, or a function name. */
    public record With(Root root, String[] path, String function, Term value, Location loc) {}

    /** Vars of a compiled body that the query result reports. */
    public record QueryVar(String name, int slot) {}

    /**
     * Element pairs to unify when both sides are arrays of one length, or objects with the same constant keys;
     * null otherwise.
     */
    public static Term[][] pairs(Term left, Term right) {
        if (left instanceof Arr a && right instanceof Arr b && a.elements().length == b.elements().length) {
            return new Term[][] {a.elements(), b.elements()};
        }
        if (left instanceof Obj a && right instanceof Obj b && a.keys().length == b.keys().length) {
            Term[] av = new Term[a.keys().length], bv = new Term[av.length];
            for (int i = 0; i < av.length; i++) {
                if (!(a.keys()[i] instanceof Const ka)) return null;
                av[i] = a.values()[i];
                for (int j = 0; j < b.keys().length; j++) {
                    if (b.keys()[j] instanceof Const kb && kb.value().equals(ka.value())) bv[i] = b.values()[j];
                }
                if (bv[i] == null) return null;
            }
            return new Term[][] {av, bv};
        }
        return null;
    }
}
