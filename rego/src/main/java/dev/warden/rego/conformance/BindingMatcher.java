package dev.warden.rego.conformance;

import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.Json;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.SetValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Compares the rows a query produced with the rows a case expects, the way OPA's harness does: both sides are
 * sets of rows (order and duplicates do not matter), each row maps variable names to values, and produced
 * values are seen through JSON (a set becomes an array, a non-string object key becomes its JSON text).
 *
 * <p>Two deliberate tolerances: an expected array matches a produced set in any order (OPA writes sets in its
 * own order, which expectations were generated from), and with {@code sort_bindings} a top-level array binding
 * matches in any order (OPA sorts it before comparing).
 */
final class BindingMatcher {
    private final boolean sortBindings;

    BindingMatcher(boolean sortBindings) { this.sortBindings = sortBindings; }

    /** True when the distinct expected rows correspond one to one with the distinct produced rows. */
    boolean rowsMatch(List<ObjectValue> want, List<Map<String, Value>> got) {
        List<ObjectValue> wantRows = new ArrayList<>(new LinkedHashSet<>(want));
        List<Map<String, Value>> gotRows = new ArrayList<>(new LinkedHashSet<>(got));
        if (wantRows.size() != gotRows.size()) return false;
        boolean[] used = new boolean[gotRows.size()];
        for (ObjectValue w : wantRows) {
            int found = -1;
            for (int i = 0; i < gotRows.size() && found < 0; i++) {
                if (!used[i] && rowMatches(w, gotRows.get(i))) found = i;
            }
            if (found < 0) return false;
            used[found] = true;
        }
        return true;
    }

    private boolean rowMatches(ObjectValue want, Map<String, Value> got) {
        if (want.size() != got.size()) return false;
        for (Map.Entry<String, Value> e : got.entrySet()) {
            Value w = want.get(e.getKey());
            if (w == null) return false;
            boolean anyOrder = sortBindings && e.getValue() instanceof ArrayValue;
            if (anyOrder ? !sameMembers(w, ((ArrayValue) e.getValue()).elements()) : !matches(w, e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Whether a JSON-shaped expected value equals a produced value seen through JSON. */
    static boolean matches(Value want, Value got) {
        return switch (got) {
            case SetValue s -> sameMembers(want, s.elements());
            case ArrayValue a -> want instanceof ArrayValue w && w.size() == a.size() && pairwise(w, a);
            case ObjectValue o -> want instanceof ObjectValue w && w.size() == o.size() && sameEntries(w, o);
            default -> want.equals(got);
        };
    }

    private static boolean pairwise(ArrayValue want, ArrayValue got) {
        for (int i = 0; i < got.size(); i++) if (!matches(want.get(i), got.get(i))) return false;
        return true;
    }

    private static boolean sameEntries(ObjectValue want, ObjectValue got) {
        for (Value k : got.keys()) {
            Value key = k instanceof StringValue ? k : StringValue.of(Json.write(k));
            Value w = want.get(key);
            if (w == null || !matches(w, got.get(k))) return false;
        }
        return true;
    }

    private static boolean sameMembers(Value want, List<Value> got) {
        if (!(want instanceof ArrayValue w) || w.size() != got.size()) return false;
        boolean[] used = new boolean[got.size()];
        for (Value item : w.elements()) {
            int found = -1;
            for (int i = 0; i < got.size() && found < 0; i++) if (!used[i] && matches(item, got.get(i))) found = i;
            if (found < 0) return false;
            used[found] = true;
        }
        return true;
    }
}
