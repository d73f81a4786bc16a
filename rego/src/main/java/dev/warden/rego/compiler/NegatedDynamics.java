package dev.warden.rego.compiler;

import dev.warden.rego.source.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Evaluates the dynamic parts of a negated expression before the negation, as OPA's compiler does (its
 * "rewrite expression terms" and "rewrite dynamic terms" stages), so that {@code not f(input.x)} is
 * <em>undefined</em> when {@code input.x} is, rather than true.
 *
 * <p>What is bound to a fresh variable in a positive expression placed before the negated one (keeping its
 * {@code with} modifiers):
 * <ul>
 *   <li>in a call ({@code not f(a, b)}, {@code not a != b}, or a call with its output {@code not f(a, out)}):
 *       every argument that is a reference, call or comprehension, and such terms inside array, object and set
 *       arguments;</li>
 *   <li>in {@code not a = b} and {@code not a == b} (OPA rewrites {@code ==} to {@code =} before this stage):
 *       calls on either side, and the dynamic terms inside composites and inside reference brackets, but not
 *       a side that is itself a reference ({@code not input.a == 1} stays true when {@code input.a} is
 *       undefined);</li>
 *   <li>in a plain term ({@code not p[input.k]}, {@code not f(x).allowed}): calls it is built on and the
 *       dynamic terms inside reference brackets, not the reference itself.</li>
 * </ul>
 * Comprehension bodies are left to their own lowering. In positive expressions this rewriting would change
 * nothing, so it is applied to negated expressions only.
 *
 * <pre>{@code
 * List<Ir.Expr> exprs = NegatedDynamics.hoist(negatedExpr, false, loc -> freshVar(loc));
 * }</pre>
 */
final class NegatedDynamics {
    /** Names of the generated variables that hold hoisted terms. */
    static final String PREFIX = "$dyn";

    private final Function<Location, Ir.Var> fresh;
    private final Ir.Expr original;
    private final List<Ir.Expr> extras = new ArrayList<>();

    private NegatedDynamics(Ir.Expr original, Function<Location, Ir.Var> fresh) {
        this.original = original;
        this.fresh = fresh;
    }

    /**
     * The expressions that replace a negated one: the bindings of its dynamic terms, then the negation over
     * them. {@code outputCall} says the expression is a call written with its output argument ({@code
     * f(x, out)}), lowered to a unification with the call.
     */
    static List<Ir.Expr> hoist(Ir.Expr negated, boolean outputCall,
                               Function<Location, Ir.Var> fresh) {
        NegatedDynamics d = new NegatedDynamics(negated, fresh);
        Ir.Kind kind = d.kind(negated.kind(), outputCall);
        if (d.extras.isEmpty()) return List.of(negated);
        List<Ir.Expr> out = new ArrayList<>(d.extras);
        out.add(new Ir.Expr(true, kind, negated.with(), negated.loc(), negated.text()));
        return out;
    }

    /** True for an expression this rewriting added (a binding of a dynamic term), not one the user wrote. */
    static boolean isBinding(Ir.Expr e) {
        return !e.negated() && e.kind() instanceof Ir.Unify u && u.left() instanceof Ir.Var v
                && v.name().startsWith(PREFIX);
    }

    private Ir.Kind kind(Ir.Kind k, boolean outputCall) {
        return switch (k) {
            case Ir.Unify u when outputCall && u.left() instanceof Ir.Call c ->
                    new Ir.Unify(callArgs(c), one(u.right()), false);
            case Ir.Unify u -> new Ir.Unify(side(u.left()), side(u.right()), u.assign());
            case Ir.TermKind t -> new Ir.TermKind(top(t.term()));
            default -> k;
        };
    }

    /** The expression's own term: a call keeps its operator, anything else is treated as one side of {@code =}. */
    private Ir.Term top(Ir.Term t) {
        if (t instanceof Ir.Call c && c.builtin() != null && c.name().equals("equal") && c.args().length == 2) {
            return new Ir.Call(c.name(), c.builtin(), c.function(), new Ir.Term[] {side(c.args()[0]), side(c.args()[1])},
                    c.loc());
        }
        if (t instanceof Ir.Call c && (c.builtin() != null || c.function() != null)) return callArgs(c);
        return side(t);
    }

    private Ir.Call callArgs(Ir.Call c) {
        Ir.Term[] args = new Ir.Term[c.args().length];
        for (int i = 0; i < args.length; i++) args[i] = one(c.args()[i]);
        return new Ir.Call(c.name(), c.builtin(), c.function(), args, c.loc());
    }

    /** A side of {@code =}: a reference itself stays in place, its call head and bracketed terms do not. */
    private Ir.Term side(Ir.Term t) {
        return switch (t) {
            case Ir.Ref r -> {
                Ir.Term head = r.head() instanceof Ir.Call ? bind(r.head()) : r.head();
                Ir.Term[] path = new Ir.Term[r.path().length];
                for (int i = 0; i < path.length; i++) path[i] = one(r.path()[i]);
                yield new Ir.Ref(head, path, r.loc());
            }
            case Ir.ArrCompr c -> c;
            case Ir.SetCompr c -> c;
            case Ir.ObjCompr c -> c;
            default -> one(t);
        };
    }

    /** A term in argument position: references, calls and comprehensions are bound first. */
    private Ir.Term one(Ir.Term t) {
        return switch (t) {
            case Ir.Ref r -> bind(r);
            case Ir.Call c when c.builtin() != null || c.function() != null -> bind(c);
            case Ir.ArrCompr c -> bind(c);
            case Ir.SetCompr c -> bind(c);
            case Ir.ObjCompr c -> bind(c);
            case Ir.Arr a -> new Ir.Arr(all(a.elements()), a.loc());
            case Ir.SetT s -> new Ir.SetT(all(s.elements()), s.loc());
            case Ir.Obj o -> new Ir.Obj(all(o.keys()), all(o.values()), o.loc());
            default -> t;
        };
    }

    private Ir.Term[] all(Ir.Term[] ts) {
        Ir.Term[] out = new Ir.Term[ts.length];
        for (int i = 0; i < ts.length; i++) out[i] = one(ts[i]);
        return out;
    }

    private Ir.Var bind(Ir.Term t) {
        Ir.Var v = fresh.apply(t.loc());
        extras.add(new Ir.Expr(false, new Ir.Unify(v, t, false), original.with(), original.loc(), original.text()));
        return v;
    }
}
