package dev.warden.gateway.support;

import dev.warden.gateway.authz.Decision;
import dev.warden.gateway.authz.DecisionRequest;
import dev.warden.gateway.authz.PolicyDecisionPoint;

/**
 * A small Java policy for pipeline tests (the Rego engine has its own tests): admins may do anything; developers
 * may list and call tools on postgres-mcp except queries containing DROP, and their {@code password} argument is
 * removed by filtering; the tool {@code broken} makes the policy fail (fail-closed path).
 */
public final class RolePolicy implements PolicyDecisionPoint {
    @Override
    public Decision decide(DecisionRequest r) {
        if ("broken".equals(r.toolName())) return Decision.failed("policy evaluation failed (eval_type_error); denied", "v1");
        if (r.user().hasRole("admin")) return Decision.allow("admin may do anything", null, 60, "v1");
        if (!r.user().hasRole("developer") || !"postgres-mcp".equals(r.serverName())) {
            return Decision.deny("no role of " + r.user().subject() + " grants access to " + r.serverName(), "v1");
        }
        if (r.action().equals(DecisionRequest.LIST)) return Decision.allow("developers may list", null, 60, "v1");
        if (r.parameters().path("query").asString("").toUpperCase().contains("DROP")) {
            return Decision.deny("destructive SQL (DROP) is not allowed for developers", "v1");
        }
        var filtered = r.parameters().deepCopy();
        filtered.remove("password");
        return Decision.allow("developer may query postgres-mcp", filtered, 60, "v1");
    }

    @Override public String policyVersion() { return "v1"; }

    @Override public String engine() { return "test"; }
}
