package dev.warden.rego.builtins;

import dev.warden.rego.value.Value;

/** The implementation of a builtin: arguments in, a value out, or null for "undefined". */
@FunctionalInterface
public interface BuiltinFunction {
    /**
     * @throws BuiltinException for a type error ({@code eval_type_error}) or another failure
     *         ({@code eval_builtin_error}), with OPA's wording, e.g. "operand 1 must be string but got number"
     */
    Value call(BuiltinContext ctx, Value[] args);
}
