package dev.warden.rego.compiler;

import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Marks iterations that an equality test right after them can narrow ({@link Ir.IndexedSomeIn}). Runs on
 * bodies already ordered for safety, so the test follows its iteration.
 */
final class Indexer {
    private Indexer() {}

    static Ir.Body index(Ir.Body body) {
        Ir.Expr[] exprs = body.exprs().clone();
        for (int i = 0; i + 1 < exprs.length; i++) {
            Ir.Expr e = exprs[i];
            if (e.negated() || e.with().length > 0 || !(e.kind() instanceof Ir.SomeIn s)) continue;
            if (s.key() != null || !(s.value() instanceof Ir.Var x)) continue;
            Ir.Kind indexed = test(exprs[i + 1], s, x);
            if (indexed != null) exprs[i] = new Ir.Expr(false, indexed, e.with(), e.loc(), e.text());
        }
        return new Ir.Body(exprs, body.locals());
    }

    private static Ir.Kind test(Ir.Expr next, Ir.SomeIn s, Ir.Var x) {
        if (next.negated() || next.with().length > 0 || !(next.kind() instanceof Ir.TermKind t)) return null;
        if (!(t.term() instanceof Ir.Call c) || c.builtin() == null || !c.name().equals("equal")) return null;
        for (int side = 0; side < 2; side++) {
            Value[] path = fieldPath(c.args()[side], x);
            Ir.Term probe = c.args()[1 - side];
            if (path != null && !uses(probe, x)) return new Ir.IndexedSomeIn(s, probe, new IterationIndex(path));
        }
        return null;
    }

    /** The constant string path of {@code x.a.b}, or null. */
    private static Value[] fieldPath(Ir.Term t, Ir.Var x) {
        if (!(t instanceof Ir.Ref r) || !(r.head() instanceof Ir.Var v) || v.slot() != x.slot()) return null;
        if (r.path().length == 0) return null;
        List<Value> out = new ArrayList<>();
        for (Ir.Term p : r.path()) {
            if (!(p instanceof Ir.Const c) || !(c.value() instanceof StringValue)) return null;
            out.add(c.value());
        }
        return out.toArray(new Value[0]);
    }

    private static boolean uses(Ir.Term t, Ir.Var x) {
        for (Ir.Var v : Vars.occurrences(t)) if (v.slot() == x.slot()) return true;
        return false;
    }
}
