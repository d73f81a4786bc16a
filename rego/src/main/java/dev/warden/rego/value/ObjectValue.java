package dev.warden.rego.value;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Rego object: immutable, keys of any type. Lookups are hashed; iteration is in OPA's key order.
 *
 * <pre>{@code
 * ObjectValue o = ObjectValue.builder().put("a", NumberValue.of(1)).build();
 * }</pre>
 */
public final class ObjectValue implements Value {
    // Backed by the same map class as every other object (not Map.of()), so that lookups stay monomorphic: with two
    // map classes behind one call site the JIT no longer inlines the evaluator's hottest lookup. The map is held
    // directly, not behind an unmodifiable view: no one outside this class can reach it to change it (asMap wraps
    // it), and the view cost every lookup an extra call.
    public static final ObjectValue EMPTY = new ObjectValue(new LinkedHashMap<>());

    private final LinkedHashMap<Value, Value> entries;
    private Value[] sortedKeys;
    private int hash;

    private ObjectValue(LinkedHashMap<Value, Value> entries) { this.entries = entries; }

    public static ObjectValue of(Map<? extends Value, ? extends Value> entries) {
        if (entries.isEmpty()) return EMPTY;
        return new ObjectValue(new LinkedHashMap<>(entries));
    }

    public static Builder builder() { return new Builder(); }

    public int size() { return entries.size(); }

    public boolean isEmpty() { return entries.isEmpty(); }

    /** The value under a key, or null when absent. */
    public Value get(Value key) { return entries.get(key); }

    public Value get(String key) { return entries.get(StringValue.of(key)); }

    public boolean containsKey(Value key) { return entries.containsKey(key); }

    /** The keys in OPA's value order. */
    public List<Value> keys() { return List.of(sortedKeyArray()); }

    /** The entries as an unmodifiable map (insertion order). */
    public Map<Value, Value> asMap() { return Collections.unmodifiableMap(entries); }

    Value[] sortedKeyArray() {
        Value[] k = sortedKeys;
        if (k == null) {
            k = entries.keySet().toArray(new Value[0]);
            Arrays.sort(k, Values::compare);
            sortedKeys = k;
        }
        return k;
    }

    @Override public int typeOrder() { return 7; }
    @Override public String typeName() { return "object"; }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof ObjectValue ov && entries.equals(ov.entries));
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) hash = h = entries.hashCode() * 31 + 7;
        return h;
    }

    @Override public String toString() { return Json.write(this); }

    /**
     * Collects entries for a new object; a later put of an equal key replaces the earlier value. {@link #build()}
     * hands the builder's map to the object rather than copying it (objects are built on every evaluation's path);
     * a builder used again after that first copies its map, so the object never changes.
     */
    public static final class Builder {
        private LinkedHashMap<Value, Value> map = new LinkedHashMap<>();
        /** True once {@link #map} belongs to a built object. */
        private boolean built;

        private LinkedHashMap<Value, Value> writable() {
            if (built) {
                map = new LinkedHashMap<>(map);
                built = false;
            }
            return map;
        }

        public Builder put(Value key, Value value) {
            writable().put(key, value);
            return this;
        }

        public Builder put(String key, Value value) { return put(StringValue.of(key), value); }

        public Builder putAll(ObjectValue other) {
            writable().putAll(other.entries);
            return this;
        }

        public boolean containsKey(Value key) { return map.containsKey(key); }

        public Value get(Value key) { return map.get(key); }

        public int size() { return map.size(); }

        public ObjectValue build() {
            if (map.isEmpty()) return EMPTY;
            built = true;
            return new ObjectValue(map);
        }
    }
}
