package dev.warden.rego.compiler;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Reorders each body so that every expression runs only once the variables it reads are bound, as OPA does,
 * and reports {@code rego_unsafe_var_error} for variables nothing can bind. Nested bodies (comprehensions,
 * {@code every}) are ordered with the variables bound before them in their enclosing body.
 */
final class Safety {
    private final Errors errors;

    Safety(Errors errors) { this.errors = errors; }

    /** Reorders a body given the slots already bound, returning the new body. */
    Ir.Body order(Ir.Body body, BitSet bound) {
        List<Ir.Expr> remaining = new ArrayList<>(List.of(body.exprs()));
        List<Ir.Expr> out = new ArrayList<>(remaining.size());
        BitSet b = (BitSet) bound.clone();
        BitSet locals = new BitSet();
        for (int s : body.locals()) locals.set(s);
        while (!remaining.isEmpty()) {
            int pick = -1;
            for (int i = 0; i < remaining.size(); i++) {
                if (canRun(remaining.get(i), b, remaining, i)) {
                    pick = i;
                    break;
                }
            }
            if (pick < 0) {
                reportUnsafe(remaining, b);
                out.addAll(remaining);
                break;
            }
            Ir.Expr e = remaining.remove(pick);
            out.add(nested(e, b));
            if (!e.negated()) bindOutputs(e, b);
        }
        return new Ir.Body(out.toArray(new Ir.Expr[0]), body.locals());
    }

    private void reportUnsafe(List<Ir.Expr> remaining, BitSet bound) {
        for (Ir.Expr e : remaining) {
            for (Ir.Var v : Vars.occurrences(e)) {
                if (!bound.get(v.slot()) && !v.generated()) {
                    errors.add(Errors.UNSAFE, "var " + v.name() + " is unsafe", v.loc());
                    return;
                }
            }
        }
        for (Ir.Expr e : remaining) {
            for (Ir.Var v : Vars.occurrences(e)) {
                if (!bound.get(v.slot())) {
                    errors.add(Errors.UNSAFE, "expression is unsafe", e.loc());
                    return;
                }
            }
        }
    }

    private boolean canRun(Ir.Expr e, BitSet bound, List<Ir.Expr> remaining, int index) {
        for (Ir.With w : e.with()) if (!Vars.evaluable(w.value(), bound)) return false;
        if (e.negated()) {
            // Vars shared with other expressions must be bound first; vars only in this one are its own.
            BitSet elsewhere = new BitSet();
            for (int i = 0; i < remaining.size(); i++) {
                if (i != index) for (Ir.Var v : Vars.occurrences(remaining.get(i))) elsewhere.set(v.slot());
            }
            BitSet own = new BitSet();
            for (Ir.Var v : Vars.occurrences(e)) own.set(v.slot());
            BitSet shared = (BitSet) own.clone();
            shared.and(elsewhere);
            shared.andNot(bound);
            if (!shared.isEmpty()) return false;
        }
        return switch (e.kind()) {
            case Ir.Declare d -> true;
            case Ir.TermKind t -> Vars.evaluable(t.term(), bound);
            case Ir.Unify u -> Vars.unifiable(u.left(), u.right(), bound);
            case Ir.SomeIn s -> Vars.evaluable(s.collection(), bound);
            case Ir.Every ev -> Vars.evaluable(ev.domain(), bound) && Vars.outerBound(ev.body(), bound);
            case Ir.IndexedSomeIn ix -> Vars.evaluable(ix.someIn().collection(), bound);
        };
    }

    private static void bindOutputs(Ir.Expr e, BitSet bound) {
        for (Ir.Var v : Vars.occurrences(e)) bound.set(v.slot());
    }

    /** Orders bodies nested in an expression with what is bound when the expression runs. */
    private Ir.Expr nested(Ir.Expr e, BitSet bound) {
        Ir.Kind k = switch (e.kind()) {
            case Ir.TermKind t -> new Ir.TermKind(term(t.term(), bound));
            case Ir.Unify u -> {
                BitSet after = (BitSet) bound.clone();
                yield new Ir.Unify(term(u.left(), after), term(u.right(), after), u.assign());
            }
            case Ir.SomeIn s -> new Ir.SomeIn(s.key(), s.value(), term(s.collection(), bound));
            case Ir.Every ev -> {
                BitSet inner = (BitSet) bound.clone();
                if (ev.key() != null) for (Ir.Var v : Vars.occurrences(ev.key())) inner.set(v.slot());
                for (Ir.Var v : Vars.occurrences(ev.value())) inner.set(v.slot());
                yield new Ir.Every(ev.key(), ev.value(), term(ev.domain(), bound), order(ev.body(), inner));
            }
            case Ir.Declare d -> d;
            case Ir.IndexedSomeIn ix -> ix;
        };
        Ir.With[] with = e.with().clone();
        for (int i = 0; i < with.length; i++) {
            Ir.With w = with[i];
            with[i] = new Ir.With(w.root(), w.path(), w.function(), term(w.value(), bound), w.loc());
        }
        return new Ir.Expr(e.negated(), k, with, e.loc(), e.text());
    }

    /** Reorders comprehension bodies inside a term. */
    Ir.Term term(Ir.Term t, BitSet bound) {
        return switch (t) {
            case Ir.ArrCompr c -> new Ir.ArrCompr(c.term(), order(c.body(), bound), c.loc());
            case Ir.SetCompr c -> new Ir.SetCompr(c.term(), order(c.body(), bound), c.loc());
            case Ir.ObjCompr c -> new Ir.ObjCompr(c.key(), c.value(), order(c.body(), bound), c.loc());
            case Ir.Ref r -> new Ir.Ref(term(r.head(), bound), terms(r.path(), bound), r.loc());
            case Ir.Arr a -> new Ir.Arr(terms(a.elements(), bound), a.loc());
            case Ir.SetT s -> new Ir.SetT(terms(s.elements(), bound), s.loc());
            case Ir.Obj o -> new Ir.Obj(terms(o.keys(), bound), terms(o.values(), bound), o.loc());
            case Ir.Call c -> new Ir.Call(c.name(), c.builtin(), c.function(), terms(c.args(), bound), c.loc());
            case Ir.Template tp -> new Ir.Template(terms(tp.parts(), bound), tp.literal(), tp.with(), tp.loc());
            case Ir.Const c -> c;
            case Ir.Var v -> v;
            case Ir.RootTerm r -> r;
        };
    }

    private Ir.Term[] terms(Ir.Term[] ts, BitSet bound) {
        Ir.Term[] out = new Ir.Term[ts.length];
        for (int i = 0; i < ts.length; i++) out[i] = term(ts[i], bound);
        return out;
    }
}
