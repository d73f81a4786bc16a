package dev.warden.rego.builtins;

import java.util.Map;

/** What a builtin may see of the evaluation that calls it. One context per evaluation; not shared across threads. */
public interface BuiltinContext {
    /** {@code time.now_ns}: fixed for the duration of one evaluation. */
    long nowNanos();

    /** Environment variables visible to {@code opa.runtime()}. */
    Map<String, String> env();

    /** Receives {@code print} output. */
    void print(String line);

    /** Throws when the evaluation was cancelled or passed its deadline; long-running builtins call it. */
    void checkCancelled();

    /** A per-evaluation cache builtins may use (e.g. for {@code rand.intn}, which must be stable within one evaluation). */
    Map<Object, Object> cache();

    /**
     * Whether builtins may reach the network ({@code http.send}). False unless the policy set was built with
     * {@code Rego.Builder.allowHttpSend(true)}: a policy evaluated inside the gateway must not make network calls.
     */
    default boolean networkAllowed() { return false; }

    /** Nanoseconds left before the evaluation's deadline; {@link Long#MAX_VALUE} when there is none. */
    default long remainingNanos() { return Long.MAX_VALUE; }
}
