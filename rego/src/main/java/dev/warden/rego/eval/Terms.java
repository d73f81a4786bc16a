package dev.warden.rego.eval;

import dev.warden.rego.compiler.Ir;
import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.Json;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.SetValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Evaluates terms to each value they take: composites, comprehensions and template strings. */
final class Terms {
    private final Evaluator ev;

    Terms(Evaluator ev) { this.ev = ev; }

    boolean eval(Ir.Term t, Value[] f, KV k) {
        return switch (t) {
            case Ir.Const c -> k.go(c.value());
            case Ir.Var v -> {
                Value x = f[v.slot()];
                yield x == null || k.go(x);
            }
            case Ir.Ref r -> {
                Value x = simple(r, f);
                if (x != NOT_SIMPLE) yield x == null || k.go(x);
                yield ev.refs.eval(r, f, k);
            }
            case Ir.RootTerm r -> ev.refs.eval(new Ir.Ref(r, new Ir.Term[0], r.loc()), f, k);
            case Ir.Call c -> ev.calls.eval(c, f, k);
            case Ir.Arr a -> all(a.elements(), f, vs -> k.go(ArrayValue.of(vs)));
            case Ir.SetT s -> all(s.elements(), f, vs -> k.go(SetValue.of(vs)));
            case Ir.Obj o -> object(o, f, k);
            case Ir.ArrCompr c -> {
                List<Value> out = new ArrayList<>();
                ev.bodies.body(c.body().exprs(), 0, f, () -> eval(c.term(), f, v -> out.add(v)));
                yield k.go(ArrayValue.of(out));
            }
            case Ir.SetCompr c -> {
                Set<Value> out = new HashSet<>();
                ev.bodies.body(c.body().exprs(), 0, f, () -> eval(c.term(), f, v -> {
                    out.add(v);
                    return true;
                }));
                yield k.go(SetValue.of(out));
            }
            case Ir.ObjCompr c -> objectComprehension(c, f, k);
            case Ir.Template tp -> template(tp, f, k);
        };
    }

    /** Marks a term {@link #simple} cannot evaluate directly (compared by identity). */
    static final Value NOT_SIMPLE = new StringValue("\u0000not simple");

    /**
     * The hot path: the single value of a term that cannot iterate (a constant, a bound var, or a ref into input
     * or a local with constant or bound elements), null when undefined, or {@link #NOT_SIMPLE}.
     */
    Value simple(Ir.Term t, Value[] f) {
        // instanceof chains rather than a pattern switch: this runs for every argument of every call.
        if (t instanceof Ir.Const c) return c.value();
        if (t instanceof Ir.Var v) {
            Value x = f[v.slot()];
            return x == null ? NOT_SIMPLE : x;
        }
        if (!(t instanceof Ir.Ref r)) return NOT_SIMPLE;
        Value cur;
        if (r.head() instanceof Ir.Var v) {
            cur = f[v.slot()];
            if (cur == null) return NOT_SIMPLE;
        } else if (r.head() instanceof Ir.RootTerm root && root.root() == Ir.Root.INPUT) {
            cur = ev.state.input;
        } else {
            return NOT_SIMPLE;
        }
        for (Ir.Term p : r.path()) {
            Value key;
            if (p instanceof Ir.Const c) key = c.value();
            else if (p instanceof Ir.Var v && f[v.slot()] != null) key = f[v.slot()];
            else return NOT_SIMPLE;
            if (cur != null) cur = Refs.lookup(cur, key);
        }
        return cur;
    }

    /** The first value of a term, or null when undefined. */
    Value first(Ir.Term t, Value[] f) {
        if (t instanceof Ir.Const c) return c.value();
        Value[] out = new Value[1];
        eval(t, f, v -> {
            out[0] = v;
            return false;
        });
        return out[0];
    }

    /** Receives the values of several terms, one combination at a time; the array is reused. */
    @FunctionalInterface
    interface KVs {
        boolean go(Value[] values);
    }

    boolean all(Ir.Term[] ts, Value[] f, KVs k) {
        Value[] buf = new Value[ts.length];
        for (Ir.Term t : ts) {
            if (t instanceof Ir.Var v && f[v.slot()] == null) return allVarsLast(ts, buf, f, k);
        }
        return all(ts, 0, buf, f, k);
    }

    /** When an argument is a var bound by a ref in another argument, evaluate the others first. */
    private boolean allVarsLast(Ir.Term[] ts, Value[] buf, Value[] f, KVs k) {
        int[] order = new int[ts.length];
        int n = 0;
        for (int i = 0; i < ts.length; i++) if (!(ts[i] instanceof Ir.Var)) order[n++] = i;
        for (int i = 0; i < ts.length; i++) if (ts[i] instanceof Ir.Var) order[n++] = i;
        return ordered(ts, order, 0, buf, f, k);
    }

    private boolean ordered(Ir.Term[] ts, int[] order, int j, Value[] buf, Value[] f, KVs k) {
        if (j == order.length) return k.go(buf);
        int i = order[j];
        return eval(ts[i], f, v -> {
            buf[i] = v;
            return ordered(ts, order, j + 1, buf, f, k);
        });
    }

    private boolean all(Ir.Term[] ts, int i, Value[] buf, Value[] f, KVs k) {
        if (i == ts.length) return k.go(buf);
        Ir.Term t = ts[i];
        if (t instanceof Ir.Const c) {
            buf[i] = c.value();
            return all(ts, i + 1, buf, f, k);
        }
        return eval(t, f, v -> {
            buf[i] = v;
            return all(ts, i + 1, buf, f, k);
        });
    }

    private boolean object(Ir.Obj o, Value[] f, KV k) {
        Ir.Term[] both = new Ir.Term[o.keys().length * 2];
        for (int i = 0; i < o.keys().length; i++) {
            both[2 * i] = o.keys()[i];
            both[2 * i + 1] = o.values()[i];
        }
        return all(both, f, vs -> {
            ObjectValue.Builder b = ObjectValue.builder();
            for (int i = 0; i < vs.length; i += 2) b.put(vs[i], vs[i + 1]);
            return k.go(b.build());
        });
    }

    private boolean objectComprehension(Ir.ObjCompr c, Value[] f, KV k) {
        Map<Value, Value> out = new LinkedHashMap<>();
        ev.bodies.body(c.body().exprs(), 0, f, () -> eval(c.key(), f, key -> eval(c.value(), f, value -> {
            Value prev = out.putIfAbsent(key, value);
            if (prev != null && !prev.equals(value)) {
                throw Evaluator.error("eval_conflict_error", "object keys must be unique", c.loc());
            }
            return true;
        })));
        return k.go(ObjectValue.of(out));
    }

    private boolean template(Ir.Template tp, Value[] f, KV k) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < tp.parts().length; i++) {
            Ir.Term part = tp.parts()[i];
            if (tp.literal()[i]) {
                sb.append(((StringValue) ((Ir.Const) part).value()).value());
                continue;
            }
            List<Value> values = new ArrayList<>();
            Evaluator.State outer = ev.state;
            if (tp.with()[i].length > 0) {
                Evaluator.State inner = ev.bodies.withState(tp.with()[i], f, outer);
                if (inner == null) return true;
                ev.state = inner;
            }
            try {
                eval(part, f, v -> {
                    values.add(v);
                    return true;
                });
            } finally {
                ev.state = outer;
            }
            if (values.isEmpty()) {
                sb.append("<undefined>");
            } else if (values.size() > 1) {
                throw Evaluator.error("eval_conflict_error",
                        "template-strings must not produce multiple outputs", part.loc());
            } else {
                sb.append(display(values.get(0)));
            }
        }
        return k.go(StringValue.of(sb.toString()));
    }

    /** How print and template strings show a value: strings as they are, everything else as Rego text. */
    static String display(Value v) {
        if (v instanceof StringValue s) return s.value();
        return regoText(v);
    }

    static String regoText(Value v) {
        return switch (v) {
            case SetValue s -> {
                if (s.isEmpty()) yield "set()";
                StringBuilder sb = new StringBuilder("{");
                boolean first = true;
                for (Value m : s.elements()) {
                    if (!first) sb.append(", ");
                    first = false;
                    sb.append(regoText(m));
                }
                yield sb.append('}').toString();
            }
            case ArrayValue a -> {
                StringBuilder sb = new StringBuilder("[");
                for (int i = 0; i < a.size(); i++) {
                    if (i > 0) sb.append(", ");
                    sb.append(regoText(a.get(i)));
                }
                yield sb.append(']').toString();
            }
            case ObjectValue o -> {
                StringBuilder sb = new StringBuilder("{");
                boolean first = true;
                for (Value key : o.keys()) {
                    if (!first) sb.append(", ");
                    first = false;
                    sb.append(regoText(key)).append(": ").append(regoText(o.get(key)));
                }
                yield sb.append('}').toString();
            }
            default -> Json.write(v);
        };
    }
}
