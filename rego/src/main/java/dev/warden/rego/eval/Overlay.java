package dev.warden.rego.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Replacements of parts of {@code data} made by {@code with data.a.b as v}, as a trie over path elements.
 * Immutable: adding a replacement copies the path from the root.
 */
final class Overlay {
    final dev.warden.rego.value.Value value; // non-null at a replaced path
    final Map<String, Overlay> children;

    private Overlay(dev.warden.rego.value.Value value, Map<String, Overlay> children) {
        this.value = value;
        this.children = children;
    }

    static Overlay with(Overlay base, String[] path, int i, dev.warden.rego.value.Value v) {
        if (i == path.length) return new Overlay(v, Map.of());
        Map<String, Overlay> ch = new LinkedHashMap<>(base == null ? Map.of() : base.children);
        ch.put(path[i], with(base == null ? null : base.children.get(path[i]), path, i + 1, v));
        return new Overlay(base == null ? null : base.value, ch);
    }

    Overlay child(String key) { return children.get(key); }
}
