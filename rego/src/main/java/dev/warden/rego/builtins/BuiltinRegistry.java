package dev.warden.rego.builtins;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every builtin the engine knows, by name. {@link #standard()} is built from one explicit list of category
 * classes (never from static initializers, whose order is fragile).
 *
 * <pre>{@code
 * Builtin count = BuiltinRegistry.standard().get("count");
 * }</pre>
 */
public final class BuiltinRegistry {
    private static final BuiltinRegistry STANDARD = new BuiltinRegistry(StandardBuiltins.all());

    private final Map<String, Builtin> byName;

    public BuiltinRegistry(Collection<Builtin> builtins) {
        Map<String, Builtin> m = new LinkedHashMap<>();
        for (Builtin b : builtins) {
            if (m.put(b.name(), b) != null) throw new IllegalStateException("builtin declared twice: " + b.name());
        }
        this.byName = Collections.unmodifiableMap(m);
    }

    public static BuiltinRegistry standard() { return STANDARD; }

    /** The builtin of that name, or null. */
    public Builtin get(String name) { return byName.get(name); }

    public Collection<Builtin> all() { return byName.values(); }
}
