package dev.warden.rego.parser;

import dev.warden.rego.ast.Expr;
import dev.warden.rego.ast.Rule;
import dev.warden.rego.ast.Term;
import dev.warden.rego.value.Json;
import dev.warden.rego.value.StringValue;
import java.util.List;
import java.util.stream.Collectors;

/** Renders AST nodes as compact text so tests can state the expected shape in one line. */
final class AstPrinter {
    private AstPrinter() {}

    static String term(Term t) {
        return switch (t) {
            case Term.Scalar s -> Json.write(s.value());
            case Term.Var v -> v.name();
            case Term.Ref r -> ref(r);
            case Term.ArrayTerm a -> "[" + terms(a.elements()) + "]";
            case Term.SetTerm s -> s.elements().isEmpty() ? "set()" : "{" + terms(s.elements()) + "}";
            case Term.ObjectTerm o -> "{" + o.entries().stream().map(e -> term(e.key()) + ": " + term(e.value()))
                    .collect(Collectors.joining(", ")) + "}";
            case Term.ArrayComprehension c -> "[" + term(c.term()) + " | " + body(c.body()) + "]";
            case Term.SetComprehension c -> "{" + term(c.term()) + " | " + body(c.body()) + "}";
            case Term.ObjectComprehension c -> "{" + term(c.key()) + ": " + term(c.value()) + " | " + body(c.body()) + "}";
            case Term.Call c -> ref(c.operator()) + "(" + terms(c.args()) + ")";
            case Term.TemplateString ts -> {
                StringBuilder sb = new StringBuilder(ts.raw() ? "$`" : "$\"");
                for (int i = 0; i < ts.parts().size(); i++) {
                    Term p = ts.parts().get(i);
                    if (ts.literal().get(i)) {
                        sb.append(((StringValue) ((Term.Scalar) p).value()).value());
                    } else {
                        sb.append('{').append(term(p)).append(withs(ts.with().get(i))).append('}');
                    }
                }
                yield sb.append(ts.raw() ? "`" : "\"").toString();
            }
        };
    }

    private static String ref(Term.Ref r) {
        StringBuilder sb = new StringBuilder(term(r.head()));
        for (Term p : r.path()) {
            if (p instanceof Term.Scalar s && s.value() instanceof StringValue str && str.value().matches("[A-Za-z_]\\w*")) {
                sb.append('.').append(str.value());
            } else {
                sb.append('[').append(term(p)).append(']');
            }
        }
        return sb.toString();
    }

    static String terms(List<Term> ts) { return ts.stream().map(AstPrinter::term).collect(Collectors.joining(", ")); }

    static String body(List<Expr> body) { return body.stream().map(AstPrinter::expr).collect(Collectors.joining("; ")); }

    static String expr(Expr e) {
        String kind = switch (e.kind()) {
            case Expr.TermExpr te -> term(te.term());
            case Expr.SomeDecl s -> "some " + s.vars().stream().map(Term.Var::name).collect(Collectors.joining(", "));
            case Expr.SomeIn s -> "some " + (s.key() == null ? "" : term(s.key()) + ", ") + term(s.value()) + " in "
                    + term(s.collection());
            case Expr.Every ev -> "every " + (ev.key() == null ? "" : term(ev.key()) + ", ") + term(ev.value()) + " in "
                    + term(ev.domain()) + " { " + body(ev.body()) + " }";
        };
        return (e.negated() ? "not " : "") + kind + withs(e.with());
    }

    private static String withs(List<Expr.With> with) {
        return with.stream().map(w -> " with " + term(w.target()) + " as " + term(w.value())).collect(Collectors.joining());
    }

    static String rule(Rule r) {
        StringBuilder sb = new StringBuilder(r.isDefault() ? "default " : "");
        sb.append(head(r.head()));
        if (!r.body().isEmpty()) sb.append(" if { ").append(body(r.body())).append(" }");
        for (Rule e = r.elseRule(); e != null; e = e.elseRule()) {
            sb.append(" else ").append(e.head().assign() ? ":= " : "= ").append(term(e.head().value()));
            if (!e.body().isEmpty()) sb.append(" if { ").append(body(e.body())).append(" }");
        }
        return sb.toString();
    }

    static String head(Rule.Head h) {
        StringBuilder sb = new StringBuilder(ref(h.ref()));
        if (h.args() != null) sb.append('(').append(terms(h.args())).append(')');
        if (h.key() != null) sb.append(" contains ").append(term(h.key()));
        if (h.value() != null) sb.append(h.assign() ? " := " : " = ").append(term(h.value()));
        return sb.toString();
    }
}
