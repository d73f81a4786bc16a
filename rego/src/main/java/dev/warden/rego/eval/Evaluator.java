package dev.warden.rego.eval;

import dev.warden.rego.RegoError;
import dev.warden.rego.RegoException;
import dev.warden.rego.builtins.BuiltinContext;
import dev.warden.rego.compiler.CompiledPolicy;
import dev.warden.rego.compiler.Ir;
import dev.warden.rego.source.Location;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.Value;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The state of one evaluation: input, overrides from {@code with}, memo tables, the clock and the deadline.
 * Created per evaluation and never shared between threads; the concern classes ({@link Bodies},
 * {@link Terms}, {@link Unifier}, {@link Refs}, {@link Rules}, {@link Calls}) hold a reference to it.
 */
final class Evaluator implements BuiltinContext {
    final CompiledPolicy policy;
    final ObjectValue baseData;
    final boolean strict;
    private final Consumer<String> printer;
    private final long nowNanos;
    private final Map<String, String> env;
    private final long deadlineNanos;
    private final AtomicBoolean cancelled;
    private final boolean networkAllowed;
    private Map<Object, Object> cache;
    private int ticks;

    /** What {@code with} changes; swapped as a whole when a {@code with} starts and ends. */
    State state;

    final Bodies bodies = new Bodies(this);
    final Terms terms = new Terms(this);
    final Unifier unifier = new Unifier(this);
    final Refs refs = new Refs(this);
    final Rules rules = new Rules(this);
    final Calls calls = new Calls(this);

    /** Per-scope state: {@code with} starts a fresh memo, since rules may see different input or data. */
    static final class State {
        final Value input;
        final Overlay overlay;
        final Map<String, Mock> mocks;
        final Value[] memo;
        final byte[] memoState; // 0 = not computed, 1 = computed
        /** Results of user function calls by function and arguments, created on first use. */
        Map<CallKey, Value> calls;

        State(Value input, Overlay overlay, Map<String, Mock> mocks, int nodes) {
            this(input, overlay, mocks, new Value[nodes], new byte[nodes]);
        }

        private State(Value input, Overlay overlay, Map<String, Mock> mocks, Value[] memo, byte[] memoState) {
            this.input = input;
            this.overlay = overlay;
            this.mocks = mocks;
            this.memo = memo;
            this.memoState = memoState;
        }

        /** The same scope with other mocks and a fresh memo (rules may call what the mocks replace). */
        State withMocks(Map<String, Mock> other) {
            return new State(input, overlay, other, memo.length);
        }
    }

    /** A user function call: which function, with which arguments. */
    record CallKey(int node, java.util.List<Value> args) {}

    /** A {@code with} replacement of a function: a value, or another function to call instead. */
    record Mock(Value value, Ir.Call replacement) {}

    Evaluator(CompiledPolicy policy, ObjectValue baseData, Value input, boolean strict, Consumer<String> printer,
              long nowNanos, Map<String, String> env, long deadlineNanos, AtomicBoolean cancelled) {
        this(policy, baseData, input, strict, printer, nowNanos, env, deadlineNanos, cancelled, false);
    }

    Evaluator(CompiledPolicy policy, ObjectValue baseData, Value input, boolean strict, Consumer<String> printer,
              long nowNanos, Map<String, String> env, long deadlineNanos, AtomicBoolean cancelled,
              boolean networkAllowed) {
        this.networkAllowed = networkAllowed;
        this.policy = policy;
        this.baseData = baseData;
        this.strict = strict;
        this.printer = printer;
        this.nowNanos = nowNanos;
        this.env = env;
        this.deadlineNanos = deadlineNanos;
        this.cancelled = cancelled;
        this.state = new State(input, null, Map.of(), policy.nodeCount());
    }

    /** Called at every step; checks the deadline and cancellation every few hundred steps. */
    void tick() {
        if ((++ticks & 255) == 0) checkCancelled();
    }

    @Override
    public void checkCancelled() {
        if (cancelled != null && cancelled.get()) {
            throw error("eval_cancel_error", "caller cancelled query execution", null);
        }
        if (deadlineNanos != 0 && System.nanoTime() - deadlineNanos > 0) {
            throw error("eval_cancel_error", "evaluation deadline exceeded (policy may loop or explode)", null);
        }
    }

    static RegoException error(String code, String message, Location loc) {
        return new RegoException(new RegoError(code, message, loc));
    }

    @Override public long nowNanos() { return nowNanos; }

    @Override public Map<String, String> env() { return env; }

    @Override public void print(String line) { printer.accept(line); }

    @Override public boolean networkAllowed() { return networkAllowed; }

    @Override
    public long remainingNanos() {
        if (deadlineNanos == 0) return Long.MAX_VALUE;
        return Math.max(0, deadlineNanos - System.nanoTime());
    }

    @Override
    public Map<Object, Object> cache() {
        if (cache == null) cache = new HashMap<>();
        return cache;
    }
}
