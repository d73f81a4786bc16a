package dev.warden.gateway.authz;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a decision from JSON as a remote engine returns it: SARK's {@code /authorize} answer or the {@code result}
 * of OPA's data API for {@code mcp.gateway}. Fields: {@code allow} (must be a boolean), {@code reason},
 * {@code filtered_parameters} ({@code null} or absent: the request's parameters unchanged), {@code cache_ttl}
 * (absent: the cache decides from the server's sensitivity), an optional {@code deny} set of messages, or all of
 * these inside a {@code result} object.
 */
final class DecisionDocument {
    private DecisionDocument() {}

    /** The decision, or null when the document holds no boolean {@code allow} (no usable answer). */
    static Decision read(JsonNode doc, String version) {
        if (doc == null || !doc.isObject()) return null;
        if (doc.get("result") instanceof ObjectNode result && !doc.has("allow")) doc = result;
        List<String> denials = denials(doc.get("deny"));
        JsonNode allowNode = doc.get("allow");
        if (allowNode == null || !allowNode.isBoolean()) {
            if (!denials.isEmpty()) return Decision.deny(String.join("; ", denials), version);
            return null;
        }
        boolean allow = allowNode.asBoolean() && denials.isEmpty();
        JsonNode reasonNode = doc.get("reason");
        String reason = reasonNode != null && reasonNode.isString() ? reasonNode.asString()
                : !denials.isEmpty() ? String.join("; ", denials)
                : allow ? "allowed by policy" : "denied by policy (no rule allowed this request)";
        if (!allow) return Decision.deny(reason, version);
        ObjectNode filtered = doc.get("filtered_parameters") instanceof ObjectNode o ? o : null;
        JsonNode ttlNode = doc.get("cache_ttl");
        int ttl = ttlNode == null || !ttlNode.isNumber() ? Decision.TTL_UNSET
                : ttlNode.asDouble() > 0 ? (int) Math.min(ttlNode.asLong(), Integer.MAX_VALUE) : 0;
        return Decision.allow(reason, filtered, ttl, version);
    }

    private static List<String> denials(JsonNode deny) {
        List<String> out = new ArrayList<>();
        if (deny != null && deny.isArray()) {
            for (JsonNode v : deny) out.add(v.isString() ? v.asString() : v.toString());
        } else if (deny != null && deny.isBoolean() && deny.asBoolean()) {
            out.add("denied by policy");
        }
        return out;
    }
}
