package dev.warden.rego.builtins;

import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.math.BigDecimal;
import java.util.List;

/** The type-specific JSON Schema keywords: objects, arrays, strings and numbers. */
final class JsonSchemaKeywords {
    private JsonSchemaKeywords() {}

    static void object(JsonSchema v, ObjectValue o, ObjectValue s, String field) {
        if (s.get("required") instanceof ArrayValue req) {
            for (Value r : req.elements()) {
                if (r instanceof StringValue name && !o.containsKey(name)) {
                    v.error(field, "required", name.value() + " is required");
                }
            }
        }
        ObjectValue props = s.get("properties") instanceof ObjectValue p ? p : ObjectValue.EMPTY;
        ObjectValue patterns = s.get("patternProperties") instanceof ObjectValue p ? p : ObjectValue.EMPTY;
        for (Value k : o.keys()) {
            String key = k instanceof StringValue ks ? ks.value() : k.toString();
            String f = JsonSchema.childField(field, key);
            boolean matched = false;
            if (props.get(k) != null) {
                v.check(o.get(k), props.get(k), f);
                matched = true;
            }
            for (Value pk : patterns.keys()) {
                if (pk instanceof StringValue re && PatternCache.get(re.value()).matcher(key).find()) {
                    v.check(o.get(k), patterns.get(pk), f);
                    matched = true;
                }
            }
            Value additional = s.get("additionalProperties");
            if (!matched && additional != null) {
                if (additional instanceof BooleanValue b && !b.value()) {
                    v.error(field, "additional_property_not_allowed", "Additional property " + key + " is not allowed");
                } else if (additional instanceof ObjectValue) {
                    v.check(o.get(k), additional, f);
                }
            }
        }
        if (s.get("minProperties") instanceof NumberValue min && o.size() < min.longValue()) {
            v.error(field, "array_min_properties", "Must have at least " + min + " properties");
        }
        if (s.get("maxProperties") instanceof NumberValue max && o.size() > max.longValue()) {
            v.error(field, "array_max_properties", "Must have at most " + max + " properties");
        }
        if (s.get("dependencies") instanceof ObjectValue deps) {
            for (Value k : deps.keys()) {
                if (!o.containsKey(k)) continue;
                Value d = deps.get(k);
                if (d instanceof ArrayValue names) {
                    for (Value n : names.elements()) {
                        if (!o.containsKey(n)) v.error(field, "missing_dependency", "Has a dependency on " + ((StringValue) n).value());
                    }
                } else {
                    v.check(o, d, field);
                }
            }
        }
    }

    static void array(JsonSchema v, List<Value> items, ObjectValue s, String field) {
        Value itemSchema = s.get("items");
        if (itemSchema instanceof ArrayValue tuple) {
            for (int i = 0; i < items.size(); i++) {
                String f = JsonSchema.childField(field, Integer.toString(i));
                if (i < tuple.size()) v.check(items.get(i), tuple.get(i), f);
                else if (s.get("additionalItems") instanceof BooleanValue b && !b.value()) {
                    v.error(field, "array_no_additional_items", "No additional items allowed on array");
                    break;
                } else if (s.get("additionalItems") instanceof ObjectValue extra) v.check(items.get(i), extra, f);
            }
        } else if (itemSchema != null) {
            for (int i = 0; i < items.size(); i++) v.check(items.get(i), itemSchema, JsonSchema.childField(field, Integer.toString(i)));
        }
        if (s.get("minItems") instanceof NumberValue min && items.size() < min.longValue()) {
            v.error(field, "array_min_items", "Array must have at least " + min + " items");
        }
        if (s.get("maxItems") instanceof NumberValue max && items.size() > max.longValue()) {
            v.error(field, "array_max_items", "Array must have at most " + max + " items");
        }
        if (s.get("uniqueItems") instanceof BooleanValue u && u.value()) {
            outer:
            for (int i = 0; i < items.size(); i++) {
                for (int j = i + 1; j < items.size(); j++) {
                    if (items.get(i).equals(items.get(j))) {
                        v.error(field, "unique", "array items[" + i + "," + j + "] must be unique");
                        break outer;
                    }
                }
            }
        }
        if (s.get("contains") != null) {
            boolean any = false;
            for (Value item : items) any |= v.matches(item, s.get("contains"));
            if (!any) v.error(field, "contains", "At least one of the items must match");
        }
    }

    static void string(JsonSchema v, String str, ObjectValue s, String field) {
        int len = str.codePointCount(0, str.length());
        if (s.get("minLength") instanceof NumberValue min && len < min.longValue()) {
            v.error(field, "string_gte", "String length must be greater than or equal to " + min);
        }
        if (s.get("maxLength") instanceof NumberValue max && len > max.longValue()) {
            v.error(field, "string_lte", "String length must be less than or equal to " + max);
        }
        if (s.get("pattern") instanceof StringValue p && !PatternCache.get(p.value()).matcher(str).find()) {
            v.error(field, "pattern", "Does not match pattern '" + p.value() + "'");
        }
    }

    static void number(JsonSchema v, BigDecimal n, ObjectValue s, String field) {
        BigDecimal min = JsonSchema.decimal(s.get("minimum")), max = JsonSchema.decimal(s.get("maximum"));
        Value exMin = s.get("exclusiveMinimum"), exMax = s.get("exclusiveMaximum");
        if (min != null) {
            boolean exclusive = exMin instanceof BooleanValue b && b.value(); // draft 4
            if (exclusive ? n.compareTo(min) <= 0 : n.compareTo(min) < 0) {
                v.error(field, exclusive ? "number_gt" : "number_gte",
                        (exclusive ? "Must be greater than " : "Must be greater than or equal to ") + NumberValue.of(min));
            }
        }
        if (exMin instanceof NumberValue em && n.compareTo(em.decimalValue()) <= 0) {
            v.error(field, "number_gt", "Must be greater than " + em);
        }
        if (max != null) {
            boolean exclusive = exMax instanceof BooleanValue b && b.value();
            if (exclusive ? n.compareTo(max) >= 0 : n.compareTo(max) > 0) {
                v.error(field, exclusive ? "number_lt" : "number_lte",
                        (exclusive ? "Must be less than " : "Must be less than or equal to ") + NumberValue.of(max));
            }
        }
        if (exMax instanceof NumberValue em && n.compareTo(em.decimalValue()) >= 0) {
            v.error(field, "number_lt", "Must be less than " + em);
        }
        if (s.get("multipleOf") instanceof NumberValue m && m.signum() > 0
                && n.remainder(m.decimalValue()).signum() != 0) {
            v.error(field, "multiple_of", "Must be a multiple of " + m);
        }
    }

}
