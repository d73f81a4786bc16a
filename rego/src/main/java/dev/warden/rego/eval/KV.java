package dev.warden.rego.eval;

import dev.warden.rego.value.Value;

/** A value continuation: receives each value a term takes. Returns false to stop the whole search. */
@FunctionalInterface
interface KV {
    boolean go(Value v);
}
