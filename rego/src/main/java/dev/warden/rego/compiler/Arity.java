package dev.warden.rego.compiler;

/** The arity of a user function, recorded when the rule tree is built, before any body is lowered. */
record Arity(int arity) {}
