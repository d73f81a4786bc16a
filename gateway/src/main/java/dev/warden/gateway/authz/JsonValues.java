package dev.warden.gateway.authz;

import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.Json;
import dev.warden.rego.value.NullValue;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.SetValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts between Jackson trees and Rego values directly, without going through JSON text: every decision
 * converts its input, so this is on the hot path.
 */
final class JsonValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonValues() {}

    static Value toValue(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> {
                ObjectValue.Builder b = ObjectValue.builder();
                for (Map.Entry<String, JsonNode> e : node.properties()) b.put(e.getKey(), toValue(e.getValue()));
                yield b.build();
            }
            case ARRAY -> {
                List<Value> items = new ArrayList<>(node.size());
                for (JsonNode item : node) items.add(toValue(item));
                yield ArrayValue.of(items);
            }
            case STRING -> StringValue.of(node.asString());
            case BOOLEAN -> BooleanValue.of(node.asBoolean());
            case NUMBER -> node.canConvertToLong() && node.isIntegralNumber() ? NumberValue.of(node.asLong())
                    : NumberValue.of(node.decimalValue());
            default -> NullValue.INSTANCE;
        };
    }

    /** Rego → JSON as OPA writes it: sets become arrays, non-string object keys their JSON text. */
    static JsonNode toJson(Value value) {
        return switch (value) {
            case ObjectValue o -> {
                ObjectNode out = NODES.objectNode();
                for (Value key : o.keys()) {
                    String name = key instanceof StringValue s ? s.value() : Json.write(key);
                    out.set(name, toJson(o.get(key)));
                }
                yield out;
            }
            case ArrayValue a -> array(a.elements());
            case SetValue s -> array(s.elements());
            case StringValue s -> NODES.stringNode(s.value());
            case BooleanValue b -> NODES.booleanNode(b.value());
            case NumberValue n -> n.isLong() ? NODES.numberNode(n.longValue())
                    : n.isInteger() ? NODES.numberNode(n.bigIntegerValue()) : NODES.numberNode(n.decimalValue());
            case NullValue ignored -> NODES.nullNode();
        };
    }

    private static ArrayNode array(List<Value> items) {
        ArrayNode out = NODES.arrayNode();
        for (Value v : items) out.add(toJson(v));
        return out;
    }
}
