package dev.warden.rego.compiler;

import dev.warden.rego.ast.Term;
import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.SetValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/** Constant folding of ground composites, and small path helpers the compiler shares. */
final class Folding {
    private Folding() {}

    /** A composite whose elements are all constants, as one constant; otherwise the term itself. */
    static Ir.Term fold(Ir.Term t) {
        switch (t) {
            case Ir.Arr a -> {
                Value[] vs = new Value[a.elements().length];
                for (int i = 0; i < vs.length; i++) {
                    if (!(a.elements()[i] instanceof Ir.Const c)) return t;
                    vs[i] = c.value();
                }
                return new Ir.Const(ArrayValue.wrap(vs), a.loc());
            }
            case Ir.SetT s -> {
                List<Value> vs = new ArrayList<>();
                for (Ir.Term e : s.elements()) {
                    if (!(e instanceof Ir.Const c)) return t;
                    vs.add(c.value());
                }
                return new Ir.Const(SetValue.of(vs), s.loc());
            }
            case Ir.Obj o -> {
                ObjectValue.Builder b = ObjectValue.builder();
                for (int i = 0; i < o.keys().length; i++) {
                    if (!(o.keys()[i] instanceof Ir.Const k) || !(o.values()[i] instanceof Ir.Const v)) return t;
                    b.put(k.value(), v.value());
                }
                return new Ir.Const(b.build(), o.loc());
            }
            default -> {
                return t;
            }
        }
    }

    static String[] strings(List<Term> path) {
        String[] out = new String[path.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((StringValue) ((Term.Scalar) path.get(i)).value()).value();
        }
        return out;
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
