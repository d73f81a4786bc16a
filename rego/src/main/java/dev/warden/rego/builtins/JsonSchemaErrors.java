package dev.warden.rego.builtins;

import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.StringValue;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Describes a validation error as OPA's {@code json.match_schema} does: {@code field} is the instance path
 * ({@code (root)} for the document itself, {@code a.b.0} below it), {@code type} and {@code desc} are the
 * names and wording of OPA's validator, and {@code error} is {@code field + ": " + desc}.
 *
 * <pre>{@code
 * ObjectValue e = JsonSchemaErrors.describe(error); // {"field": "id", "type": "invalid_type", ...}
 * }</pre>
 */
final class JsonSchemaErrors {
    private JsonSchemaErrors() {}

    static ObjectValue describe(Error e) {
        String field = field(e.getInstanceLocation());
        JsonNode schema = e.getSchemaNode();
        String type;
        String desc;
        switch (e.getKeyword() == null ? "" : e.getKeyword()) {
            case "type" -> {
                type = "invalid_type";
                desc = "Invalid type. Expected: " + expectedTypes(schema) + ", given: " + typeOf(e.getInstanceNode());
            }
            case "required" -> {
                type = "required";
                desc = e.getProperty() + " is required";
            }
            case "enum" -> {
                type = "enum";
                desc = field + " must be one of the following: " + joined(schema);
            }
            case "const" -> {
                type = "const";
                desc = field + " does not match: " + schema;
            }
            case "minLength" -> { type = "string_gte"; desc = "String length must be greater than or equal to " + schema; }
            case "maxLength" -> { type = "string_lte"; desc = "String length must be less than or equal to " + schema; }
            case "pattern" -> { type = "does_not_match_pattern"; desc = "Does not match pattern '" + text(schema) + "'"; }
            case "format" -> { type = "format"; desc = "Does not match format '" + text(schema) + "'"; }
            case "minimum" -> { type = "number_gte"; desc = "Must be greater than or equal to " + schema; }
            case "exclusiveMinimum" -> { type = "number_gt"; desc = "Must be greater than " + schema; }
            case "maximum" -> { type = "number_lte"; desc = "Must be less than or equal to " + schema; }
            case "exclusiveMaximum" -> { type = "number_lt"; desc = "Must be less than " + schema; }
            case "multipleOf" -> { type = "multiple_of"; desc = "Must be a multiple of " + schema; }
            case "minItems" -> { type = "array_min_items"; desc = "Array must have at least " + schema + " items"; }
            case "maxItems" -> { type = "array_max_items"; desc = "Array must have at most " + schema + " items"; }
            case "minProperties" -> { type = "array_min_properties"; desc = "Must have at least " + schema + " properties"; }
            case "maxProperties" -> { type = "array_max_properties"; desc = "Must have at most " + schema + " properties"; }
            case "uniqueItems" -> { type = "unique"; desc = "array items must be unique"; }
            case "additionalProperties", "unevaluatedProperties" -> {
                type = "additional_property_not_allowed";
                desc = "Additional property " + e.getProperty() + " is not allowed";
            }
            case "anyOf" -> { type = "number_any_of"; desc = "Must validate at least one schema (anyOf)"; }
            case "oneOf" -> { type = "number_one_of"; desc = "Must validate one and only one schema (oneOf)"; }
            case "allOf" -> { type = "number_all_of"; desc = "Must validate all the schemas (allOf)"; }
            case "not" -> { type = "number_not"; desc = "Must not validate the schema (not)"; }
            case "contains" -> { type = "contains"; desc = "At least one of the items must match"; }
            case "additionalItems", "items", "prefixItems", "unevaluatedItems" -> {
                type = "array_no_additional_items";
                desc = "No additional items allowed on array";
            }
            case "dependencies", "dependentRequired" -> { type = "missing_dependency"; desc = e.getMessage(); }
            case "false" -> { type = "false"; desc = "False always fails validation"; }
            default -> { type = e.getKeyword() == null ? "internal" : e.getKeyword(); desc = e.getMessage(); }
        }
        return ObjectValue.builder()
                .put("error", StringValue.of(field + ": " + desc))
                .put("type", StringValue.of(type))
                .put("field", StringValue.of(field))
                .put("desc", StringValue.of(desc))
                .build();
    }

    private static String field(NodePath path) {
        if (path == null || path.getNameCount() == 0) return "(root)";
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < path.getNameCount(); i++) parts.add(String.valueOf(path.getElement(i)));
        return String.join(".", parts);
    }

    private static String expectedTypes(JsonNode schemaType) {
        if (schemaType == null) return "";
        if (!schemaType.isArray()) return text(schemaType);
        List<String> names = new ArrayList<>();
        for (JsonNode t : schemaType) names.add(text(t));
        return "[" + String.join(",", names) + "]"; // as OPA's validator lists several types
    }

    /** The JSON type of an instance as OPA's validator names it; whole numbers are integers. */
    private static String typeOf(JsonNode n) {
        if (n == null || n.isNull()) return "null";
        if (n.isBoolean()) return "boolean";
        if (n.isIntegralNumber()) return "integer";
        if (n.isNumber()) return n.decimalValue().stripTrailingZeros().scale() <= 0 ? "integer" : "number";
        if (n.isString()) return "string";
        if (n.isArray()) return "array";
        return "object";
    }

    private static String joined(JsonNode values) {
        if (values == null || !values.isArray()) return String.valueOf(values);
        List<String> out = new ArrayList<>();
        for (JsonNode v : values) out.add(v.toString());
        return String.join(", ", out);
    }

    private static String text(JsonNode n) {
        return n == null ? "" : n.isString() ? n.asString() : n.toString();
    }

}
