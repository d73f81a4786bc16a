package dev.warden.gateway.routing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The merged tool list of a moment: every tool under its exposed name, in registry order, and the way back from an
 * exposed name to its server and upstream tool. Immutable; built by {@link ToolNamespace#merge}.
 *
 * <pre>{@code
 * for (RoutedTool t : catalog.tools()) System.out.println(t.exposedName() + " → " + t.server());
 * Optional<RoutedTool> target = catalog.resolve("postgres-mcp__execute_query");
 * }</pre>
 */
public final class ToolCatalog {
    private final List<RoutedTool> tools;
    private final Map<String, RoutedTool> byName = new LinkedHashMap<>();

    ToolCatalog(List<RoutedTool> tools) {
        this.tools = List.copyOf(tools);
        for (RoutedTool t : this.tools) byName.put(t.exposedName(), t);
    }

    public List<RoutedTool> tools() { return tools; }

    /** The tool a client-visible name stands for, if any. */
    public Optional<RoutedTool> resolve(String exposedName) { return Optional.ofNullable(byName.get(exposedName)); }
}
