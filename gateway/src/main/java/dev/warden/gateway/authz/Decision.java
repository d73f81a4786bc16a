package dev.warden.gateway.authz;

import tools.jackson.databind.node.ObjectNode;

/**
 * A policy's answer. Four outcomes, because the caller must answer them differently: an allow; a denial by policy
 * (403); a policy that could not be evaluated (error, timeout, undefined: still a denial, 403, recorded as
 * {@code error}); and a decision service that could not be asked at all (a remote SARK or OPA down, slow, or
 * answering garbage: a denial the REST layer answers with 503, since the caller is not at fault).
 *
 * <pre>{@code
 * Decision d = pdp.decide(request);
 * if (d.unavailable()) respond503(d.reason()); else if (!d.allow()) respond403(d.reason());
 * }</pre>
 *
 * @param filteredParameters the arguments to call the tool with, or null to use the request's unchanged
 * @param cacheTtlSeconds    how long this answer may be reused; 0 for denials; -1 when the engine did not say (a
 *                           cache then uses the server's sensitivity level)
 * @param policyVersion      the policy set that answered
 */
public record Decision(Outcome outcome, String reason, ObjectNode filteredParameters, int cacheTtlSeconds,
                       String policyVersion) {

    /** The TTL of an allow whose engine gave none: the cache decides from the server's sensitivity. */
    public static final int TTL_UNSET = -1;

    /** What kind of answer this is. */
    public enum Outcome {
        ALLOWED,
        /** Denied by policy. */
        DENIED,
        /** The policy could not be evaluated (error, timeout, undefined); denied. */
        FAILED,
        /** The decision service could not be reached or gave no usable answer; denied, and the caller gets 503. */
        UNAVAILABLE
    }

    public Decision {
        if (outcome != Outcome.ALLOWED) {
            filteredParameters = null;
            cacheTtlSeconds = 0;
        }
    }

    public static Decision allow(String reason, ObjectNode filteredParameters, int cacheTtlSeconds, String version) {
        return new Decision(Outcome.ALLOWED, reason, filteredParameters, cacheTtlSeconds, version);
    }

    public static Decision deny(String reason, String policyVersion) {
        return new Decision(Outcome.DENIED, reason, null, 0, policyVersion);
    }

    /** Fail closed: the policy could not answer, so the request is denied with why. */
    public static Decision failed(String reason, String policyVersion) {
        return new Decision(Outcome.FAILED, reason, null, 0, policyVersion);
    }

    /** Fail closed: the remote decision service could not be asked; denied, answered with 503. */
    public static Decision unavailable(String reason, String policyVersion) {
        return new Decision(Outcome.UNAVAILABLE, reason, null, 0, policyVersion);
    }

    public boolean allow() { return outcome == Outcome.ALLOWED; }

    /** True when no real answer could be had (policy error or service unavailable): a denial all the same. */
    public boolean failed() { return outcome == Outcome.FAILED || outcome == Outcome.UNAVAILABLE; }

    /** True when the decision service itself failed: the caller gets 503, not 403. */
    public boolean unavailable() { return outcome == Outcome.UNAVAILABLE; }

    /** How the audit trail names this outcome: {@code allow}, {@code deny} or {@code error}. */
    public String auditName() { return allow() ? "allow" : failed() ? "error" : "deny"; }
}
