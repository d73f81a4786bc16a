package dev.warden.gateway.authz;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a decision from JSON as a remote engine returns it: SARK's {@code /authorize} answer or the {@code result}
 * of OPA's data API for {@code mcp.gateway}. Fields: {@code allow} (must be a boolean), {@code reason},
 * {@code filtered_parameters} ({@code null} or absent: the request's parameters unchanged), {@code cache_ttl}
 * (absent: the cache decides from the server's sensitivity), an optional {@code deny} (a boolean or a set of
 * messages), or all of these inside a {@code result} object, which is then the only place read.
 *
 * <p>A field of the wrong type makes the whole answer unusable (a denial, with the reason recorded), never an
 * allow with the field ignored: until 26 Nov a {@code filtered_parameters} string sent the caller's own
 * parameters upstream, a {@code deny} string or object was no denial, and a {@code cache_ttl} of {@code "0"} let
 * the allow be cached by the server's sensitivity.
 */
final class DecisionDocument {
    private DecisionDocument() {}

    /** The decision, or null when the document is no usable answer (no boolean {@code allow}, a field mistyped). */
    static Decision read(JsonNode doc, String version) {
        if (doc == null || !doc.isObject()) return null;
        if (doc.get("result") instanceof ObjectNode result) doc = result;
        List<String> denials = denials(doc.get("deny"));
        if (denials == null) return null;
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
        JsonNode filteredNode = doc.get("filtered_parameters");
        if (filteredNode != null && !filteredNode.isNull() && !filteredNode.isObject()) return null;
        ObjectNode filtered = filteredNode instanceof ObjectNode o ? o : null;
        JsonNode ttlNode = doc.get("cache_ttl");
        if (ttlNode != null && !ttlNode.isNull() && !ttlNode.isNumber()) return null;
        int ttl = ttlNode == null || ttlNode.isNull() ? Decision.TTL_UNSET
                : ttlNode.asDouble() > 0 ? (int) Math.min(ttlNode.asLong(), Integer.MAX_VALUE) : 0;
        return Decision.allow(reason, filtered, ttl, version);
    }

    /** The messages of {@code deny} (none when absent, false or empty), or null when it is of no known type. */
    private static List<String> denials(JsonNode deny) {
        List<String> out = new ArrayList<>();
        if (deny == null || deny.isNull() || (deny.isBoolean() && !deny.asBoolean())) return out;
        if (deny.isBoolean()) {
            out.add("denied by policy");
        } else if (deny.isArray()) {
            for (JsonNode v : deny) out.add(v.isString() ? v.asString() : v.toString());
        } else {
            return null;
        }
        return out;
    }
}
