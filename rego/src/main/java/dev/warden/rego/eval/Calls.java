package dev.warden.rego.eval;

import dev.warden.rego.builtins.Builtin;
import dev.warden.rego.builtins.BuiltinException;
import dev.warden.rego.compiler.Ir;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls of builtins and user functions, honouring {@code with} mocks. Builtin errors follow OPA: with strict
 * builtin errors they fail the evaluation; otherwise the call is undefined.
 */
final class Calls {
    private final Evaluator ev;

    Calls(Evaluator ev) { this.ev = ev; }

    boolean eval(Ir.Call c, Value[] f, KV k) {
        if (c.builtin() == null && c.function() == null && c.name().equals("print")) return print(c, f, k);
        if (!ev.state.mocks.isEmpty()) {
            Evaluator.Mock mock = ev.state.mocks.get(c.name());
            if (mock != null) {
                if (mock.value() != null) return ev.terms.all(c.args(), f, vs -> k.go(mock.value()));
                Ir.Call r = mock.replacement();
                return ev.terms.all(c.args(), f, vs -> {
                    // A replacement runs without mocks: it sees the originals (also of what it replaces), as in OPA.
                    Evaluator.State outer = ev.state;
                    Value out;
                    ev.state = outer.withMocks(java.util.Map.of());
                    try {
                        out = result(r, vs.clone());
                    } finally {
                        ev.state = outer;
                    }
                    return out == null || k.go(out);
                });
            }
        }
        Ir.Term[] ts = c.args();
        Value[] args = new Value[ts.length];
        for (int i = 0; i < ts.length; i++) {
            Value v = ev.terms.simple(ts[i], f);
            if (v == Terms.NOT_SIMPLE) return ev.terms.all(ts, f, vs -> invoke(c, vs, k));
            if (v == null) return true;
            args[i] = v;
        }
        return invoke(c, args, k);
    }

    /**
     * The hot path for a builtin call whose arguments need no iteration: its value, null when undefined, or
     * {@link Terms#NOT_SIMPLE} when it must go through {@link #eval}.
     */
    Value direct(Ir.Call c, Value[] f) {
        Builtin b = c.builtin();
        if (b == null || b.relation() || !ev.state.mocks.isEmpty()) return Terms.NOT_SIMPLE;
        Ir.Term[] ts = c.args();
        // Arguments go in a scratch array per arity: simple arguments never call back into the evaluator,
        // and builtins do not keep their argument array.
        Value[] args = ts.length < scratch.length ? scratch[ts.length] : new Value[ts.length];
        for (int i = 0; i < ts.length; i++) {
            Value v = ev.terms.simple(ts[i], f);
            if (v == Terms.NOT_SIMPLE) return v;
            if (v == null) return null;
            args[i] = v;
        }
        try {
            return builtin(b, c, args);
        } finally {
            java.util.Arrays.fill(args, null);
        }
    }

    private final Value[][] scratch = {new Value[0], new Value[1], new Value[2], new Value[3], new Value[4]};

    private boolean invoke(Ir.Call c, Value[] args, KV k) {
        Value out = result(c, args);
        if (out instanceof ArrayValue outputs && c.builtin() != null && c.builtin().relation()) {
            // A relation (walk) returns all its outputs; each is one solution.
            for (int i = 0; i < outputs.size(); i++) if (!k.go(outputs.get(i))) return false;
            return true;
        }
        return out == null || k.go(out);
    }

    private Value result(Ir.Call c, Value[] args) {
        if (c.function() != null) return ev.rules.call(c.function(), args.clone());
        if (c.builtin() != null) return builtin(c.builtin(), c, args);
        return null;
    }

    private Value builtin(Builtin b, Ir.Call c, Value[] args) {
        if (args.length != b.arity()) return null;
        try {
            return b.function().call(ev, args);
        } catch (BuiltinException e) {
            if (ev.strict || e.halts() || e.code().equals("eval_cancel_error")) {
                String msg = e.getMessage().startsWith(b.name() + ":") ? e.getMessage() : b.name() + ": " + e.getMessage();
                throw Evaluator.error(e.code(), msg, c.loc());
            }
            return null;
        } catch (dev.warden.rego.RegoException e) {
            throw e; // cancellation, raised by a builtin that checks the deadline
        } catch (RuntimeException e) {
            // A builtin that failed in an unforeseen way is a builtin error, never a crash of the evaluation.
            if (ev.strict) throw Evaluator.error("eval_builtin_error", b.name() + ": " + e.getMessage(), c.loc());
            return null;
        }
    }

    private boolean print(Ir.Call c, Value[] f, KV k) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < c.args().length; i++) {
            List<Value> values = new ArrayList<>();
            ev.terms.eval(c.args()[i], f, v -> values.add(v));
            if (i > 0) line.append(' ');
            if (values.isEmpty()) line.append("<undefined>");
            else {
                for (int j = 0; j < values.size(); j++) {
                    if (j > 0) line.append(' ');
                    line.append(Terms.display(values.get(j)));
                }
            }
        }
        ev.print(line.toString());
        return k.go(BooleanValue.TRUE);
    }
}
