package dev.warden.rego.builtins;

import dev.warden.rego.ast.Expr;
import dev.warden.rego.ast.Module;
import dev.warden.rego.ast.Rule;
import dev.warden.rego.ast.Term;
import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.NullValue;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed module as the JSON document OPA's {@code rego.parse_module} returns: {@code package}, {@code imports}
 * and {@code rules}, terms as {@code {"type": ..., "value": ...}}, locations left out.
 */
final class RegoAstJson {
    private RegoAstJson() {}

    static ObjectValue module(Module m) {
        ObjectValue.Builder b = ObjectValue.builder().put("package", ObjectValue.builder().put("path", refPath(m.pkg())).build());
        List<Value> imports = new ArrayList<>();
        for (Module.Import i : m.imports()) {
            ObjectValue.Builder ib = ObjectValue.builder().put("path", term(i.path()));
            if (i.alias() != null) ib.put("alias", StringValue.of(i.alias()));
            imports.add(ib.build());
        }
        if (!imports.isEmpty()) b.put("imports", ArrayValue.of(imports));
        List<Value> rules = new ArrayList<>();
        for (Rule r : m.rules()) rules.add(rule(r));
        if (!rules.isEmpty()) b.put("rules", ArrayValue.of(rules));
        return b.build();
    }

    private static ObjectValue rule(Rule r) {
        Rule.Head h = r.head();
        ObjectValue.Builder head = ObjectValue.builder().put("ref", refPath(h.ref()));
        if (h.ref().headName() != null && h.ref().path().isEmpty()) head.put("name", StringValue.of(h.ref().headName()));
        if (h.args() != null) head.put("args", terms(h.args()));
        if (h.key() != null) head.put("key", term(h.key()));
        if (h.value() != null) head.put("value", term(h.value()));
        if (h.assign()) head.put("assign", BooleanValue.TRUE);
        ObjectValue.Builder b = ObjectValue.builder().put("head", head.build()).put("body", body(r.body()));
        if (r.isDefault()) b.put("default", BooleanValue.TRUE);
        if (r.elseRule() != null) b.put("else", rule(r.elseRule()));
        return b.build();
    }

    private static ArrayValue body(List<Expr> exprs) {
        List<Value> out = new ArrayList<>();
        if (exprs.isEmpty()) {
            out.add(ObjectValue.builder().put("index", NumberValue.ZERO)
                    .put("terms", scalar("boolean", BooleanValue.TRUE)).build());
        }
        for (int i = 0; i < exprs.size(); i++) out.add(expr(exprs.get(i), i));
        return ArrayValue.of(out);
    }

    private static ObjectValue expr(Expr e, int index) {
        ObjectValue.Builder b = ObjectValue.builder().put("index", NumberValue.of(index));
        Value terms = switch (e.kind()) {
            case Expr.TermExpr t when t.term() instanceof Term.Call c -> callTerms(c);
            case Expr.TermExpr t -> term(t.term());
            case Expr.SomeDecl s -> ObjectValue.builder().put("symbols", terms(List.copyOf(s.vars()))).build();
            case Expr.SomeIn s -> {
                List<Term> args = new ArrayList<>();
                if (s.key() != null) args.add(s.key());
                args.add(s.value());
                args.add(s.collection());
                yield ObjectValue.builder().put("symbols", terms(args)).build();
            }
            case Expr.Every ev -> {
                ObjectValue.Builder eb = ObjectValue.builder();
                if (ev.key() != null) eb.put("key", term(ev.key()));
                yield eb.put("value", term(ev.value())).put("domain", term(ev.domain())).put("body", body(ev.body())).build();
            }
        };
        b.put("terms", terms);
        if (e.negated()) b.put("negated", BooleanValue.TRUE);
        if (!e.with().isEmpty()) {
            List<Value> with = new ArrayList<>();
            for (Expr.With w : e.with()) with.add(ObjectValue.builder().put("target", term(w.target())).put("value", term(w.value())).build());
            b.put("with", ArrayValue.of(with));
        }
        return b.build();
    }

    private static ArrayValue callTerms(Term.Call c) {
        List<Value> out = new ArrayList<>();
        out.add(term(c.operator()));
        for (Term a : c.args()) out.add(term(a));
        return ArrayValue.of(out);
    }

    private static ArrayValue terms(List<? extends Term> ts) {
        List<Value> out = new ArrayList<>();
        for (Term t : ts) out.add(term(t));
        return ArrayValue.of(out);
    }

    private static ArrayValue refPath(Term.Ref ref) {
        List<Value> out = new ArrayList<>();
        out.add(term(ref.head()));
        for (Term t : ref.path()) out.add(term(t));
        return ArrayValue.of(out);
    }

    private static ObjectValue typed(String type, Value value) {
        return ObjectValue.builder().put("type", StringValue.of(type)).put("value", value).build();
    }

    private static ObjectValue scalar(String type, Value v) { return typed(type, v); }

    static ObjectValue term(Term t) {
        return switch (t) {
            case Term.Scalar s -> scalar(switch (s.value()) {
                case StringValue x -> "string";
                case NumberValue x -> "number";
                case BooleanValue x -> "boolean";
                case NullValue x -> "null";
                default -> s.value().typeName();
            }, s.value());
            case Term.Var v -> typed("var", StringValue.of(v.name()));
            case Term.Ref r -> typed("ref", refPath(r));
            case Term.ArrayTerm a -> typed("array", terms(a.elements()));
            case Term.SetTerm s -> typed("set", terms(s.elements()));
            case Term.ObjectTerm o -> {
                List<Value> entries = new ArrayList<>();
                for (Term.Entry e : o.entries()) entries.add(ArrayValue.of(term(e.key()), term(e.value())));
                yield typed("object", ArrayValue.of(entries));
            }
            case Term.ArrayComprehension c -> typed("arraycomprehension",
                    ObjectValue.builder().put("term", term(c.term())).put("body", body(c.body())).build());
            case Term.SetComprehension c -> typed("setcomprehension",
                    ObjectValue.builder().put("term", term(c.term())).put("body", body(c.body())).build());
            case Term.ObjectComprehension c -> typed("objectcomprehension", ObjectValue.builder()
                    .put("key", term(c.key())).put("value", term(c.value())).put("body", body(c.body())).build());
            case Term.Call c -> typed("call", callTerms(c));
            case Term.TemplateString s -> typed("templatestring", terms(s.parts()));
        };
    }
}
