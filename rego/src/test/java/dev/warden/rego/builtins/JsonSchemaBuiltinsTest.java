package dev.warden.rego.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.Json;
import dev.warden.rego.value.NullValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import org.junit.jupiter.api.Test;

/** json.verify_schema and json.match_schema with OPA's result shapes and messages. */
class JsonSchemaBuiltinsTest {
    private static final Value SCHEMA = Json.parse("""
            {"type": "object", "required": ["id", "name"],
             "properties": {"id": {"type": "integer", "minimum": 1}, "tags": {"type": "array", "maxItems": 1}},
             "additionalProperties": {"type": ["string", "integer", "array"]}}""");

    private final TestContext ctx = new TestContext();

    private Value call(String name, Value... args) {
        return BuiltinRegistry.standard().get(name).function().call(ctx, args);
    }

    @Test
    void acceptsAValidSchemaGivenAsObjectOrText() {
        assertThat(call("json.verify_schema", SCHEMA)).isEqualTo(ArrayValue.of(BooleanValue.TRUE, NullValue.INSTANCE));
        assertThat(call("json.verify_schema", StringValue.of(SCHEMA.toString())))
                .isEqualTo(ArrayValue.of(BooleanValue.TRUE, NullValue.INSTANCE));
    }

    @Test
    void explainsAnInvalidSchema() {
        assertThat(call("json.verify_schema", Json.parse("{\"properties\": {\"a\": {\"type\": \"text\"}}}")))
                .isEqualTo(ArrayValue.of(BooleanValue.FALSE, StringValue.of("jsonschema: has a primitive type that is NOT"
                        + " VALID -- given: /text/ Expected valid values are:[array boolean integer number null object string]")));
        assertThat(call("json.verify_schema", StringValue.of("{not json")))
                .isEqualTo(ArrayValue.of(BooleanValue.FALSE, StringValue.of("jsonschema: invalid JSON string")));
    }

    @Test
    void matchesADocument() {
        assertThat(call("json.match_schema", Json.parse("{\"id\": 2, \"name\": \"n\"}"), SCHEMA))
                .isEqualTo(ArrayValue.of(BooleanValue.TRUE, ArrayValue.EMPTY));
    }

    @Test
    void describesEachViolationAsOpaDoes() {
        Value result = call("json.match_schema", Json.parse("{\"id\": 0.5, \"tags\": [1, 2], \"extra\": true}"), SCHEMA);
        assertThat(((ArrayValue) result).get(0)).isEqualTo(BooleanValue.FALSE);
        assertThat(((ArrayValue) ((ArrayValue) result).get(1)).elements()).containsExactlyInAnyOrder(
                error("(root)", "required", "name is required"),
                error("id", "invalid_type", "Invalid type. Expected: integer, given: number"),
                error("id", "number_gte", "Must be greater than or equal to 1"),
                error("tags", "array_max_items", "Array must have at most 1 items"),
                error("extra", "invalid_type", "Invalid type. Expected: [string,integer,array], given: boolean"));
    }

    @Test
    void failsOnAnInvalidSchemaOrDocumentText() {
        assertThatThrownBy(() -> call("json.match_schema", StringValue.of("{"), SCHEMA)).hasMessage("invalid JSON string");
        assertThatThrownBy(() -> call("json.match_schema", Json.parse("{}"), Json.parse("{\"type\": \"bogus\"}")))
                .hasMessageStartingWith("has a primitive type that is NOT VALID -- given: /bogus/");
    }

    private static Value error(String field, String type, String desc) {
        return Json.parse("{\"field\": " + StringValue.of(field) + ", \"type\": \"" + type + "\", \"desc\": "
                + StringValue.of(desc) + ", \"error\": " + StringValue.of(field + ": " + desc) + "}");
    }

    @Test
    void resolvesLocalReferencesButFetchesNothing() {
        Value local = Json.parse("{\"definitions\": {\"n\": {\"type\": \"integer\"}}, \"properties\": {\"a\": {\"$ref\": \"#/definitions/n\"}}}");
        assertThat(((ArrayValue) call("json.match_schema", Json.parse("{\"a\": 1}"), local)).get(0)).isEqualTo(BooleanValue.TRUE);
        assertThat(((ArrayValue) call("json.match_schema", Json.parse("{\"a\": \"x\"}"), local)).get(0)).isEqualTo(BooleanValue.FALSE);
        assertThatThrownBy(() -> call("json.match_schema", Json.parse("{}"), Json.parse("{\"$ref\": \"file:///etc/hostname\"}")))
                .hasMessage("cannot load $ref file:///etc/hostname: only references within the schema are resolved, nothing is fetched");
    }
}
