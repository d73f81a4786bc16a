package dev.warden.gateway.config;

import java.util.List;

/**
 * The server registry file cannot be used; {@link #problems()} lists every problem found, each naming the server
 * and the field, and the message joins them for display at startup.
 *
 * <pre>{@code
 * try { ServerRegistryLoader.load(path); }
 * catch (ServerRegistryException e) { System.err.println(e.getMessage()); }
 * }</pre>
 */
public final class ServerRegistryException extends RuntimeException {

    private final String source;
    private final List<String> problems;

    public ServerRegistryException(String source, List<String> problems) {
        super("invalid server registry " + source + ":\n  - " + String.join("\n  - ", problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** The file (or other source) that was read. */
    public String source() { return source; }

    public List<String> problems() { return problems; }
}
