package dev.warden.rego.value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A Rego set: immutable, unordered, iterated in OPA's value order. */
public final class SetValue implements Value {
    public static final SetValue EMPTY = new SetValue(Set.of(), new Value[0]);

    private final Set<Value> members;
    private Value[] sorted;
    private int hash;

    private SetValue(Set<Value> members, Value[] sorted) {
        this.members = members;
        this.sorted = sorted;
    }

    public static SetValue of(Value... elements) { return of(Arrays.asList(elements)); }

    public static SetValue of(Collection<? extends Value> elements) {
        if (elements.isEmpty()) return EMPTY;
        return new SetValue(Set.copyOf(new HashSet<>(elements)), null);
    }

    public int size() { return members.size(); }

    public boolean isEmpty() { return members.isEmpty(); }

    public boolean contains(Value v) { return members.contains(v); }

    /** The members in OPA's value order. */
    public List<Value> elements() { return List.of(sortedArray()); }

    Value[] sortedArray() {
        Value[] s = sorted;
        if (s == null) {
            s = members.toArray(new Value[0]);
            Arrays.sort(s, Values::compare);
            sorted = s;
        }
        return s;
    }

    public SetValue union(SetValue other) {
        if (other.isEmpty()) return this;
        if (isEmpty()) return other;
        HashSet<Value> all = new HashSet<>(members);
        all.addAll(other.members);
        return of(all);
    }

    public SetValue intersection(SetValue other) {
        List<Value> both = new ArrayList<>();
        for (Value v : members) if (other.members.contains(v)) both.add(v);
        return of(both);
    }

    public SetValue difference(SetValue other) {
        List<Value> rest = new ArrayList<>();
        for (Value v : members) if (!other.members.contains(v)) rest.add(v);
        return of(rest);
    }

    @Override public int typeOrder() { return 8; }
    @Override public String typeName() { return "set"; }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof SetValue s && members.equals(s.members));
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) hash = h = members.hashCode() * 31 + 8;
        return h;
    }

    /** Rego set notation: {@code {1, "a"}}, {@code set()} when empty. */
    @Override
    public String toString() {
        if (isEmpty()) return "set()";
        StringBuilder sb = new StringBuilder("{");
        Value[] s = sortedArray();
        for (int i = 0; i < s.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(s[i]);
        }
        return sb.append('}').toString();
    }
}
