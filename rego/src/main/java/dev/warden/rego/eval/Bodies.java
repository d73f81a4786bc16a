package dev.warden.rego.eval;

import dev.warden.rego.compiler.Ir;
import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.SetValue;
import dev.warden.rego.value.Value;
import java.util.HashMap;
import java.util.Map;

/** Evaluates bodies expression by expression, backtracking through continuations: {@code not}, {@code some ... in},
 * {@code every} and {@code with} live here. */
final class Bodies {
    private final Evaluator ev;

    Bodies(Evaluator ev) { this.ev = ev; }

    boolean body(Ir.Expr[] exprs, int start, Value[] f, K k) {
        int i = start;
        int[] bound = null;
        int nb = 0;
        try {
            // Expressions with at most one outcome (tests, and assignments of values that cannot iterate) run
            // inline, without a continuation; the vars they bind are unbound when the rest of the body is done.
            while (i < exprs.length) {
                ev.tick();
                Ir.Expr e = exprs[i];
                if (e.with().length > 0) break;
                if (e.kind() instanceof Ir.TermKind t) {
                    Value v = filter(t.term(), f);
                    if (v == Terms.NOT_SIMPLE) break;
                    boolean holds = v != null && !isFalse(v);
                    if (holds == e.negated()) return true;
                } else if (e.kind() instanceof Ir.Unify u && !e.negated()) {
                    Ir.Var target = unboundVar(u.left(), f);
                    Ir.Term source = u.right();
                    if (target == null) {
                        target = unboundVar(u.right(), f);
                        source = u.left();
                    }
                    if (target != null) {
                        Value v = inline(source, f);
                        if (v == Terms.NOT_SIMPLE) break;
                        if (v == null) return true;
                        if (bound == null) bound = new int[4];
                        else if (nb == bound.length) bound = java.util.Arrays.copyOf(bound, nb * 2);
                        bound[nb++] = target.slot();
                        f[target.slot()] = v;
                    } else {
                        Value l = inline(u.left(), f);
                        if (l == Terms.NOT_SIMPLE) break;
                        Value r = inline(u.right(), f);
                        if (r == Terms.NOT_SIMPLE) break;
                        if (l == null || r == null || !l.equals(r)) return true;
                    }
                } else {
                    break;
                }
                i++;
            }
            if (i == exprs.length) return k.go();
            Ir.Expr e = exprs[i];
            int n = i + 1;
            K next = n == exprs.length ? k : () -> body(exprs, n, f, k);
            if (e.with().length > 0) return withExpr(e, f, next);
            return expr(e, f, next);
        } finally {
            for (int j = 0; j < nb; j++) f[bound[j]] = null;
        }
    }

    private static Ir.Var unboundVar(Ir.Term t, Value[] f) {
        return t instanceof Ir.Var v && f[v.slot()] == null ? v : null;
    }

    /** The single value of a term if it can be had without iterating; {@link Terms#NOT_SIMPLE} otherwise. */
    private Value inline(Ir.Term t, Value[] f) {
        if (t instanceof Ir.Call c) return ev.calls.direct(c, f);
        return ev.terms.simple(t, f);
    }

    /** The value of a term that cannot iterate, evaluated directly; {@link Terms#NOT_SIMPLE} otherwise. */
    private Value filter(Ir.Term t, Value[] f) {
        if (t instanceof Ir.Call c) return ev.calls.direct(c, f);
        if (t instanceof Ir.Ref r) return ev.terms.simple(r, f);
        return Terms.NOT_SIMPLE;
    }

    boolean expr(Ir.Expr e, Value[] f, K next) {
        if (!e.negated()) return positive(e, f, next);
        boolean[] found = {false};
        positive(e, f, () -> {
            found[0] = true;
            return false;
        });
        return found[0] || next.go();
    }

    private boolean positive(Ir.Expr e, Value[] f, K next) {
        return switch (e.kind()) {
            case Ir.TermKind t -> {
                if (t.term() instanceof Ir.Call c) {
                    Value v = ev.calls.direct(c, f);
                    if (v != Terms.NOT_SIMPLE) yield v == null || isFalse(v) || next.go();
                }
                yield ev.terms.eval(t.term(), f, v -> isFalse(v) || next.go());
            }
            case Ir.Unify u -> ev.unifier.unify(u.left(), u.right(), f, next);
            case Ir.SomeIn s -> ev.terms.eval(s.collection(), f, coll -> someIn(s, coll, f, next));
            case Ir.IndexedSomeIn ix -> ev.terms.eval(ix.someIn().collection(), f, coll -> indexed(ix, coll, f, next));
            case Ir.Every every -> every(every, f, next);
            case Ir.Declare d -> next.go();
        };
    }

    private boolean indexed(Ir.IndexedSomeIn ix, Value coll, Value[] f, K next) {
        Ir.Var x = (Ir.Var) ix.someIn().value();
        if (f[x.slot()] == null) {
            Value probe = ev.terms.simple(ix.probe(), f);
            if (probe == null) return true; // the test cannot pass for any member
            if (probe != Terms.NOT_SIMPLE) {
                java.util.List<Value> hits = ix.index().candidates(coll, probe);
                if (hits != null) {
                    try {
                        for (Value m : hits) {
                            f[x.slot()] = m;
                            if (!next.go()) return false;
                        }
                    } finally {
                        f[x.slot()] = null;
                    }
                    return true;
                }
            }
        }
        return someIn(ix.someIn(), coll, f, next);
    }

    private static boolean isFalse(Value v) { return v instanceof BooleanValue b && !b.value(); }

    private boolean someIn(Ir.SomeIn s, Value coll, Value[] f, K next) {
        if (s.key() == null && s.value() instanceof Ir.Var v && f[v.slot()] == null) {
            // The common `some x in xs`: bind each member directly, no keys needed.
            int slot = v.slot();
            switch (coll) {
                case ArrayValue a -> {
                    try {
                        for (int i = 0; i < a.size(); i++) {
                            ev.tick();
                            f[slot] = a.get(i);
                            if (!next.go()) return false;
                        }
                    } finally {
                        f[slot] = null;
                    }
                    return true;
                }
                case SetValue set -> {
                    try {
                        for (Value m : set.elements()) {
                            ev.tick();
                            f[slot] = m;
                            if (!next.go()) return false;
                        }
                    } finally {
                        f[slot] = null;
                    }
                    return true;
                }
                default -> {}
            }
        }
        return entries(coll, (key, value) -> {
            ev.tick();
            if (s.key() == null) return ev.unifier.unifyValue(s.value(), value, f, next);
            return ev.unifier.unifyValue(s.key(), key, f, () -> ev.unifier.unifyValue(s.value(), value, f, next));
        });
    }

    /** Receives each (key, value) of a collection; returns false to stop. */
    @FunctionalInterface
    interface EntryK {
        boolean go(Value key, Value value);
    }

    /** Iterates arrays (index, element), objects (key, value) and sets (member, member). */
    static boolean entries(Value coll, EntryK k) {
        switch (coll) {
            case ArrayValue a -> {
                for (int i = 0; i < a.size(); i++) if (!k.go(NumberValue.of(i), a.get(i))) return false;
            }
            case ObjectValue o -> {
                for (Value key : o.keys()) if (!k.go(key, o.get(key))) return false;
            }
            case SetValue s -> {
                for (Value m : s.elements()) if (!k.go(m, m)) return false;
            }
            default -> {}
        }
        return true;
    }

    private boolean every(Ir.Every e, Value[] f, K next) {
        return ev.terms.eval(e.domain(), f, domain -> {
            if (!(domain instanceof ArrayValue || domain instanceof ObjectValue || domain instanceof SetValue)) {
                return true; // every over a non-collection is false
            }
            boolean all = entries(domain, (key, value) -> {
                boolean[] ok = {false};
                K found = () -> {
                    ok[0] = true;
                    return false;
                };
                K bodyK = () -> body(e.body().exprs(), 0, f, found);
                if (e.key() == null) ev.unifier.unifyValue(e.value(), value, f, bodyK);
                else ev.unifier.unifyValue(e.key(), key, f, () -> ev.unifier.unifyValue(e.value(), value, f, bodyK));
                return ok[0];
            });
            return !all || next.go();
        });
    }

    // ---- with ----

    private boolean withExpr(Ir.Expr e, Value[] f, K next) {
        Evaluator.State outer = ev.state;
        Evaluator.State inner = withState(e.with(), f, outer);
        if (inner == null) return true; // a with value is undefined: so is the expression
        ev.state = inner;
        try {
            return expr(e, f, () -> {
                ev.state = outer;
                try {
                    return next.go();
                } finally {
                    ev.state = inner;
                }
            });
        } finally {
            ev.state = outer;
        }
    }

    /** The state a list of {@code with} modifiers makes from {@code outer}, or null when a value is undefined. */
    Evaluator.State withState(Ir.With[] withs, Value[] f, Evaluator.State outer) {
        Value input = outer.input;
        Overlay overlay = outer.overlay;
        Map<String, Evaluator.Mock> mocks = outer.mocks;
        for (Ir.With w : withs) {
            if (w.function() != null) {
                Evaluator.Mock mock;
                if (w.value() instanceof Ir.Call c && c.args().length == 0 && (c.builtin() != null || c.function() != null)) {
                    mock = new Evaluator.Mock(null, c);
                } else {
                    Value v = ev.terms.first(w.value(), f);
                    if (v == null) return null;
                    mock = new Evaluator.Mock(v, null);
                }
                Map<String, Evaluator.Mock> m = new HashMap<>(mocks);
                m.put(w.function(), mock);
                mocks = m;
                continue;
            }
            Value v = ev.terms.first(w.value(), f);
            if (v == null) return null;
            if (w.root() == Ir.Root.INPUT) {
                input = w.path().length == 0 ? v : Refs.upsert(input, w.path(), 0, v);
            } else {
                overlay = Overlay.with(overlay, w.path(), 0, v);
            }
        }
        return new Evaluator.State(input, overlay, mocks, ev.policy.nodeCount());
    }
}
