package dev.warden.rego.compiler;

import dev.warden.rego.builtins.Builtin;
import dev.warden.rego.types.Type;
import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.NullValue;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.SetValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The static type errors OPA reports from builtin signatures: an argument whose type is known at compile time
 * (a literal, a composite, a comprehension) and cannot match the declared parameter type.
 */
final class TypeChecks {
    private final Errors errors;

    TypeChecks(Errors errors) { this.errors = errors; }

    void check(RuleNode n) {
        List<CRule> clauses = new ArrayList<>(n.rules);
        if (n.defaultRule != null) clauses.add(n.defaultRule);
        for (CRule r : clauses) {
            for (CRule c = r; c != null; c = c.elseRule) {
                body(c.body);
                if (c.value != null) term(c.value);
                if (c.key != null) term(c.key);
            }
        }
        for (RuleNode child : n.children.values()) check(child);
    }

    void body(Ir.Body b) {
        for (Ir.Expr e : b.exprs()) {
            switch (e.kind()) {
                case Ir.TermKind t -> term(t.term());
                case Ir.Unify u -> {
                    term(u.left());
                    term(u.right());
                }
                case Ir.SomeIn s -> term(s.collection());
                case Ir.IndexedSomeIn ix -> term(ix.someIn().collection());
                case Ir.Every ev -> {
                    term(ev.domain());
                    body(ev.body());
                }
                case Ir.Declare d -> {}
            }
        }
    }

    private void term(Ir.Term t) {
        switch (t) {
            case Ir.Call c -> {
                for (Ir.Term a : c.args()) term(a);
                if (c.builtin() != null) call(c, c.builtin());
            }
            case Ir.Ref r -> {
                term(r.head());
                for (Ir.Term p : r.path()) term(p);
            }
            case Ir.Arr a -> { for (Ir.Term x : a.elements()) term(x); }
            case Ir.SetT s -> { for (Ir.Term x : s.elements()) term(x); }
            case Ir.Obj o -> {
                for (Ir.Term x : o.keys()) term(x);
                for (Ir.Term x : o.values()) term(x);
            }
            case Ir.ArrCompr c -> body(c.body());
            case Ir.SetCompr c -> body(c.body());
            case Ir.ObjCompr c -> body(c.body());
            case Ir.Template tp -> { for (Ir.Term x : tp.parts()) term(x); }
            default -> {}
        }
    }

    private void call(Ir.Call c, Builtin b) {
        if (c.args().length != b.arity()) return;
        for (int i = 0; i < b.arity(); i++) {
            Type have = typeOf(c.args()[i]);
            if (have != null && !compatible(have, b.args().get(i))) {
                StringBuilder h = new StringBuilder(), w = new StringBuilder();
                for (int j = 0; j < b.arity(); j++) {
                    Type t = typeOf(c.args()[j]);
                    h.append(j > 0 ? ", " : "").append(t == null ? "any" : render(t));
                    w.append(j > 0 ? ", " : "").append(render(b.args().get(j)));
                }
                errors.add(Errors.TYPE, b.name() + ": invalid argument(s)\n\thave: (" + h + ")\n\twant: (" + w + ")",
                        c.loc());
                return;
            }
        }
    }

    /** The static type of a term, or null when only evaluation can tell. */
    static Type typeOf(Ir.Term t) {
        return switch (t) {
            case Ir.Const c -> typeOf(c.value());
            case Ir.Arr a -> Type.array(Type.ANY);
            case Ir.SetT s -> Type.set(Type.ANY);
            case Ir.Obj o -> Type.object(Type.ANY, Type.ANY);
            case Ir.ArrCompr c -> Type.array(Type.ANY);
            case Ir.SetCompr c -> Type.set(Type.ANY);
            case Ir.ObjCompr c -> Type.object(Type.ANY, Type.ANY);
            case Ir.Template tp -> Type.STRING;
            default -> null;
        };
    }

    private static Type typeOf(Value v) {
        return switch (v) {
            case NullValue n -> Type.NULL;
            case BooleanValue b -> Type.BOOLEAN;
            case NumberValue n -> Type.NUMBER;
            case StringValue s -> Type.STRING;
            case ArrayValue a -> Type.array(Type.ANY);
            case SetValue s -> Type.set(Type.ANY);
            case ObjectValue o -> Type.object(Type.ANY, Type.ANY);
        };
    }

    /** Whether a value of type {@code have} may be passed where {@code want} is declared (shallowly). */
    static boolean compatible(Type have, Type want) {
        return switch (want) {
            case Type.Any a -> true;
            case Type.Union u -> u.members().stream().anyMatch(m -> compatible(have, m));
            default -> have.getClass() == want.getClass();
        };
    }

    static String render(Type t) {
        return switch (t) {
            case Type.Any a -> "any";
            case Type.Null n -> "null";
            case Type.Bool b -> "boolean";
            case Type.Num n -> "number";
            case Type.Str s -> "string";
            case Type.Array a -> "array[" + render(a.element()) + "]";
            case Type.Set s -> "set[" + render(s.element()) + "]";
            case Type.Obj o -> "object[" + render(o.key()) + ": " + render(o.value()) + "]";
            case Type.Union u -> {
                StringBuilder sb = new StringBuilder("any<");
                for (int i = 0; i < u.members().size(); i++) sb.append(i > 0 ? ", " : "").append(render(u.members().get(i)));
                yield sb.append('>').toString();
            }
        };
    }
}
