package dev.warden.gateway.upstream;

/** Why an upstream call failed; the HTTP layer maps these to 502 and 504. */
public sealed abstract class UpstreamException extends RuntimeException
        permits UpstreamException.Unavailable, UpstreamException.Timeout {

    private final String server;

    UpstreamException(String server, String message, Throwable cause) {
        super(message, cause);
        this.server = server;
    }

    public String server() { return server; }

    /** The server is down, disabled, or the connection broke during the call (HTTP 502). */
    public static final class Unavailable extends UpstreamException {
        public Unavailable(String server, String message, Throwable cause) { super(server, message, cause); }
    }

    /** No answer within the call's timeout (HTTP 504). */
    public static final class Timeout extends UpstreamException {
        public Timeout(String server, String message, Throwable cause) { super(server, message, cause); }
    }
}
