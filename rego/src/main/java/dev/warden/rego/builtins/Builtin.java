package dev.warden.rego.builtins;

import dev.warden.rego.types.Type;
import java.util.List;

/**
 * A builtin's declaration (name, argument types, result type) and its implementation, kept apart so the
 * compiler can check calls without running anything.
 *
 * @param name      dotted name, e.g. {@code object.get}
 * @param args      argument types; the arity is their count
 * @param result    result type; null for builtins that return nothing (used only as a condition)
 * @param function  the implementation
 * @param nondeterministic true for builtins whose result may differ between calls ({@code rand.intn}, {@code http.send})
 */
public record Builtin(String name, List<Type> args, Type result, BuiltinFunction function, boolean nondeterministic) {
    public Builtin {
        args = List.copyOf(args);
    }

    public int arity() { return args.size(); }
}
