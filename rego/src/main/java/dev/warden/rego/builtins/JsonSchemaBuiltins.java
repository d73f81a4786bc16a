package dev.warden.rego.builtins;

import static dev.warden.rego.builtins.Decl.ANY_OBJECT;
import static dev.warden.rego.builtins.Decl.BOOLEAN;
import static dev.warden.rego.builtins.Decl.STRING;
import static dev.warden.rego.builtins.Decl.fn;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.warden.rego.types.Type;
import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.Json;
import dev.warden.rego.value.NullValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code json.verify_schema} and {@code json.match_schema}: JSON Schema (drafts 4 to 2020-12, draft 7 when a
 * schema names none) checked by networknt's json-schema-validator, with results and messages in the shape
 * OPA's validator gives them ({@code {"error": "id: Invalid type. Expected: integer, given: string",
 * "type": "invalid_type", "field": "id", "desc": "..."}}). Remote {@code $ref}s are never fetched: schemas may
 * come from input, and a policy decision must not make network calls.
 *
 * <pre>{@code
 * json.match_schema({"id": 5}, {"properties": {"id": {"type": "integer"}}})  # [true, []]
 * }</pre>
 */
final class JsonSchemaBuiltins {
    private JsonSchemaBuiltins() {}

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final CompiledCache<Value, Schema> SCHEMAS = new CompiledCache<>(256);
    private static final Set<String> PRIMITIVE_TYPES =
            Set.of("array", "boolean", "integer", "number", "null", "object", "string");
    private static final Type STRING_OR_OBJECT = Type.anyOf(STRING, ANY_OBJECT);

    static List<Builtin> all() {
        return List.of(
                fn("json.verify_schema", List.of(STRING_OR_OBJECT), Type.array(Type.ANY), (ctx, a) -> {
                    try {
                        compile(a[0]);
                        return ArrayValue.of(BooleanValue.TRUE, NullValue.INSTANCE);
                    } catch (BuiltinException e) {
                        return ArrayValue.of(BooleanValue.FALSE, StringValue.of("jsonschema: " + e.getMessage()));
                    }
                }),
                fn("json.match_schema", List.of(STRING_OR_OBJECT, STRING_OR_OBJECT), Type.array(Type.ANY), (ctx, a) -> {
                    JsonNode document = node(a[0]);
                    Schema schema = SCHEMAS.get(a[1], JsonSchemaBuiltins::compile);
                    List<Value> errors = new ArrayList<>();
                    try {
                        for (Error e : schema.validate(document)) errors.add(JsonSchemaErrors.describe(e));
                    } catch (RuntimeException e) { // references are resolved lazily, while validating
                        throw failure(e);
                    }
                    return ArrayValue.of(BooleanValue.of(errors.isEmpty()), ArrayValue.of(errors));
                }));
    }

    private static Schema compile(Value schemaValue) {
        JsonNode schema = node(schemaValue);
        checkTypes(schema);
        try {
            // a registry per schema: one schema's "$id" must not resolve references made by another
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
                    b -> b.schemaLoader(l -> l.fetchRemoteResources(false)));
            Schema compiled = registry.getSchema(schema);
            compiled.initializeValidators(); // resolve what can be resolved now, so bad schemas fail here
            return compiled;
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    /** A validator exception as a builtin error; a reference that cannot be loaded is named plainly. */
    private static BuiltinException failure(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.FileNotFoundException missing) {
                return BuiltinException.error("cannot load $ref " + missing.getMessage()
                        + ": only references within the schema are resolved, nothing is fetched");
            }
        }
        return BuiltinException.error(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    /** A JSON document from a Rego object or array, or from a string holding JSON text. */
    private static JsonNode node(Value v) {
        String text = switch (v) {
            case StringValue s -> s.value();
            case ObjectValue o -> Json.write(o);
            case ArrayValue arr -> Json.write(arr);
            default -> throw BuiltinException.error("wrong type, expected string or object");
        };
        try {
            return MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw BuiltinException.error("invalid JSON string");
        }
    }

    /**
     * Rejects a {@code type} naming no JSON type, which the validator would silently never match, with the
     * message OPA gives.
     */
    private static void checkTypes(JsonNode schema) {
        if (schema.isObject()) {
            for (var entry : schema.properties()) {
                JsonNode value = entry.getValue();
                if (entry.getKey().equals("type") && (value.isString() || value.isArray())) {
                    for (JsonNode t : value.isArray() ? value : List.of(value)) {
                        if (t.isString() && !PRIMITIVE_TYPES.contains(t.asString())) {
                            throw BuiltinException.error("has a primitive type that is NOT VALID -- given: /" + t.asString()
                                    + "/ Expected valid values are:[array boolean integer number null object string]");
                        }
                    }
                } else if (!entry.getKey().equals("enum") && !entry.getKey().equals("const")
                        && !entry.getKey().equals("examples") && !entry.getKey().equals("default")) {
                    checkTypes(value);
                }
            }
        } else if (schema.isArray()) {
            for (JsonNode item : schema) checkTypes(item);
        }
    }
}
