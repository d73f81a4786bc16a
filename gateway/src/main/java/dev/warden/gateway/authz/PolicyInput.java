package dev.warden.gateway.authz;

import dev.warden.gateway.util.IsoInstants;
import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.NullValue;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the policy input document for a decision, in SARK's {@code /authorize} shape:
 * {@code {action, server_name, tool_name, parameters, user: {id, email, roles, teams},
 * resource_uri (resource actions), prompt_name (prompt actions),
 * gateway_metadata: {request_id, timestamp, source_ip}, server: {name, metadata, ...metadata}}}.
 * The registry metadata appears both under {@code server.metadata} and directly on {@code server}
 * (e.g. {@code input.server.sensitivity_level}), since the tutorial's policies read it either way.
 */
public final class PolicyInput {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private PolicyInput() {}

    public static ObjectNode of(DecisionRequest r) {
        ObjectNode in = MAPPER.createObjectNode();
        in.put("action", r.action());
        in.put("server_name", r.serverName());
        if (r.toolName() != null) {
            in.put("tool_name", r.toolName());
            // Resource and prompt questions also name their target plainly; tool_name keeps SARK's shape.
            if (r.action().startsWith("gateway:resource:")) in.put("resource_uri", r.toolName());
            if (r.action().startsWith("gateway:prompt:")) in.put("prompt_name", r.toolName());
        }
        in.set("parameters", r.parameters() == null ? MAPPER.createObjectNode() : r.parameters());
        ObjectNode user = in.putObject("user");
        user.put("id", r.user().subject());
        if (r.user().email() != null) user.put("email", r.user().email());
        ArrayNode roles = user.putArray("roles");
        r.user().roles().forEach(roles::add);
        ArrayNode teams = user.putArray("teams");
        r.user().teams().forEach(teams::add);
        ObjectNode meta = in.putObject("gateway_metadata");
        meta.put("request_id", r.context().requestId());
        meta.put("timestamp", IsoInstants.format(r.context().timestamp()));
        if (r.context().sourceIp() != null) meta.put("source_ip", r.context().sourceIp());
        ObjectNode server = in.putObject("server");
        server.put("name", r.serverName());
        ObjectNode metadata = (ObjectNode) node(r.serverMetadata());
        server.setAll(metadata);
        server.set("metadata", metadata.deepCopy());
        return in;
    }

    /**
     * The same document as {@link #of}, built directly as a Rego value for the embedded engine: no JSON tree in
     * between, on every decision's path. Only the parameters, which arrive as JSON, are converted.
     */
    public static ObjectValue value(DecisionRequest r) {
        ObjectValue.Builder in = ObjectValue.builder();
        in.put("action", StringValue.of(r.action()));
        in.put("server_name", StringValue.of(r.serverName()));
        if (r.toolName() != null) {
            StringValue target = StringValue.of(r.toolName());
            in.put("tool_name", target);
            if (r.action().startsWith("gateway:resource:")) in.put("resource_uri", target);
            if (r.action().startsWith("gateway:prompt:")) in.put("prompt_name", target);
        }
        in.put("parameters", r.parameters() == null ? ObjectValue.EMPTY : JsonValues.toValue(r.parameters()));
        ObjectValue.Builder user = ObjectValue.builder();
        user.put("id", StringValue.of(r.user().subject()));
        if (r.user().email() != null) user.put("email", StringValue.of(r.user().email()));
        user.put("roles", strings(r.user().roles()));
        user.put("teams", strings(r.user().teams()));
        in.put("user", user.build());
        ObjectValue.Builder meta = ObjectValue.builder();
        meta.put("request_id", StringValue.of(r.context().requestId()));
        meta.put("timestamp", StringValue.of(IsoInstants.format(r.context().timestamp())));
        if (r.context().sourceIp() != null) meta.put("source_ip", StringValue.of(r.context().sourceIp()));
        in.put("gateway_metadata", meta.build());
        ObjectValue metadata = value(r.serverMetadata()) instanceof ObjectValue o ? o : ObjectValue.EMPTY;
        ObjectValue.Builder server = ObjectValue.builder();
        server.put("name", StringValue.of(r.serverName()));
        server.putAll(metadata);
        server.put("metadata", metadata);
        in.put("server", server.build());
        return in.build();
    }

    private static ArrayValue strings(List<String> items) {
        List<Value> out = new ArrayList<>(items.size());
        for (String s : items) out.add(StringValue.of(s));
        return ArrayValue.of(out);
    }

    /** Registry metadata as a Rego value, converted as {@link #node} converts it to JSON. */
    private static Value value(Object v) {
        return switch (v) {
            case null -> NullValue.INSTANCE;
            case String s -> StringValue.of(s);
            case Boolean b -> BooleanValue.of(b);
            case Integer i -> NumberValue.of(i.longValue());
            case Long l -> NumberValue.of(l);
            case Map<?, ?> m -> {
                ObjectValue.Builder o = ObjectValue.builder();
                m.forEach((k, item) -> o.put(String.valueOf(k), value(item)));
                yield o.build();
            }
            case List<?> list -> {
                List<Value> out = new ArrayList<>(list.size());
                list.forEach(item -> out.add(value(item)));
                yield ArrayValue.of(out);
            }
            default -> JsonValues.toValue(MAPPER.valueToTree(v));
        };
    }

    /** Registry metadata (YAML scalars, lists, maps) as JSON; built by hand since it is on every decision's path. */
    private static JsonNode node(Object v) {
        return switch (v) {
            case null -> MAPPER.nullNode();
            case String s -> MAPPER.getNodeFactory().stringNode(s);
            case Boolean b -> MAPPER.getNodeFactory().booleanNode(b);
            case Integer i -> MAPPER.getNodeFactory().numberNode(i);
            case Long l -> MAPPER.getNodeFactory().numberNode(l);
            case Map<?, ?> m -> {
                ObjectNode o = MAPPER.createObjectNode();
                m.forEach((k, value) -> o.set(String.valueOf(k), node(value)));
                yield o;
            }
            case List<?> list -> {
                ArrayNode a = MAPPER.createArrayNode();
                list.forEach(item -> a.add(node(item)));
                yield a;
            }
            default -> MAPPER.valueToTree(v);
        };
    }
}
