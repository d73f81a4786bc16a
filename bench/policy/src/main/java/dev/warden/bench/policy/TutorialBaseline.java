package dev.warden.bench.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The tutorial policy's decision written by hand in Java: the floor any policy engine is compared with. It
 * computes what policies/gateway.rego computes for a tool invocation (allow, reason, filtered parameters,
 * cache TTL), with the same rules.
 */
final class TutorialBaseline {
    private static final Pattern DESTRUCTIVE = Pattern.compile("(?i)\\b(drop|delete|truncate|alter|update)\\b");
    private static final Pattern SELECT = Pattern.compile("(?i)^\\s*select\\b");
    private static final Map<String, Map<String, Set<String>>> ROLE_TOOLS = Map.of(
            "developer", Map.of("postgres-mcp", Set.of("execute_query", "list_tables"),
                    "github-mcp", Set.of("get_repo", "list_issues", "get_pull_request")),
            "analyst", Map.of("postgres-mcp", Set.of("execute_query")));
    private static final Set<String> CREDENTIALS =
            Set.of("password", "secret", "token", "api_key", "apikey", "access_token", "credentials");
    private static final Map<String, Integer> TTL = Map.of("none", 300, "low", 1800, "medium", 300, "high", 60,
            "critical", 0);

    /** A tool invocation as the policy sees it. */
    record Request(String action, String server, String tool, Map<String, Object> parameters, List<String> roles,
                   String sensitivity) {}

    record Decision(boolean allow, String reason, Map<String, Object> filteredParameters, int cacheTtl) {}

    private TutorialBaseline() {}

    static boolean allow(Request r) {
        if (!r.action().equals("gateway:tool:invoke")) return false;
        if (r.roles().contains("admin")) return true;
        Object query = r.parameters().get("query");
        if (r.roles().contains("developer")) {
            Set<String> tools = ROLE_TOOLS.get("developer").get(r.server());
            if (tools != null && tools.contains(r.tool())
                    && (!r.server().equals("postgres-mcp") || !destructive(query))) {
                return true;
            }
        }
        return r.roles().contains("analyst") && r.server().equals("postgres-mcp")
                && r.tool().equals("execute_query") && select(query);
    }

    static Decision decide(Request r) {
        boolean allow = allow(r);
        String roles = r.roles().isEmpty() ? "no" : String.join(", ", r.roles());
        String target = r.server() + ":" + r.tool();
        String reason;
        if (allow) {
            reason = "Allowed: " + roles + " role can invoke " + target;
        } else if (destructive(r.parameters().get("query"))) {
            reason = "Denied: destructive query not allowed for " + roles + " role on " + target;
        } else {
            reason = "Denied: " + roles + " role cannot invoke " + target;
        }
        Map<String, Object> filtered = null;
        if (allow) {
            filtered = r.roles().contains("admin") ? r.parameters() : withoutCredentials(r.parameters());
        }
        int ttl = !allow ? 0 : r.sensitivity() == null ? 60 : TTL.getOrDefault(r.sensitivity(), 60);
        return new Decision(allow, reason, filtered, ttl);
    }

    private static Map<String, Object> withoutCredentials(Map<String, Object> params) {
        Map<String, Object> out = new java.util.HashMap<>();
        params.forEach((k, v) -> {
            if (!CREDENTIALS.contains(k.toLowerCase(java.util.Locale.ROOT))) out.put(k, v);
        });
        return out;
    }

    private static boolean destructive(Object query) {
        return query instanceof String s && DESTRUCTIVE.matcher(s).find();
    }

    private static boolean select(Object query) {
        return query instanceof String s && SELECT.matcher(s).find() && !destructive(s);
    }
}
