package dev.warden.rego.parser;

import dev.warden.rego.ast.Term;
import dev.warden.rego.source.Location;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.NullValue;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.StringValue;
import java.util.List;

/** Small helpers over terms that the parser needs: OPA's type names for messages, and re-locating a term. */
final class Terms {
    private Terms() {}

    /** OPA's name for the kind of a term, as used in messages like {@code number cannot be used for rule name}. */
    static String valueName(Term t) {
        return switch (t) {
            case Term.Scalar s -> switch (s.value()) {
                case NullValue n -> "null";
                case BooleanValue b -> "boolean";
                case NumberValue n -> "number";
                case StringValue str -> "string";
                default -> s.value().typeName();
            };
            case Term.Var v -> "var";
            case Term.Ref r -> "ref";
            case Term.ArrayTerm a -> "array";
            case Term.SetTerm s -> "set";
            case Term.ObjectTerm o -> "object";
            case Term.ArrayComprehension c -> "arraycomprehension";
            case Term.SetComprehension c -> "setcomprehension";
            case Term.ObjectComprehension c -> "objectcomprehension";
            case Term.Call c -> "call";
            case Term.TemplateString ts -> "templatestring";
        };
    }

    /** The same term at another location (a parenthesized term spans its parentheses). */
    static Term withLocation(Term t, Location loc) {
        return switch (t) {
            case Term.Scalar s -> new Term.Scalar(s.value(), loc);
            case Term.Var v -> new Term.Var(v.name(), loc);
            case Term.Ref r -> new Term.Ref(r.head(), r.path(), loc);
            case Term.ArrayTerm a -> new Term.ArrayTerm(a.elements(), loc);
            case Term.SetTerm s -> new Term.SetTerm(s.elements(), loc);
            case Term.ObjectTerm o -> new Term.ObjectTerm(o.entries(), loc);
            case Term.ArrayComprehension c -> new Term.ArrayComprehension(c.term(), c.body(), loc);
            case Term.SetComprehension c -> new Term.SetComprehension(c.term(), c.body(), loc);
            case Term.ObjectComprehension c -> new Term.ObjectComprehension(c.key(), c.value(), c.body(), loc);
            case Term.Call c -> new Term.Call(c.operator(), c.args(), loc);
            case Term.TemplateString ts -> new Term.TemplateString(ts.parts(), ts.literal(), ts.raw(), loc, ts.with());
        };
    }

    /** True when the term contains no variables, refs or calls (comprehension bodies excepted). */
    static boolean isGround(Term t) {
        return switch (t) {
            case Term.Scalar s -> true;
            case Term.Var v -> false;
            case Term.Ref r -> false;
            case Term.Call c -> false;
            case Term.TemplateString ts -> false;
            case Term.ArrayTerm a -> a.elements().stream().allMatch(Terms::isGround);
            case Term.SetTerm s -> s.elements().stream().allMatch(Terms::isGround);
            case Term.ObjectTerm o -> o.entries().stream().allMatch(e -> isGround(e.key()) && isGround(e.value()));
            case Term.ArrayComprehension c -> false;
            case Term.SetComprehension c -> false;
            case Term.ObjectComprehension c -> false;
        };
    }

    /** The first var, ref or call in a term outside comprehensions, or null: default rule values must have none. */
    static Term firstNonConstant(Term t) {
        return switch (t) {
            case Term.Scalar s -> null;
            case Term.Var v -> v;
            case Term.Ref r -> r;
            case Term.Call c -> c;
            case Term.TemplateString ts -> ts;
            case Term.ArrayTerm a -> first(a.elements());
            case Term.SetTerm s -> first(s.elements());
            case Term.ObjectTerm o -> {
                for (Term.Entry e : o.entries()) {
                    Term k = firstNonConstant(e.key());
                    if (k != null) yield k;
                    Term v = firstNonConstant(e.value());
                    if (v != null) yield v;
                }
                yield null;
            }
            case Term.ArrayComprehension c -> null;
            case Term.SetComprehension c -> null;
            case Term.ObjectComprehension c -> null;
        };
    }

    private static Term first(List<Term> terms) {
        for (Term t : terms) {
            Term f = firstNonConstant(t);
            if (f != null) return f;
        }
        return null;
    }
}
