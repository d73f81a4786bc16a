package dev.warden.rego.builtins;

import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.SetValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A JSON Schema (draft 4–7 keywords) validator for {@code json.match_schema} and {@code json.verify_schema},
 * reporting errors as OPA does (gojsonschema's field names, types and wording).
 */
final class JsonSchema {
    private static final Set<String> TYPES = Set.of("array", "boolean", "integer", "number", "null", "object", "string");

    /** One validation error, as OPA returns it. */
    record Error(String field, String type, String desc) {
        ObjectValue toValue() {
            return ObjectValue.builder().put("desc", StringValue.of(desc)).put("error", StringValue.of(field + ": " + desc))
                    .put("field", StringValue.of(field)).put("type", StringValue.of(type)).build();
        }
    }

    private final Value root;
    private final List<Error> errors = new ArrayList<>();

    private JsonSchema(Value root) { this.root = root; }

    /** Fails with gojsonschema's message when the schema itself is malformed. */
    static void check(Value schema) {
        switch (schema) {
            case ObjectValue o -> {
                Value type = o.get("type");
                if (type instanceof StringValue s) checkType(s.value());
                else if (type instanceof ArrayValue a) for (Value t : a.elements()) if (t instanceof StringValue s) checkType(s.value());
                for (Value k : o.keys()) {
                    Value v = o.get(k);
                    String key = k instanceof StringValue s ? s.value() : "";
                    if (key.equals("enum") || key.equals("const") || key.equals("default") || key.equals("examples")) continue;
                    if (key.equals("properties") || key.equals("definitions") || key.equals("patternProperties")
                            || key.equals("dependencies") || key.equals("$defs")) {
                        if (v instanceof ObjectValue props) for (Value p : props.keys()) check(props.get(p));
                    } else if (v instanceof ObjectValue || v instanceof ArrayValue) {
                        check(v);
                    }
                }
            }
            case ArrayValue a -> { for (Value v : a.elements()) check(v); }
            default -> { }
        }
    }

    private static void checkType(String t) {
        if (!TYPES.contains(t)) {
            throw BuiltinException.error("has a primitive type that is NOT VALID -- given: /" + t
                    + "/ Expected valid values are:[array boolean integer number null object string]");
        }
    }

    static List<Error> validate(Value document, Value schema) {
        check(schema);
        JsonSchema v = new JsonSchema(schema);
        v.validate(document, schema, "(root)");
        return v.errors;
    }

    private void fail(String field, String type, String desc) { errors.add(new Error(field, type, desc)); }

    private static String child(String field, String key) { return field.equals("(root)") ? key : field + "." + key; }

    private static String typeOf(Value v) {
        return switch (v) {
            case NumberValue n -> n.isInteger() ? "integer" : "number";
            case SetValue s -> "array";
            default -> v.typeName();
        };
    }

    private static boolean hasType(Value v, String t) {
        String actual = typeOf(v);
        return actual.equals(t) || (t.equals("number") && actual.equals("integer"));
    }

    private boolean valid(Value doc, Value schema) {
        JsonSchema probe = new JsonSchema(root);
        probe.validate(doc, schema, "(root)");
        return probe.errors.isEmpty();
    }

    private void validate(Value doc, Value schemaValue, String field) {
        if (schemaValue instanceof BooleanValue b) {
            if (!b.value()) fail(field, "false", "False always fails validation");
            return;
        }
        if (!(schemaValue instanceof ObjectValue s)) return;
        if (s.get("$ref") instanceof StringValue ref) {
            Value target = resolve(ref.value());
            if (target != null) validate(doc, target, field);
            return;
        }
        if (!types(doc, s.get("type"), field)) return;
        if (s.get("enum") instanceof ArrayValue e && !e.elements().contains(doc)) {
            fail(field, "enum", field + " must be one of the following: " + allowed(e));
        }
        if (s.get("const") != null && !s.get("const").equals(doc)) {
            fail(field, "const", field + " does not match: " + RegoText.write(s.get("const")));
        }
        composition(doc, s, field);
        switch (doc) {
            case ObjectValue o -> JsonSchemaKeywords.object(this, o, s, field);
            case ArrayValue a -> JsonSchemaKeywords.array(this, a.elements(), s, field);
            case SetValue a -> JsonSchemaKeywords.array(this, a.elements(), s, field);
            case StringValue str -> JsonSchemaKeywords.string(this, str.value(), s, field);
            case NumberValue n -> JsonSchemaKeywords.number(this, n.decimalValue(), s, field);
            default -> { }
        }
    }

    private boolean types(Value doc, Value type, String field) {
        List<String> wanted = new ArrayList<>();
        if (type instanceof StringValue t) wanted.add(t.value());
        else if (type instanceof ArrayValue a) for (Value t : a.elements()) if (t instanceof StringValue ts) wanted.add(ts.value());
        if (wanted.isEmpty()) return true;
        for (String t : wanted) if (hasType(doc, t)) return true;
        fail(field, "invalid_type", "Invalid type. Expected: " + String.join(" or ", wanted) + ", given: " + typeOf(doc));
        return false;
    }

    private void composition(Value doc, ObjectValue s, String field) {
        if (s.get("allOf") instanceof ArrayValue all) {
            boolean ok = true;
            for (Value sub : all.elements()) ok &= valid(doc, sub);
            if (!ok) fail(field, "number_all_of", "Must validate all the schemas (allOf)");
        }
        if (s.get("anyOf") instanceof ArrayValue any) {
            boolean ok = false;
            for (Value sub : any.elements()) ok |= valid(doc, sub);
            if (!ok) fail(field, "number_any_of", "Must validate at least one schema (anyOf)");
        }
        if (s.get("oneOf") instanceof ArrayValue one) {
            int n = 0;
            for (Value sub : one.elements()) if (valid(doc, sub)) n++;
            if (n != 1) fail(field, "number_one_of", "Must validate one and only one schema (oneOf)");
        }
        if (s.get("not") != null && valid(doc, s.get("not"))) fail(field, "number_not", "Must not validate the schema (not)");
        if (s.get("if") != null) {
            Value branch = valid(doc, s.get("if")) ? s.get("then") : s.get("else");
            if (branch != null) validate(doc, branch, field);
        }
    }

    void check(Value doc, Value schema, String field) { validate(doc, schema, field); }

    boolean matches(Value doc, Value schema) { return valid(doc, schema); }

    void error(String field, String type, String desc) { fail(field, type, desc); }

    static String childField(String field, String key) { return child(field, key); }

    private static String allowed(ArrayValue e) {
        List<String> items = new ArrayList<>();
        for (Value v : e.elements()) items.add(RegoText.write(v));
        return String.join(", ", items);
    }

    /** A local reference: "#", "#/definitions/x", "#/properties/a/items". */
    private Value resolve(String ref) {
        if (!ref.startsWith("#")) return null;
        Value cur = root;
        String path = ref.substring(1);
        if (path.isEmpty() || path.equals("/")) return cur;
        for (String seg : path.substring(1).split("/")) {
            String key = seg.replace("~1", "/").replace("~0", "~");
            cur = ObjectBuiltins.child(cur, cur instanceof ArrayValue && key.matches("[0-9]+") ? NumberValue.of(Long.parseLong(key))
                    : StringValue.of(key));
            if (cur == null) return null;
        }
        return cur;
    }

    static BigDecimal decimal(Value v) { return v instanceof NumberValue n ? n.decimalValue() : null; }

}
