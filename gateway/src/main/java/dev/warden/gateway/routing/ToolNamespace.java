package dev.warden.gateway.routing;

import dev.warden.gateway.upstream.Upstreams.ToolInfo;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges the tool lists (and prompt lists) of several servers into one list of uniquely named entries, and is the
 * only place that decides what a tool or a prompt is called in the federated list.
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
        return new ToolCatalog(merge(toolsByServer, ToolInfo::name, "tool").entries().stream()
                .map(r -> new RoutedTool(r.exposedName(), r.server(), r.item())).toList());
    }

    /**
     * Names anything servers offer by name (prompts, for instance) by the same rules as tools.
     *
     * @param byServer each server's items, iterated in registry order (use a {@link LinkedHashMap})
     * @param nameOf   the item's name at its server
     * @param kind     what the items are, for logs (e.g. {@code prompt})
     */
    public <T> Catalog<T> merge(Map<String, List<T>> byServer, Function<T, String> nameOf, String kind) {
        Map<String, Integer> offeredBy = new HashMap<>();
        byServer.values().forEach(items -> items.stream().map(nameOf).distinct()
                .forEach(name -> offeredBy.merge(name, 1, Integer::sum)));
        Map<String, Routed<T>> byName = new LinkedHashMap<>();
        byServer.forEach((server, items) -> {
            for (T item : items) {
                String original = nameOf.apply(item);
                boolean prefix = switch (mode) {
                    case ALWAYS -> true;
                    case ON_COLLISION -> offeredBy.get(original) > 1;
                    case NEVER -> false;
                };
                String name = prefix ? ToolNames.qualified(server, separator, original) : ToolNames.fit(original);
                add(byName, name, server, item, original, kind);
            }
        });
        return new Catalog<>(List.copyOf(byName.values()));
    }

    private <T> void add(Map<String, Routed<T>> byName, String name, String server, T item, String original,
                         String kind) {
        Routed<T> holder = byName.get(name);
        if (holder == null) {
            byName.put(name, new Routed<>(name, server, item));
            return;
        }
        if (mode == NamespaceMode.NEVER) {
            log.warn("{} '{}' of server '{}' is left out of the list: server '{}' already offers a {} of that name "
                    + "(namespacing is 'never'; use 'on-collision' or 'always' to keep both)", kind, original, server,
                    holder.server(), kind);
            return;
        }
        String distinct = ToolNames.withHash(name, server + '\u0000' + original);
        if (byName.containsKey(distinct)) {
            log.warn("{} '{}' of server '{}' is left out of the list: its name collides even after hashing", kind,
                    original, server);
            return;
        }
        byName.put(distinct, new Routed<>(distinct, server, item));
    }
}
