package dev.warden.rego.eval;

import dev.warden.rego.EvalOptions;
import dev.warden.rego.RegoException;
import dev.warden.rego.ResultSet;
import dev.warden.rego.compiler.CompiledPolicy;
import dev.warden.rego.compiler.CompiledQuery;
import dev.warden.rego.compiler.Ir;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a compiled query against a compiled policy and base data: the evaluator's one entry point.
 *
 * <pre>{@code
 * ResultSet rs = QueryRunner.run(policy, data, query, EvalOptions.input(input), false, System.out::println);
 * }</pre>
 */
public final class QueryRunner {
    private QueryRunner() {}

    public static ResultSet run(CompiledPolicy policy, ObjectValue data, CompiledQuery query, EvalOptions opts,
                                boolean strict, Consumer<String> printer) {
        return run(policy, data, query, opts, strict, printer, false);
    }

    /** As above; {@code networkAllowed} lets {@code http.send} make requests (off unless the caller opted in). */
    public static ResultSet run(CompiledPolicy policy, ObjectValue data, CompiledQuery query, EvalOptions opts,
                                boolean strict, Consumer<String> printer, boolean networkAllowed) {
        long now = opts.nowNanos() != null ? opts.nowNanos() : nowNanos();
        long deadline = 0;
        if (opts.deadline() != null) {
            long remaining = java.time.Duration.between(Instant.now(), opts.deadline()).toNanos();
            deadline = System.nanoTime() + remaining;
            if (deadline == 0) deadline = 1;
        }
        Evaluator ev = new Evaluator(policy, data, opts.input(), strict, printer, now, opts.env(), deadline,
                opts.cancelled(), networkAllowed);
        if (deadline != 0 || opts.cancelled() != null) ev.checkCancelled();
        List<ResultSet.Result> rows = new ArrayList<>();
        Value[] f = new Value[Math.max(query.frameSize(), 1)];
        try {
            ev.bodies.body(query.body().exprs(), 0, f, () -> {
                rows.add(row(ev, query, f));
                return true;
            });
        } catch (StackOverflowError e) {
            throw Evaluator.error("eval_cancel_error", "evaluation exceeded the maximum depth", null);
        } catch (RegoException e) {
            throw e;
        } catch (RuntimeException e) {
            // A bug in the engine must still surface as a located, typed error rather than a stack trace.
            throw Evaluator.error("eval_internal_error", "internal error: " + e, null);
        }
        return new ResultSet(rows);
    }

    private static long nowNanos() {
        Instant i = Instant.now();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private static ResultSet.Result row(Evaluator ev, CompiledQuery q, Value[] f) {
        Map<String, Value> bindings = new LinkedHashMap<>();
        for (Ir.QueryVar v : q.vars()) {
            Value x = f[v.slot()];
            if (x != null) bindings.put(v.name(), x);
        }
        List<ResultSet.ExpressionValue> exprs = new ArrayList<>(q.sourceOrder().size());
        for (int i = 0; i < q.sourceOrder().size(); i++) {
            Ir.Expr e = q.sourceOrder().get(i);
            int slot = q.captureSlots()[i];
            Value value = slot >= 0 && f[slot] != null ? f[slot] : BooleanValue.TRUE;
            exprs.add(new ResultSet.ExpressionValue(value, e.text(), e.loc()));
        }
        return new ResultSet.Result(exprs, bindings);
    }

    /** Evaluates a ground term (e.g. an input given as Rego text) to its value, or null when undefined. */
    public static Value constant(CompiledPolicy policy, CompiledQuery query) {
        ResultSet rs = run(policy, ObjectValue.EMPTY, query, EvalOptions.NONE, true, s -> {});
        if (rs.results().isEmpty()) return null;
        return rs.firstValue();
    }

}
