package dev.warden.rego.builtins;

import dev.warden.rego.types.Type;
import java.util.List;

/**
 * A builtin's declaration (name, argument types, result type) and its implementation, kept apart so the
 * compiler can check calls without running anything.
 *
 * <p><b>Relations.</b> A few builtins are relations rather than functions: OPA's {@code walk(x, [path, value])}
 * binds its output once per node. Such a builtin has {@code relation == true}; its {@code call} returns an
 * {@link dev.warden.rego.value.ArrayValue} holding every output the relation produces (for {@code walk}, one
 * {@code [path, value]} array per node, in pre-order), and the evaluator unifies the output term with each
 * element in turn. A relation never returns null; an empty array means no outputs.
 *
 * <pre>{@code
 * Builtin walk = BuiltinRegistry.standard().get("walk");
 * if (walk.relation()) {
 *     ArrayValue outputs = (ArrayValue) walk.function().call(ctx, new Value[] {doc});
 *     // unify the call's output term with outputs.get(0), outputs.get(1), ...
 * }
 * }</pre>
 *
 * @param name      dotted name, e.g. {@code object.get}
 * @param args      argument types; the arity is their count
 * @param result    result type; null for builtins that return nothing (used only as a condition)
 * @param function  the implementation
 * @param nondeterministic true for builtins whose result may differ between calls ({@code rand.intn}, {@code http.send})
 * @param relation  true when {@code call} returns an array of all outputs to iterate (see above)
 */
public record Builtin(String name, List<Type> args, Type result, BuiltinFunction function, boolean nondeterministic,
        boolean relation) {
    public Builtin {
        args = List.copyOf(args);
    }

    /** A function builtin (not a relation). */
    public Builtin(String name, List<Type> args, Type result, BuiltinFunction function, boolean nondeterministic) {
        this(name, args, result, function, nondeterministic, false);
    }

    public int arity() { return args.size(); }
}
