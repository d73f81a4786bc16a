package dev.warden.rego.eval;

import dev.warden.rego.compiler.Ir;
import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.Value;

/**
 * Unification ({@code =} and {@code :=}): binds unbound variables, matches array and object patterns on
 * either side, and otherwise compares values. Bindings are undone when the continuation returns.
 */
final class Unifier {
    private final Evaluator ev;

    Unifier(Evaluator ev) { this.ev = ev; }

    boolean unify(Ir.Term l, Ir.Term r, Value[] f, K k) {
        if (l instanceof Ir.Var v && f[v.slot()] == null) return ev.terms.eval(r, f, x -> bind(v, x, f, k));
        if (r instanceof Ir.Var v && f[v.slot()] == null) return ev.terms.eval(l, f, x -> bind(v, x, f, k));
        if (l instanceof Ir.Arr a && r instanceof Ir.Arr b && a.elements().length != b.elements().length) return true;
        Ir.Term[][] pairs = Ir.pairs(l, r);
        if (pairs != null) return pairs(pairs[0], pairs[1], new boolean[pairs[0].length], f, k);
        if (unbound(l, f)) return ev.terms.eval(r, f, x -> unifyValue(l, x, f, k));
        return ev.terms.eval(l, f, x -> unifyValue(r, x, f, k));
    }

    /** Unifies element pairs, each as soon as one side of it can be evaluated. */
    private boolean pairs(Ir.Term[] a, Ir.Term[] b, boolean[] done, Value[] f, K k) {
        int pick = -1;
        for (int i = 0; i < a.length; i++) {
            if (done[i]) continue;
            if (pick < 0) pick = i;
            if (!unbound(a[i], f) || !unbound(b[i], f)) {
                pick = i;
                break;
            }
        }
        if (pick < 0) return k.go();
        int p = pick;
        done[p] = true;
        try {
            return unify(a[p], b[p], f, () -> pairs(a, b, done, f, k));
        } finally {
            done[p] = false;
        }
    }

    private static boolean bind(Ir.Var v, Value x, Value[] f, K k) {
        Value prev = f[v.slot()];
        if (prev != null) return !prev.equals(x) || k.go();
        f[v.slot()] = x;
        try {
            return k.go();
        } finally {
            f[v.slot()] = null;
        }
    }

    /** True when the term is a pattern with a variable still to bind. */
    static boolean unbound(Ir.Term t, Value[] f) {
        return switch (t) {
            case Ir.Var v -> f[v.slot()] == null;
            case Ir.Arr a -> {
                for (Ir.Term x : a.elements()) if (unbound(x, f)) yield true;
                yield false;
            }
            case Ir.Obj o -> {
                for (Ir.Term x : o.values()) if (unbound(x, f)) yield true;
                yield false;
            }
            default -> false;
        };
    }

    /** Unifies a term (possibly a pattern) with a value. */
    boolean unifyValue(Ir.Term t, Value v, Value[] f, K k) {
        switch (t) {
            case Ir.Var var -> {
                return bind(var, v, f, k);
            }
            case Ir.Const c -> {
                return !c.value().equals(v) || k.go();
            }
            case Ir.Arr a -> {
                if (!(v instanceof ArrayValue av) || av.size() != a.elements().length) return true;
                return elements(a.elements(), av, 0, f, k);
            }
            case Ir.Obj o -> {
                if (!(v instanceof ObjectValue ov) || ov.size() != o.keys().length) return true;
                return entries(o, ov, 0, f, k);
            }
            default -> {
                return ev.terms.eval(t, f, x -> !x.equals(v) || k.go());
            }
        }
    }

    private boolean elements(Ir.Term[] ts, ArrayValue av, int i, Value[] f, K k) {
        if (i == ts.length) return k.go();
        return unifyValue(ts[i], av.get(i), f, () -> elements(ts, av, i + 1, f, k));
    }

    private boolean entries(Ir.Obj o, ObjectValue ov, int i, Value[] f, K k) {
        if (i == o.keys().length) return k.go();
        return ev.terms.eval(o.keys()[i], f, key -> {
            Value v = ov.get(key);
            return v == null || unifyValue(o.values()[i], v, f, () -> entries(o, ov, i + 1, f, k));
        });
    }
}
