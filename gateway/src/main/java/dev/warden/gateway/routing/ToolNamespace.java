package dev.warden.gateway.routing;

import dev.warden.gateway.upstream.Upstreams.ToolInfo;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges the tool lists of several servers into one list of uniquely named tools, and is the only place that
 * decides what a tool is called in the federated list.
 *
 * <pre>{@code
 * ToolNamespace ns = new ToolNamespace(NamespaceMode.ALWAYS, "__");
 * ToolCatalog catalog = ns.merge(Map.of("postgres-mcp", postgresTools, "github-mcp", githubTools));
 * catalog.resolve("github-mcp__get_repo");   // → server github-mcp, tool get_repo
 * }</pre>
 *
 * <p>Naming is deterministic: the same servers with the same tools, in the same registry order, always give the
 * same names. It is reversible through the {@link ToolCatalog} it returns (never by parsing a name: server names
 * may contain the separator, and shortened names carry a hash). When two entries still end up with one name (a
 * server {@code a__b} with tool {@code c} and a server {@code a} with tool {@code b__c}), the first in registry
 * order keeps it and the later gets a hash suffix derived from its server and tool, except in {@code never} mode,
 * where the later is left out.
 */
public final class ToolNamespace {
    private static final Logger log = LoggerFactory.getLogger(ToolNamespace.class);

    private final NamespaceMode mode;
    private final String separator;

    /**
     * @param separator between server and tool name, e.g. {@code __}; characters from {@code [A-Za-z0-9_.-]}
     */
    public ToolNamespace(NamespaceMode mode, String separator) {
        this.mode = Objects.requireNonNull(mode);
        if (separator == null || separator.isEmpty() || !ToolNames.ALLOWED.matcher(separator).matches()) {
            throw new IllegalArgumentException("the namespace separator must be one or more of [A-Za-z0-9_.-], got '"
                    + separator + "'");
        }
        this.separator = separator;
    }

    public NamespaceMode mode() { return mode; }

    /**
     * @param toolsByServer each server's tools, iterated in registry order (use a {@link LinkedHashMap})
     */
    public ToolCatalog merge(Map<String, List<ToolInfo>> toolsByServer) {
        Map<String, Integer> offeredBy = new HashMap<>();
        toolsByServer.values().forEach(tools -> tools.stream().map(ToolInfo::name).distinct()
                .forEach(name -> offeredBy.merge(name, 1, Integer::sum)));
        Map<String, RoutedTool> byName = new LinkedHashMap<>();
        toolsByServer.forEach((server, tools) -> {
            for (ToolInfo tool : tools) {
                boolean prefix = switch (mode) {
                    case ALWAYS -> true;
                    case ON_COLLISION -> offeredBy.get(tool.name()) > 1;
                    case NEVER -> false;
                };
                String name = prefix ? ToolNames.qualified(server, separator, tool.name()) : ToolNames.fit(tool.name());
                add(byName, name, server, tool);
            }
        });
        return new ToolCatalog(List.copyOf(byName.values()));
    }

    private void add(Map<String, RoutedTool> byName, String name, String server, ToolInfo tool) {
        RoutedTool holder = byName.get(name);
        if (holder == null) {
            byName.put(name, new RoutedTool(name, server, tool));
            return;
        }
        if (mode == NamespaceMode.NEVER) {
            log.warn("tool '{}' of server '{}' is left out of tools/list: server '{}' already offers a tool of that "
                    + "name (namespacing is 'never'; use 'on-collision' or 'always' to keep both)", tool.name(),
                    server, holder.server());
            return;
        }
        String distinct = ToolNames.withHash(name, server + '\u0000' + tool.name());
        if (byName.containsKey(distinct)) {
            log.warn("tool '{}' of server '{}' is left out of tools/list: its name collides even after hashing",
                    tool.name(), server);
            return;
        }
        byName.put(distinct, new RoutedTool(distinct, server, tool));
    }
}
