package dev.warden.gateway.auth;

/**
 * The caller could not be authenticated (HTTP 401). The message is safe to return to the caller: it never holds
 * the token or key material.
 */
public final class AuthenticationException extends RuntimeException {
    private final boolean credentialsPresent;

    AuthenticationException(String reason, boolean credentialsPresent) {
        super(reason, null, false, false);
        this.credentialsPresent = credentialsPresent;
    }

    /** False when no token was sent at all (RFC 6750: then the challenge carries no error code). */
    public boolean credentialsPresent() { return credentialsPresent; }
}
