package dev.warden.rego.conformance;

import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One case of OPA's conformance suite, with the fields of its JSON form (see the suite's README).
 *
 * <pre>{@code
 * ConformanceCase c = ConformanceCase.fromJson("aggregates", (ObjectValue) Json.parse(text));
 * }</pre>
 *
 * @param topic       the folder the case was read from
 * @param data        base documents, or null
 * @param input       the input document, or null
 * @param inputTerm   the input as Rego term text (may hold sets), or null
 * @param wantResult  expected binding rows, or null when the case expects only an error
 * @param wantErrorCode expected error code, or null
 * @param wantError   a substring the error text must contain, or null
 */
public record ConformanceCase(String note, String topic, List<String> modules, String query, ObjectValue data,
                              Value input, String inputTerm, List<ObjectValue> wantResult, String wantErrorCode,
                              String wantError, boolean strictError, boolean sortBindings,
                              Map<String, String> env, boolean ignoreGeneratedVars) {

    public ConformanceCase {
        modules = List.copyOf(modules);
        wantResult = wantResult == null ? null : List.copyOf(wantResult);
        env = Map.copyOf(env);
    }

    /** True when the case expects evaluation (or compilation) to fail. */
    public boolean expectsError() { return wantErrorCode != null || wantError != null; }

    /** Reads a case from its JSON object; throws {@link IllegalArgumentException} naming a malformed field. */
    public static ConformanceCase fromJson(String topic, ObjectValue json) {
        String note = string(json, "note");
        if (note == null) throw new IllegalArgumentException("case without a note");
        String query = string(json, "query");
        if (query == null) throw new IllegalArgumentException(note + ": case without a query");
        Value data = json.get("data");
        if (data != null && !(data instanceof ObjectValue)) {
            throw new IllegalArgumentException(note + ": data must be an object, got " + data.typeName());
        }
        return new ConformanceCase(note, topic, strings(json, "modules", note), query, (ObjectValue) data,
                json.get("input"), string(json, "input_term"), rows(json, note), string(json, "want_error_code"),
                string(json, "want_error"), flag(json, "strict_error"), flag(json, "sort_bindings"),
                env(json, note), flag(json, "ignore_generated_vars"));
    }

    private static String string(ObjectValue json, String key) {
        return json.get(key) instanceof StringValue s ? s.value() : null;
    }

    private static boolean flag(ObjectValue json, String key) {
        return json.get(key) instanceof BooleanValue b && b.value();
    }

    private static List<String> strings(ObjectValue json, String key, String note) {
        Value v = json.get(key);
        if (v == null) return List.of();
        if (!(v instanceof ArrayValue a)) throw new IllegalArgumentException(note + ": " + key + " must be an array");
        List<String> out = new ArrayList<>();
        for (Value item : a.elements()) {
            if (!(item instanceof StringValue s)) {
                throw new IllegalArgumentException(note + ": " + key + " must hold strings");
            }
            out.add(s.value());
        }
        return out;
    }

    private static List<ObjectValue> rows(ObjectValue json, String note) {
        Value v = json.get("want_result");
        if (v == null) return null;
        if (!(v instanceof ArrayValue a)) throw new IllegalArgumentException(note + ": want_result must be an array");
        List<ObjectValue> out = new ArrayList<>();
        for (Value row : a.elements()) {
            if (!(row instanceof ObjectValue o)) {
                throw new IllegalArgumentException(note + ": want_result rows must be objects");
            }
            out.add(o);
        }
        return out;
    }

    private static Map<String, String> env(ObjectValue json, String note) {
        Value v = json.get("env");
        if (v == null) return Map.of();
        if (!(v instanceof ObjectValue o)) throw new IllegalArgumentException(note + ": env must be an object");
        Map<String, String> out = new LinkedHashMap<>();
        for (Value k : o.keys()) {
            if (!(k instanceof StringValue ks) || !(o.get(k) instanceof StringValue vs)) {
                throw new IllegalArgumentException(note + ": env must map strings to strings");
            }
            out.put(ks.value(), vs.value());
        }
        return out;
    }
}
