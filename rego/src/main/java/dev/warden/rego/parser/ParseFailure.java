package dev.warden.rego.parser;

import dev.warden.rego.RegoError;

/**
 * Unwinds the parser from the point of a syntax error to the nearest place that can recover (the statement, or a
 * backtracking point that tries another reading). Carries no stack trace: it is control flow, not a bug.
 */
final class ParseFailure extends RuntimeException {
    private final transient RegoError error;

    ParseFailure(RegoError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    RegoError error() { return error; }
}
