package dev.warden.rego.compiler;

import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.SetValue;
import dev.warden.rego.value.Value;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An index for {@code some x in xs; x.field == probe}: the members of {@code xs} grouped by {@code x.field}, so
 * the loop visits only members that can pass the test. Built when the same collection instance (typically base
 * data, which lives as long as the policy) is iterated a second time; shared by all evaluations and threads.
 *
 * <pre>{@code
 * List<Value> hits = index.candidates(bindings, StringValue.of("alice")); // null: iterate everything
 * }</pre>
 */
public final class IterationIndex {
    private static final int MIN_SIZE = 32;

    private final Value[] path;
    private volatile Entry entry;

    private record Entry(WeakReference<Value> collection, Map<Value, List<Value>> byKey) {}

    IterationIndex(Value[] path) { this.path = path; }

    /** The members whose field equals {@code probe}, or null when this collection is not indexed (yet). */
    public List<Value> candidates(Value collection, Value probe) {
        Entry e = entry;
        if (e != null && e.collection().get() == collection) {
            if (e.byKey() != null) return e.byKey().getOrDefault(probe, List.of());
            Map<Value, List<Value>> built = build(collection);
            entry = new Entry(e.collection(), built);
            return built.getOrDefault(probe, List.of());
        }
        if (size(collection) >= MIN_SIZE) entry = new Entry(new WeakReference<>(collection), null);
        return null;
    }

    private static int size(Value v) {
        if (v instanceof ArrayValue a) return a.size();
        if (v instanceof SetValue s) return s.size();
        return 0;
    }

    private Map<Value, List<Value>> build(Value collection) {
        Map<Value, List<Value>> out = new HashMap<>();
        List<Value> members = collection instanceof ArrayValue a ? a.elements() : ((SetValue) collection).elements();
        for (Value m : members) {
            Value key = m;
            for (Value p : path) {
                key = key instanceof ObjectValue o ? o.get(p) : null;
                if (key == null) break;
            }
            if (key != null) out.computeIfAbsent(key, k -> new ArrayList<>(2)).add(m);
        }
        return out;
    }
}
