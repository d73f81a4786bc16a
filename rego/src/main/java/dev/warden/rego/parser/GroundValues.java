package dev.warden.rego.parser;

import dev.warden.rego.RegoError;
import dev.warden.rego.RegoException;
import dev.warden.rego.ast.Term;
import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.SetValue;
import dev.warden.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/** Converts a ground term, as written in source, to the value it denotes. */
final class GroundValues {
    private GroundValues() {}

    static Value toValue(Term t) {
        return switch (t) {
            case Term.Scalar s -> s.value();
            case Term.ArrayTerm a -> ArrayValue.of(all(a.elements()));
            case Term.SetTerm s -> SetValue.of(all(s.elements()));
            case Term.ObjectTerm o -> {
                ObjectValue.Builder b = ObjectValue.builder();
                for (Term.Entry e : o.entries()) b.put(toValue(e.key()), toValue(e.value()));
                yield b.build();
            }
            case Term.Var v -> notGround(t);
            case Term.Ref r -> notGround(t);
            case Term.Call c -> notGround(t);
            case Term.ArrayComprehension c -> notGround(t);
            case Term.SetComprehension c -> notGround(t);
            case Term.ObjectComprehension c -> notGround(t);
            case Term.TemplateString ts -> notGround(t);
        };
    }

    private static List<Value> all(List<Term> terms) {
        List<Value> values = new ArrayList<>(terms.size());
        for (Term t : terms) values.add(toValue(t));
        return values;
    }

    private static Value notGround(Term t) {
        throw new RegoException(new RegoError("rego_parse_error",
                "expected a value but found " + Terms.valueName(t) + " " + t.location().text(), t.location().withLength(0)));
    }
}
