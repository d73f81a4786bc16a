package dev.warden.rego.builtins;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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

    /**
     * The standard builtins plus those OPA removed from Rego v1 ({@code any}, {@code all}, {@code re_match},
     * {@code set_diff}, {@code cast_*}, {@code net.cidr_overlap}), for compiling v0 policies.
     */
    public static BuiltinRegistry v0Compatible() { return V0Holder.V0; }

    /** Built on first use, after {@link #STANDARD} exists (the deprecated aliases point at standard builtins). */
    private static final class V0Holder {
        static final BuiltinRegistry V0 = withDeprecated();

        private static BuiltinRegistry withDeprecated() {
            List<Builtin> all = new ArrayList<>(STANDARD.all());
            all.addAll(DeprecatedBuiltins.all());
            return new BuiltinRegistry(all);
        }
    }

    /** The builtin of that name, or null. */
    public Builtin get(String name) { return byName.get(name); }

    public Collection<Builtin> all() { return byName.values(); }
}
