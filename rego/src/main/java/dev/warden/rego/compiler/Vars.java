package dev.warden.rego.compiler;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** Variable analysis over {@link Ir}: which vars a term or expression touches, and what it needs bound. */
final class Vars {
    private Vars() {}

    /** Every var occurrence of an expression visible to its body (locals of nested bodies excluded). */
    static List<Ir.Var> occurrences(Ir.Expr e) {
        List<Ir.Var> out = new ArrayList<>();
        switch (e.kind()) {
            case Ir.TermKind t -> collect(t.term(), out);
            case Ir.Unify u -> {
                collect(u.left(), out);
                collect(u.right(), out);
            }
            case Ir.SomeIn s -> {
                if (s.key() != null) collect(s.key(), out);
                collect(s.value(), out);
                collect(s.collection(), out);
            }
            case Ir.Every ev -> {
                collect(ev.domain(), out);
                collectOuter(ev.body(), out);
            }
            case Ir.IndexedSomeIn ix -> {
                collect(ix.someIn().value(), out);
                collect(ix.someIn().collection(), out);
                collect(ix.probe(), out);
            }
            case Ir.Declare d -> {}
        }
        for (Ir.With w : e.with()) collect(w.value(), out);
        return out;
    }

    static List<Ir.Var> occurrences(Ir.Term t) {
        List<Ir.Var> out = new ArrayList<>();
        collect(t, out);
        return out;
    }

    static void collect(Ir.Term t, List<Ir.Var> out) {
        switch (t) {
            case Ir.Var v -> out.add(v);
            case Ir.Const c -> {}
            case Ir.RootTerm r -> {}
            case Ir.Ref r -> {
                collect(r.head(), out);
                for (Ir.Term p : r.path()) collect(p, out);
            }
            case Ir.Arr a -> { for (Ir.Term x : a.elements()) collect(x, out); }
            case Ir.SetT s -> { for (Ir.Term x : s.elements()) collect(x, out); }
            case Ir.Obj o -> {
                for (Ir.Term x : o.keys()) collect(x, out);
                for (Ir.Term x : o.values()) collect(x, out);
            }
            case Ir.Call c -> { for (Ir.Term x : c.args()) collect(x, out); }
            case Ir.Template tp -> { for (Ir.Term x : tp.parts()) collect(x, out); }
            case Ir.ArrCompr c -> collectOuter(c.body(), c.term(), out);
            case Ir.SetCompr c -> collectOuter(c.body(), c.term(), out);
            case Ir.ObjCompr c -> {
                collectOuter(c.body(), c.key(), out);
                collectOuter(c.body(), c.value(), out);
            }
        }
    }

    private static void collectOuter(Ir.Body body, Ir.Term head, List<Ir.Var> out) {
        List<Ir.Var> inner = new ArrayList<>();
        collect(head, inner);
        filterOuter(body, inner, out);
        collectOuter(body, out);
    }

    /** Vars a nested body uses from enclosing scopes. */
    static void collectOuter(Ir.Body body, List<Ir.Var> out) {
        List<Ir.Var> inner = new ArrayList<>();
        for (Ir.Expr e : body.exprs()) inner.addAll(occurrences(e));
        filterOuter(body, inner, out);
    }

    private static void filterOuter(Ir.Body body, List<Ir.Var> inner, List<Ir.Var> out) {
        BitSet locals = new BitSet();
        for (int s : body.locals()) locals.set(s);
        for (Ir.Var v : inner) if (!locals.get(v.slot())) out.add(v);
    }

    static boolean outerBound(Ir.Body body, BitSet bound) {
        List<Ir.Var> outer = new ArrayList<>();
        collectOuter(body, outer);
        for (Ir.Var v : outer) if (!bound.get(v.slot())) return false;
        return true;
    }

    /** True when the term can be evaluated: its vars are bound, except vars in ref paths, which iterate. */
    static boolean evaluable(Ir.Term t, BitSet bound) {
        return switch (t) {
            case Ir.Var v -> bound.get(v.slot());
            case Ir.Const c -> true;
            case Ir.RootTerm r -> true;
            case Ir.Ref r -> {
                if (!evaluable(r.head(), bound)) yield false;
                for (Ir.Term p : r.path()) if (!pattern(p, bound)) yield false;
                yield true;
            }
            case Ir.Arr a -> all(a.elements(), bound);
            case Ir.SetT s -> all(s.elements(), bound);
            case Ir.Obj o -> all(o.keys(), bound) && all(o.values(), bound);
            case Ir.Call c -> {
                // Refs in arguments run first, so vars they bind may appear in other arguments.
                BitSet withGen = (BitSet) bound.clone();
                for (Ir.Term a : c.args()) if (!(a instanceof Ir.Var)) refOutputs(a, withGen);
                yield all(c.args(), withGen);
            }
            case Ir.Template tp -> all(tp.parts(), bound);
            case Ir.ArrCompr c -> outerOf(c, bound);
            case Ir.SetCompr c -> outerOf(c, bound);
            case Ir.ObjCompr c -> outerOf(c, bound);
        };
    }

    private static boolean outerOf(Ir.Term compr, BitSet bound) {
        List<Ir.Var> out = new ArrayList<>();
        collect(compr, out);
        for (Ir.Var v : out) if (!bound.get(v.slot())) return false;
        return true;
    }

    /** Marks the vars that appear as elements of ref paths in a term (they iterate, so they get bound). */
    static void refOutputs(Ir.Term t, BitSet out) {
        switch (t) {
            case Ir.Ref r -> {
                refOutputs(r.head(), out);
                for (Ir.Term p : r.path()) {
                    if (p instanceof Ir.Var v) out.set(v.slot());
                    else refOutputs(p, out);
                }
            }
            case Ir.Call c -> { for (Ir.Term a : c.args()) refOutputs(a, out); }
            case Ir.Arr a -> { for (Ir.Term x : a.elements()) refOutputs(x, out); }
            case Ir.SetT st -> { for (Ir.Term x : st.elements()) refOutputs(x, out); }
            case Ir.Obj o -> {
                for (Ir.Term x : o.keys()) refOutputs(x, out);
                for (Ir.Term x : o.values()) refOutputs(x, out);
            }
            default -> {}
        }
    }

    private static boolean all(Ir.Term[] ts, BitSet bound) {
        for (Ir.Term t : ts) if (!evaluable(t, bound)) return false;
        return true;
    }

    /** True when the term can take a value by unification: vars, and arrays/objects of such patterns. */
    static boolean pattern(Ir.Term t, BitSet bound) {
        return switch (t) {
            case Ir.Var v -> true;
            case Ir.Arr a -> {
                for (Ir.Term x : a.elements()) if (!pattern(x, bound)) yield false;
                yield true;
            }
            case Ir.Obj o -> {
                for (int i = 0; i < o.keys().length; i++) {
                    if (!evaluable(o.keys()[i], bound) || !pattern(o.values()[i], bound)) yield false;
                }
                yield true;
            }
            default -> evaluable(t, bound);
        };
    }

    /** True when {@code left = right} can run: one side evaluates and the other is a pattern, or pairwise. */
    static boolean unifiable(Ir.Term left, Ir.Term right, BitSet bound) {
        if (evaluable(left, bound) && pattern(right, bound)) return true;
        if (evaluable(right, bound) && pattern(left, bound)) return true;
        Ir.Term[][] pairs = Ir.pairs(left, right);
        if (pairs != null) {
            Ir.Term[] ae = pairs[0], be = pairs[1];
            BitSet acc = (BitSet) bound.clone();
            boolean progress = true;
            boolean[] done = new boolean[ae.length];
            int remaining = done.length;
            while (progress && remaining > 0) {
                progress = false;
                for (int i = 0; i < done.length; i++) {
                    if (!done[i] && unifiable(ae[i], be[i], acc)) {
                        done[i] = true;
                        remaining--;
                        progress = true;
                        for (Ir.Var v : occurrences(ae[i])) acc.set(v.slot());
                        for (Ir.Var v : occurrences(be[i])) acc.set(v.slot());
                    }
                }
            }
            return remaining == 0;
        }
        return false;
    }
}
