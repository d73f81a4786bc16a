package dev.warden.rego.compiler;

import dev.warden.rego.ast.Expr;
import dev.warden.rego.ast.Operators;
import dev.warden.rego.ast.Term;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The names a body uses at its own level without declaring them ({@code :=}, {@code some}): such a name in a
 * nested comprehension or {@code every} body is the same variable as in the enclosing body, even when the
 * enclosing body binds it only later.
 */
final class ImplicitVars {
    private final Set<String> used = new HashSet<>();
    private final Set<String> declared = new HashSet<>();

    private ImplicitVars() {}

    static Set<String> of(List<Expr> body) {
        ImplicitVars v = new ImplicitVars();
        for (Expr e : body) v.expr(e);
        v.used.removeAll(v.declared);
        v.used.remove("_");
        return v.used;
    }

    private void expr(Expr e) {
        switch (e.kind()) {
            case Expr.TermExpr t -> {
                if (t.term() instanceof Term.Call c && c.name().equals(Operators.ASSIGN) && c.args().size() == 2) {
                    declare(c.args().get(0));
                    term(c.args().get(1));
                } else {
                    term(t.term());
                }
            }
            case Expr.SomeDecl s -> s.vars().forEach(v -> declared.add(v.name()));
            case Expr.SomeIn s -> {
                if (s.key() != null) declare(s.key());
                declare(s.value());
                term(s.collection());
            }
            case Expr.Every ev -> term(ev.domain());
        }
        for (Expr.With w : e.with()) term(w.value());
    }

    private void declare(Term t) {
        Set<String> saved = new HashSet<>(used);
        term(t);
        Set<String> added = new HashSet<>(used);
        added.removeAll(saved);
        declared.addAll(added);
    }

    private void term(Term t) {
        switch (t) {
            case Term.Var v -> used.add(v.name());
            case Term.Ref r -> {
                term(r.head());
                r.path().forEach(this::term);
            }
            case Term.Call c -> c.args().forEach(this::term);
            case Term.ArrayTerm a -> a.elements().forEach(this::term);
            case Term.SetTerm s -> s.elements().forEach(this::term);
            case Term.ObjectTerm o -> o.entries().forEach(en -> {
                term(en.key());
                term(en.value());
            });
            case Term.TemplateString ts -> ts.parts().forEach(this::term);
            case Term.Scalar s -> {}
            case Term.ArrayComprehension c -> {}
            case Term.SetComprehension c -> {}
            case Term.ObjectComprehension c -> {}
        }
    }
}
