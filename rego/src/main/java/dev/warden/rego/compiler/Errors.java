package dev.warden.rego.compiler;

import dev.warden.rego.RegoError;
import dev.warden.rego.RegoException;
import dev.warden.rego.source.Location;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects compile errors so that every stage reports all it finds; thrown together, sorted by location. */
final class Errors {
    static final String TYPE = "rego_type_error";
    static final String UNSAFE = "rego_unsafe_var_error";
    static final String RECURSION = "rego_recursion_error";
    static final String COMPILE = "rego_compile_error";

    private final List<RegoError> list = new ArrayList<>();

    void add(String code, String message, Location loc) {
        RegoError e = new RegoError(code, message, loc);
        if (!list.contains(e)) list.add(e);
    }

    boolean any() { return !list.isEmpty(); }

    void throwIfAny() {
        if (list.isEmpty()) return;
        List<RegoError> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparing((RegoError e) -> e.location() == null ? "" : e.location().file())
                .thenComparingInt(e -> e.location() == null ? 0 : e.location().line())
                .thenComparingInt(e -> e.location() == null ? 0 : e.location().column()));
        throw new RegoException(sorted);
    }
}
