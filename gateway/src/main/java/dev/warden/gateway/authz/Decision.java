package dev.warden.gateway.authz;

import tools.jackson.databind.node.ObjectNode;

/**
 * A policy's answer.
 *
 * @param filteredParameters the arguments to call the tool with, or null to use the request's unchanged
 * @param cacheTtlSeconds    how long this answer may be reused; 0 for denials
 * @param policyVersion      the policy set that answered
 */
public record Decision(boolean allow, String reason, ObjectNode filteredParameters, int cacheTtlSeconds,
                       String policyVersion) {

    public static Decision deny(String reason, String policyVersion) {
        return new Decision(false, reason, null, 0, policyVersion);
    }
}
