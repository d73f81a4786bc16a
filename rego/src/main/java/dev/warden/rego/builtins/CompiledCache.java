package dev.warden.rego.builtins;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A small least-recently-used cache shared by all evaluations, for things expensive to build from a policy
 * value and immutable once built (compiled JSON schemas, GraphQL schemas). A failure to build is not cached.
 *
 * <pre>{@code
 * CompiledCache<Value, Schema> schemas = new CompiledCache<>(256);
 * Schema s = schemas.get(schemaValue, JsonSchemaBuiltins::compile);
 * }</pre>
 */
final class CompiledCache<K, V> {
    private final Map<K, V> map;

    CompiledCache(int capacity) {
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    V get(K key, Function<K, V> build) {
        synchronized (map) {
            V v = map.get(key);
            if (v != null) return v;
        }
        V v = build.apply(key); // outside the lock: building may be slow, and a duplicate build is harmless
        synchronized (map) {
            map.put(key, v);
        }
        return v;
    }
}
