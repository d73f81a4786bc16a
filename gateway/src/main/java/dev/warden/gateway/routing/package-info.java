/**
 * Which upstream a federated tool belongs to: the merged, namespaced tool list and the way back from a name.
 *
 * <p>{@link dev.warden.gateway.routing.ToolFanOut} asks every enabled upstream for its tools in parallel with one
 * deadline and leaves out (and logs) the slow and the dead; {@link dev.warden.gateway.routing.ToolNamespace} names
 * the tools ({@code always} {@code server__tool}, {@code on-collision}, or {@code never}), deterministically, within
 * 64 characters of {@code [A-Za-z0-9_.-]}, shortening with a stable SHA-256 suffix; the resulting
 * {@link dev.warden.gateway.routing.ToolCatalog} resolves a client-visible name back to server and tool. Names are
 * never parsed back: server names may contain the separator, and shortened names carry a hash.
 */
package dev.warden.gateway.routing;
