package dev.warden.rego.eval;

/** A continuation: what to do after an expression succeeded. Returns false to stop the whole search. */
@FunctionalInterface
interface K {
    boolean go();
}
