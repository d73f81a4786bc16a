package dev.warden.rego.conformance;

import dev.warden.rego.ast.Term;
import dev.warden.rego.parser.Parser;
import dev.warden.rego.source.Source;
import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.SetValue;
import dev.warden.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The input document of a case: its JSON {@code input}, or its {@code input_term} parsed as a Rego term (which
 * may hold sets), as OPA's harness does with {@code ast.MustParseTerm}.
 */
final class InputTerms {
    private InputTerms() {}

    static Value inputOf(ConformanceCase c) {
        if (c.inputTerm() != null) return toValue(Parser.parseTerm(new Source("input_term", c.inputTerm())));
        return c.input();
    }

    /** A ground term as a value; throws {@link IllegalArgumentException} for variables, refs, calls and the like. */
    static Value toValue(Term t) {
        return switch (t) {
            case Term.Scalar s -> s.value();
            case Term.ArrayTerm a -> ArrayValue.of(values(a.elements()));
            case Term.SetTerm s -> SetValue.of(values(s.elements()));
            case Term.ObjectTerm o -> {
                ObjectValue.Builder b = ObjectValue.builder();
                for (Term.Entry e : o.entries()) b.put(toValue(e.key()), toValue(e.value()));
                yield b.build();
            }
            default -> throw new IllegalArgumentException("input_term is not a ground value: "
                    + t.getClass().getSimpleName() + " at " + t.location());
        };
    }

    private static List<Value> values(List<Term> terms) {
        List<Value> out = new ArrayList<>();
        for (Term t : terms) out.add(toValue(t));
        return out;
    }
}
