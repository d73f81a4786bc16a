package dev.warden.gateway.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The schemas {@link ConformanceFixtureServer} sends, as the conformance scenarios specify them: the
 * {@code requestedSchema} of its elicitation tools (SEP-1034 defaults, SEP-1330 enum variants) and the JSON Schema
 * 2020-12 input schema of {@code json_schema_2020_12_tool} (SEP-1613).
 */
final class ConformanceFixtureSchemas {
    private ConformanceFixtureSchemas() {}

    static Map<String, Object> user() {
        return object(Map.of(
                "username", Map.of("type", "string", "description", "User's response"),
                "email", Map.of("type", "string", "description", "User's email address")),
                List.of("username", "email"));
    }

    static Map<String, Object> defaults() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", Map.of("type", "string", "description", "User name", "default", "John Doe"));
        p.put("age", Map.of("type", "integer", "description", "User age", "default", 30));
        p.put("score", Map.of("type", "number", "description", "User score", "default", 95.5));
        p.put("status", Map.of("type", "string", "description", "User status",
                "enum", List.of("active", "inactive", "pending"), "default", "active"));
        p.put("verified", Map.of("type", "boolean", "description", "Verification status", "default", true));
        return object(p, List.of());
    }

    static Map<String, Object> enums() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("untitledSingle", Map.of("type", "string", "description", "Select one option",
                "enum", List.of("option1", "option2", "option3")));
        p.put("titledSingle", Map.of("type", "string", "description", "Select one option with titles",
                "oneOf", titled("value", List.of("First Option", "Second Option", "Third Option"))));
        p.put("legacyEnum", Map.of("type", "string", "description", "Select one option (legacy)",
                "enum", List.of("opt1", "opt2", "opt3"),
                "enumNames", List.of("Option One", "Option Two", "Option Three")));
        p.put("untitledMulti", Map.of("type", "array", "description", "Select multiple options",
                "minItems", 1, "maxItems", 3,
                "items", Map.of("type", "string", "enum", List.of("option1", "option2", "option3"))));
        p.put("titledMulti", Map.of("type", "array", "description", "Select multiple options with titles",
                "minItems", 1, "maxItems", 3,
                "items", Map.of("anyOf", titled("value", List.of("First Choice", "Second Choice",
                        "Third Choice")))));
        return object(p, List.of());
    }

    static Map<String, Object> jsonSchema2020() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("type", "object");
        schema.put("$defs", Map.of("address", Map.of("type", "object", "properties",
                Map.of("street", Map.of("type", "string"), "city", Map.of("type", "string")))));
        schema.put("properties", Map.of("name", Map.of("type", "string"),
                "address", Map.of("$ref", "#/$defs/address")));
        schema.put("additionalProperties", false);
        return schema;
    }

    private static List<Map<String, Object>> titled(String prefix, List<String> titles) {
        return IntStream.range(0, titles.size())
                .mapToObj(i -> Map.<String, Object>of("const", prefix + (i + 1), "title", titles.get(i))).toList();
    }

    private static Map<String, Object> object(Map<String, Object> properties, List<String> required) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", required);
        return schema;
    }
}
