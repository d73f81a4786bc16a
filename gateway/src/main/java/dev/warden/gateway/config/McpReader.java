package dev.warden.gateway.config;

import dev.warden.gateway.config.WardenConfig.McpSettings;
import dev.warden.gateway.config.WardenConfig.McpSettings.DeniedTools;
import dev.warden.gateway.routing.NamespaceMode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and checks the {@code mcp:} section (documented on {@link McpSettings}). */
final class McpReader {
    private static final Pattern SEPARATOR = Pattern.compile("[A-Za-z0-9_.-]{1,4}");

    private final Fields f;

    McpReader(Fields f) { this.f = f; }

    McpSettings read() {
        McpSettings d = McpSettings.DEFAULTS;
        f.allowOnly(Set.of("enabled", "namespacing", "separator", "list_timeout", "denied_tools", "stateless",
                "session_idle_timeout", "max_sessions", "allowed_origins", "allowed_hosts", "resource",
                "authorization_servers", "max_upstream_sessions_per_server", "max_sessions_per_subject"));
        String mode = f.string("namespacing", d.namespacing().configName());
        NamespaceMode namespacing = NamespaceMode.parse(mode).orElseGet(() -> {
            f.problem("namespacing", "must be one of always, on-collision, never; got '" + mode + "'");
            return d.namespacing();
        });
        String separator = f.string("separator", d.separator());
        if (!SEPARATOR.matcher(separator).matches()) {
            f.problem("separator", "must be 1 to 4 characters from [A-Za-z0-9_.-] (tool names allow no others), got '"
                    + separator + "'");
            separator = d.separator();
        }
        String denied = f.string("denied_tools", "hide").toUpperCase(Locale.ROOT);
        DeniedTools deniedTools = Arrays.stream(DeniedTools.values()).filter(v -> v.name().equals(denied)).findFirst()
                .orElseGet(() -> {
                    f.problem("denied_tools", "must be hide or explain, got '" + denied.toLowerCase(Locale.ROOT) + "'");
                    return d.deniedTools();
                });
        String resource = f.string("resource", null);
        List<URI> authServers = new ArrayList<>();
        for (String s : f.strings("authorization_servers", List.of())) {
            URI uri = ConfigLoader.httpUri(f, "authorization_servers", s, "mcp.authorization_servers");
            if (uri != null) authServers.add(uri);
        }
        return new McpSettings(f.bool("enabled", d.enabled()), namespacing, separator,
                f.duration("list_timeout", d.listTimeout()), deniedTools, f.bool("stateless", d.stateless()),
                f.duration("session_idle_timeout", d.sessionIdleTimeout()),
                f.integer("max_sessions", d.maxSessions(), 1, 10_000_000),
                origins(f.strings("allowed_origins", List.of())), f.strings("allowed_hosts", List.of()),
                resource == null ? null : ConfigLoader.httpUri(f, "resource", resource, "mcp.resource"), authServers,
                f.integer("max_upstream_sessions_per_server", d.maxUpstreamSessionsPerServer(), 0, 1_000_000),
                f.integer("max_sessions_per_subject", d.maxSessionsPerSubject(), 1, 10_000_000));
    }

    /** Origins as browsers send them: scheme://host[:port], no path, no trailing slash. */
    private List<String> origins(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            String o = v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
            URI uri = ConfigLoader.httpUri(f, "allowed_origins", o, "mcp.allowed_origins");
            if (uri == null) continue;
            if (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
                f.problem("allowed_origins", "an origin has no path: use scheme://host[:port], got '" + v + "'");
                continue;
            }
            out.add(o.toLowerCase(Locale.ROOT));
        }
        return out;
    }
}
