package dev.warden.gateway.authz;

/** The policy directory cannot be loaded or compiled; the gateway refuses to start. */
public final class PolicyLoadException extends RuntimeException {
    public PolicyLoadException(String message) { super(message, null, false, false); }
}
