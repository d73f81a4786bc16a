package dev.warden.rego;

import dev.warden.rego.value.Value;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Per-evaluation settings: the input document, a deadline, a cancellation flag, and overrides for testing.
 *
 * <pre>{@code
 * EvalOptions opts = EvalOptions.input(input).withDeadline(Instant.now().plusMillis(50));
 * }</pre>
 *
 * @param input     the input document, or null for none (then {@code input} is undefined)
 * @param deadline  evaluation fails with {@code eval_cancel_error} after this instant; null for none
 * @param cancelled evaluation fails with {@code eval_cancel_error} once this becomes true; null for none
 * @param nowNanos  the value of {@code time.now_ns}, or null to read the clock once at the start
 * @param env       environment visible to {@code opa.runtime()}
 */
public record EvalOptions(Value input, Instant deadline, AtomicBoolean cancelled, Long nowNanos,
                          Map<String, String> env) {
    public EvalOptions {
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    public static final EvalOptions NONE = new EvalOptions(null, null, null, null, Map.of());

    public static EvalOptions input(Value input) { return new EvalOptions(input, null, null, null, Map.of()); }

    public EvalOptions withInput(Value v) { return new EvalOptions(v, deadline, cancelled, nowNanos, env); }

    public EvalOptions withDeadline(Instant d) { return new EvalOptions(input, d, cancelled, nowNanos, env); }

    public EvalOptions withCancellation(AtomicBoolean c) { return new EvalOptions(input, deadline, c, nowNanos, env); }

    public EvalOptions withNowNanos(long ns) { return new EvalOptions(input, deadline, cancelled, ns, env); }

    public EvalOptions withEnv(Map<String, String> e) { return new EvalOptions(input, deadline, cancelled, nowNanos, e); }
}
