package dev.warden.gateway.authz;

import tools.jackson.databind.node.ObjectNode;

/**
 * A policy's answer.
 *
 * @param filteredParameters the arguments to call the tool with, or null to use the request's unchanged
 * @param cacheTtlSeconds    how long this answer may be reused; 0 for denials
 * @param policyVersion      the policy set that answered
 * @param failed             true when no real answer could be had (error, timeout, undefined): a denial all the same
 */
public record Decision(boolean allow, String reason, ObjectNode filteredParameters, int cacheTtlSeconds,
                       String policyVersion, boolean failed) {

    public static Decision allow(String reason, ObjectNode filteredParameters, int cacheTtlSeconds, String version) {
        return new Decision(true, reason, filteredParameters, cacheTtlSeconds, version, false);
    }

    public static Decision deny(String reason, String policyVersion) {
        return new Decision(false, reason, null, 0, policyVersion, false);
    }

    /** Fail closed: the policy could not answer, so the request is denied with why. */
    public static Decision failed(String reason, String policyVersion) {
        return new Decision(false, reason, null, 0, policyVersion, true);
    }

    /** How the audit trail names this outcome: {@code allow}, {@code deny} or {@code error}. */
    public String auditName() { return allow ? "allow" : failed ? "error" : "deny"; }
}
