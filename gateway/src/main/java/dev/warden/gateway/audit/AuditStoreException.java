package dev.warden.gateway.audit;

/** The audit store cannot be opened, written or read. A request whose record cannot be written fails (500). */
public final class AuditStoreException extends RuntimeException {
    public AuditStoreException(String message, Throwable cause) { super(message, cause); }
}
