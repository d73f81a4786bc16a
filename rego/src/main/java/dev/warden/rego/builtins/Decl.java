package dev.warden.rego.builtins;

import dev.warden.rego.types.Type;
import java.util.List;

/**
 * Shorthands for declaring builtins, so each category reads as a table of signatures:
 * {@code Decl.fn("upper", List.of(STRING), STRING, (ctx, a) -> ...)}.
 */
final class Decl {
    private Decl() {}

    static final Type ANY = Type.ANY;
    static final Type NUMBER = Type.NUMBER;
    static final Type STRING = Type.STRING;
    static final Type BOOLEAN = Type.BOOLEAN;
    static final Type NULL = Type.NULL;
    static final Type ANY_ARRAY = Type.array(Type.ANY);
    static final Type ANY_SET = Type.set(Type.ANY);
    static final Type ANY_OBJECT = Type.object(Type.ANY, Type.ANY);
    static final Type STRING_ARRAY = Type.array(Type.STRING);
    static final Type STRING_SET = Type.set(Type.STRING);
    static final Type NUMBER_ARRAY = Type.array(Type.NUMBER);
    static final Type ANY_COLLECTION = Type.anyOf(ANY_ARRAY, ANY_SET);
    static final Type STRING_COLLECTION = Type.anyOf(STRING_ARRAY, STRING_SET);
    static final Type NUMBER_COLLECTION = Type.anyOf(NUMBER_ARRAY, Type.set(Type.NUMBER));

    static Builtin fn(String name, List<Type> args, Type result, BuiltinFunction f) {
        return new Builtin(name, args, result, f, false);
    }

    static Builtin nondeterministic(String name, List<Type> args, Type result, BuiltinFunction f) {
        return new Builtin(name, args, result, f, true);
    }

    static Builtin relation(String name, List<Type> args, Type result, BuiltinFunction f) {
        return new Builtin(name, args, result, f, false, true);
    }
}
