package dev.warden.gateway.authz;

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
        meta.put("timestamp", r.context().timestamp().toString());
        if (r.context().sourceIp() != null) meta.put("source_ip", r.context().sourceIp());
        ObjectNode server = in.putObject("server");
        server.put("name", r.serverName());
        ObjectNode metadata = (ObjectNode) node(r.serverMetadata());
        server.setAll(metadata);
        server.set("metadata", metadata.deepCopy());
        return in;
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
