package dev.warden.gateway.routing;

import dev.warden.gateway.upstream.Upstreams.ToolInfo;

/**
 * A tool as the federated list shows it: the name clients see, and the server and upstream tool it stands for.
 *
 * <pre>{@code
 * RoutedTool t = catalog.resolve("postgres-mcp__execute_query").orElseThrow();
 * upstreams.callTool(t.server(), t.tool().name(), args, timeout);
 * }</pre>
 */
public record RoutedTool(String exposedName, String server, ToolInfo tool) {}
