package dev.warden.gateway.routing;

/**
 * Something an upstream offers (a prompt, a resource, a template), under the name or URI clients see, with the
 * server it belongs to.
 *
 * <pre>{@code
 * Routed<PromptInfo> p = prompts.resolve("docs__summarize").orElseThrow();
 * upstreams.getPrompt(p.server(), p.item().name(), arguments, timeout);
 * }</pre>
 */
public record Routed<T>(String exposedName, String server, T item) {}
