package dev.warden.gateway.routing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The spelling rules of exposed tool names: at most {@value #MAX_LENGTH} characters from {@code [A-Za-z0-9_.-]}
 * (what MCP clients accept everywhere), with a stable hash standing in for what had to be cut or replaced.
 *
 * <pre>{@code
 * ToolNames.qualified("postgres-mcp", "__", "execute_query");   // "postgres-mcp__execute_query"
 * ToolNames.fit("a-very-long-server-name__…");                   // 55 characters + "_" + 8 hex digits
 * }</pre>
 */
public final class ToolNames {
    /** Longer names are shortened: many clients truncate or reject tool names beyond 64 characters. */
    public static final int MAX_LENGTH = 64;
    static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern DISALLOWED_CHAR = Pattern.compile("[^A-Za-z0-9_.-]");
    private static final int HASH_CHARS = 8;

    private ToolNames() {}

    /** {@code server + separator + tool}, made to fit the rules. */
    public static String qualified(String server, String separator, String tool) {
        return fit(server + separator + tool);
    }

    /**
     * The name itself when it already fits; otherwise its allowed characters, cut to leave room, then {@code _} and
     * the first 8 hex digits of the SHA-256 of the original name, so that two different originals stay different.
     */
    public static String fit(String name) {
        if (name.length() <= MAX_LENGTH && ALLOWED.matcher(name).matches()) return name;
        return withHash(DISALLOWED_CHAR.matcher(name).replaceAll("_"), name);
    }

    /** {@code base} (cut if needed) + {@code _} + a hash of {@code key}: a distinct name derived from a key. */
    static String withHash(String base, String key) {
        int room = MAX_LENGTH - HASH_CHARS - 1;
        String head = base.length() > room ? base.substring(0, room) : base;
        return head + "_" + hash(key);
    }

    private static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
