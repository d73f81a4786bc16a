/**
 * Which upstream a federated tool, prompt or resource belongs to: the merged, namespaced lists and the way back
 * from a name or URI.
 *
 * <p>{@link dev.warden.gateway.routing.FanOut} asks every enabled upstream for one list (tools, resources, templates,
 * prompts) in parallel with one deadline and leaves out (and logs) the slow and the dead;
 * {@link dev.warden.gateway.routing.ToolNamespace} names tools and prompts ({@code always} {@code server__tool},
 * {@code on-collision}, or {@code never}), deterministically, within 64 characters of {@code [A-Za-z0-9_.-]},
 * shortening with a stable SHA-256 suffix; the resulting {@link dev.warden.gateway.routing.ToolCatalog} (or
 * {@link dev.warden.gateway.routing.Catalog} for prompts) resolves a client-visible name back to server and item.
 * Names are never parsed back: server names may contain the separator, and shortened names carry a hash.
 *
 * <p>{@link dev.warden.gateway.routing.ResourceNamespace} does the same for resource URIs and templates: upstream
 * URIs as they are, or {@code warden://<server>/<upstream URI>} by the same modes; its
 * {@link dev.warden.gateway.routing.ResourceCatalog} resolves a URI (also one expanded from a template) back to a
 * server and that server's URI, and writes a server's URI the way clients know it.
 */
package dev.warden.gateway.routing;
