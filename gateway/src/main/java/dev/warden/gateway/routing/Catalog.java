package dev.warden.gateway.routing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A merged list of a moment (prompts, for instance): every entry under its exposed name, in registry order, and the
 * way back from an exposed name to its server and upstream item. Immutable; built by {@link ToolNamespace#merge}.
 *
 * <pre>{@code
 * Catalog<PromptInfo> prompts = namespace.merge(promptsByServer, PromptInfo::name, "prompt");
 * prompts.resolve("docs__summarize").map(Routed::server);   // Optional["docs"]
 * }</pre>
 */
public final class Catalog<T> {
    private final List<Routed<T>> entries;
    private final Map<String, Routed<T>> byName = new LinkedHashMap<>();

    Catalog(List<Routed<T>> entries) {
        this.entries = List.copyOf(entries);
        for (Routed<T> e : this.entries) byName.put(e.exposedName(), e);
    }

    public List<Routed<T>> entries() { return entries; }

    /** The entry a client-visible name stands for, if any. */
    public Optional<Routed<T>> resolve(String exposedName) { return Optional.ofNullable(byName.get(exposedName)); }
}
