package dev.warden.rego.conformance;

/**
 * The outcome of one conformance case.
 *
 * @param reason why the case failed; empty when it passed
 */
public record CaseResult(String note, String topic, boolean passed, String reason) {

    static CaseResult pass(ConformanceCase c) { return new CaseResult(c.note(), c.topic(), true, ""); }

    static CaseResult fail(ConformanceCase c, String reason) {
        return new CaseResult(c.note(), c.topic(), false, reason);
    }
}
