package dev.warden.rego.value;

import java.util.Arrays;
import java.util.List;

/** A Rego array: an immutable, ordered sequence of values. */
public final class ArrayValue implements Value {
    public static final ArrayValue EMPTY = new ArrayValue(new Value[0]);

    private final Value[] elements;
    private int hash;

    private ArrayValue(Value[] elements) { this.elements = elements; }

    public static ArrayValue of(Value... elements) {
        return elements.length == 0 ? EMPTY : new ArrayValue(elements.clone());
    }

    public static ArrayValue of(List<? extends Value> elements) {
        return elements.isEmpty() ? EMPTY : new ArrayValue(elements.toArray(new Value[0]));
    }

    /** Wraps an array the caller promises never to modify again (no copy). */
    public static ArrayValue wrap(Value[] elements) {
        return elements.length == 0 ? EMPTY : new ArrayValue(elements);
    }

    public int size() { return elements.length; }

    public Value get(int i) { return elements[i]; }

    public List<Value> elements() { return List.of(elements); }

    public boolean isEmpty() { return elements.length == 0; }

    @Override public int typeOrder() { return 6; }
    @Override public String typeName() { return "array"; }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof ArrayValue a && Arrays.equals(elements, a.elements));
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) hash = h = 31 * Arrays.hashCode(elements) + 6;
        return h;
    }

    @Override public String toString() { return Json.write(this); }
}
