package dev.warden.gateway.mcp;

import dev.warden.gateway.config.WardenConfig.McpSettings;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * DNS-rebinding protection for {@code /mcp}. A web page on another site can make a browser send requests to a
 * gateway on {@code localhost} by re-pointing its own host name at 127.0.0.1; such requests carry the attacker's
 * host name in {@code Host} and its page in {@code Origin}. So:
 * <ul>
 *   <li>{@code Host} must be in {@code mcp.allowed_hosts}; when that list is empty and the gateway is bound to a
 *       loopback address, it must be a loopback name ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}).</li>
 *   <li>{@code Origin}, when a browser sends one, must be in {@code mcp.allowed_origins}, or be a loopback origin
 *       while the gateway is bound to loopback (local tools such as the MCP Inspector). Requests without
 *       {@code Origin} (non-browser clients) pass.</li>
 * </ul>
 */
final class OriginGuard {
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "::1", "[::1]");
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127\\." + OCTET + "\\." + OCTET + "\\." + OCTET);

    private final List<String> allowedOrigins;
    private final List<String> allowedHosts;
    private final boolean loopbackOnly;

    OriginGuard(McpSettings settings, String bindHost) {
        this.allowedOrigins = settings.allowedOrigins();
        this.allowedHosts = settings.allowedHosts().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        this.loopbackOnly = isLoopback(bindHost);
    }

    /** Why the request must be refused, or null when it may proceed. */
    String refusal(HttpServletRequest req) {
        String host = req.getHeader("Host");
        if (host != null && !hostAllowed(host.strip().toLowerCase(Locale.ROOT))) {
            return "Host '" + host + "' is not allowed for /mcp (add it to mcp.allowed_hosts)";
        }
        String origin = req.getHeader("Origin");
        if (origin != null && !originAllowed(origin)) {
            return "Origin '" + origin + "' is not allowed for /mcp (add it to mcp.allowed_origins)";
        }
        return null;
    }

    /** True when a browser page at {@code origin} may read /mcp responses (CORS). */
    boolean originAllowed(String origin) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        if (allowedOrigins.contains(o)) return true;
        return loopbackOnly && (o.startsWith("http://") || o.startsWith("https://"))
                && isLoopback(hostName(o.substring(o.indexOf("://") + 3)));
    }

    private boolean hostAllowed(String host) {
        if (!allowedHosts.isEmpty()) return allowedHosts.contains(host) || allowedHosts.contains(hostName(host));
        return !loopbackOnly || isLoopback(hostName(host));
    }

    /** {@code host[:port]} → host, keeping IPv6 brackets. */
    static String hostName(String authority) {
        if (authority.startsWith("[")) {
            int end = authority.indexOf(']');
            return end < 0 ? authority : authority.substring(0, end + 1);
        }
        int colon = authority.lastIndexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }

    /**
     * True for a loopback name or an address of 127.0.0.0/8 written as four decimal octets: never for a DNS name that
     * merely starts like one ({@code 127.0.0.1.evil.example}, {@code 127.0.0.1@evil.example}), which an attacker can
     * point anywhere.
     */
    static boolean isLoopback(String host) {
        return host != null && (LOOPBACK_NAMES.contains(host) || LOOPBACK_V4.matcher(host).matches());
    }
}
