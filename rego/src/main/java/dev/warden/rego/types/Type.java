package dev.warden.rego.types;

import java.util.List;

/**
 * Static types, as OPA's type checker uses them for builtin signatures and {@code rego_type_error}s.
 * {@link Any} accepts everything; {@link Union} accepts any of its members.
 */
public sealed interface Type {
    Type ANY = new Any();
    Type NULL = new Null();
    Type BOOLEAN = new Bool();
    Type NUMBER = new Num();
    Type STRING = new Str();

    record Any() implements Type {}

    record Null() implements Type {}

    record Bool() implements Type {}

    record Num() implements Type {}

    record Str() implements Type {}

    /** An array of elements of one type ({@code any} for heterogeneous arrays). */
    record Array(Type element) implements Type {}

    /** A set of elements of one type. */
    record Set(Type element) implements Type {}

    /** An object with keys and values of the given types. */
    record Obj(Type key, Type value) implements Type {}

    /** Any one of several types, e.g. {@code string | number}. */
    record Union(List<Type> members) implements Type {
        public Union {
            members = List.copyOf(members);
        }
    }

    static Type array(Type element) { return new Array(element); }

    static Type set(Type element) { return new Set(element); }

    static Type object(Type key, Type value) { return new Obj(key, value); }

    static Type anyOf(Type... members) { return new Union(List.of(members)); }
}
