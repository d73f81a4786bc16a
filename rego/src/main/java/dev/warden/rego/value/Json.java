package dev.warden.rego.value;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * JSON in and out of Rego values.
 *
 * <pre>{@code
 * Value input = Json.parse("{\"user\": {\"roles\": [\"admin\"]}}");
 * String text = Json.write(input); // {"user":{"roles":["admin"]}}
 * }</pre>
 *
 * <p>Writing follows OPA: object keys sorted in value order, sets written as arrays, non-string object keys
 * written as their JSON text.
 */
public final class Json {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private Json() {}

    /** Parses one JSON document; throws {@link JsonSyntaxException} naming the line and column of a syntax error. */
    public static Value parse(String json) {
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), json)) {
            JsonToken t = p.nextToken();
            if (t == null) throw new JsonSyntaxException("empty JSON document", 1, 1);
            Value v = read(p, t);
            if (p.nextToken() != null) {
                throw new JsonSyntaxException("unexpected content after the JSON value",
                        p.currentLocation().getLineNr(), p.currentLocation().getColumnNr());
            }
            return v;
        } catch (JacksonException e) {
            var loc = e.getLocation();
            throw new JsonSyntaxException(e.getOriginalMessage(), loc == null ? 0 : loc.getLineNr(),
                    loc == null ? 0 : loc.getColumnNr());
        }
    }

    private static Value read(JsonParser p, JsonToken t) {
        return switch (t) {
            case START_OBJECT -> {
                ObjectValue.Builder b = ObjectValue.builder();
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = p.currentName();
                    b.put(StringValue.of(name), read(p, p.nextToken()));
                }
                yield b.build();
            }
            case START_ARRAY -> {
                List<Value> items = new ArrayList<>();
                JsonToken n;
                while ((n = p.nextToken()) != JsonToken.END_ARRAY) items.add(read(p, n));
                yield ArrayValue.of(items);
            }
            case VALUE_STRING -> StringValue.of(p.getString());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> NumberValue.parse(p.getString());
            case VALUE_TRUE -> BooleanValue.TRUE;
            case VALUE_FALSE -> BooleanValue.FALSE;
            case VALUE_NULL -> NullValue.INSTANCE;
            default -> throw new JsonSyntaxException("unexpected token " + t,
                    p.currentLocation().getLineNr(), p.currentLocation().getColumnNr());
        };
    }

    /** Compact JSON text of a value. */
    public static String write(Value v) {
        StringBuilder sb = new StringBuilder();
        write(v, sb);
        return sb.toString();
    }

    public static void write(Value v, StringBuilder sb) {
        switch (v) {
            case NullValue n -> sb.append("null");
            case BooleanValue b -> sb.append(b.value());
            case NumberValue n -> sb.append(n);
            case StringValue s -> quote(s.value(), sb);
            case ArrayValue a -> {
                sb.append('[');
                for (int i = 0; i < a.size(); i++) {
                    if (i > 0) sb.append(',');
                    write(a.get(i), sb);
                }
                sb.append(']');
            }
            case SetValue s -> {
                sb.append('[');
                Value[] m = s.sortedArray();
                for (int i = 0; i < m.length; i++) {
                    if (i > 0) sb.append(',');
                    write(m[i], sb);
                }
                sb.append(']');
            }
            case ObjectValue o -> {
                sb.append('{');
                Value[] keys = o.sortedKeyArray();
                for (int i = 0; i < keys.length; i++) {
                    if (i > 0) sb.append(',');
                    if (keys[i] instanceof StringValue s) quote(s.value(), sb);
                    else quote(write(keys[i]), sb);
                    sb.append(':');
                    write(o.get(keys[i]), sb);
                }
                sb.append('}');
            }
        }
    }

    /** Appends a JSON string literal, escaping as Go's encoding/json does (including {@code <>&}). */
    public static void quote(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> sb.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }
}
