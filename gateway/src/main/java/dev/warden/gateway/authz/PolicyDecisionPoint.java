package dev.warden.gateway.authz;

/**
 * Answers "may this caller do this?". Implementations fail closed: any error, timeout or missing answer is a
 * denial with the reason recorded, never an exception and never an allow.
 *
 * <pre>{@code
 * Decision d = pdp.decide(DecisionRequest.invoke(principal, "postgres-mcp", "execute_query", args, meta, ctx));
 * if (!d.allow()) respond403(d.reason());
 * }</pre>
 */
public interface PolicyDecisionPoint {

    Decision decide(DecisionRequest request);

    /** Identifies the policy set in force (recorded in every audit record); e.g. a hash of the policy files. */
    String policyVersion();

    /** A short name for health output, e.g. {@code embedded}. */
    String engine();
}
