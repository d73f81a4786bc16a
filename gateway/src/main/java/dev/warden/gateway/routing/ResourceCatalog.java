package dev.warden.gateway.routing;

import dev.warden.gateway.upstream.Upstreams.ResourceInfo;
import dev.warden.gateway.upstream.Upstreams.ResourceTemplateInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The merged resources and resource templates of a moment, under the URIs clients see, and the way back from such
 * a URI to a server and its own URI. Immutable; built by {@link ResourceNamespace#merge}.
 *
 * <pre>{@code
 * ResourceCatalog c = namespace.merge(resources, templates);
 * Target t = c.resolve("warden://docs/file:///README.md").orElseThrow();   // docs, file:///README.md
 * c.exposed("docs", "file:///README.md");                                  // back again
 * }</pre>
 */
public final class ResourceCatalog {
    /** Where a client-visible URI leads: a server and the URI it knows the resource by. */
    public record Target(String server, String uri) {}

    private static final Pattern EXPRESSION = Pattern.compile("\\{([+#./;?&]?)[^}]*}");

    private final List<Routed<ResourceInfo>> resources;
    private final List<Routed<ResourceTemplateInfo>> templates;
    private final Set<String> servers;
    private final Map<String, Routed<ResourceInfo>> byUri = new LinkedHashMap<>();
    private final Map<Target, String> exposedByTarget = new LinkedHashMap<>();
    /** Templates kept as the server wrote them, as patterns; rewritten ones route by their {@code warden://} form. */
    private final List<Map.Entry<Pattern, String>> patterns = new ArrayList<>();

    ResourceCatalog(List<Routed<ResourceInfo>> resources, List<Routed<ResourceTemplateInfo>> templates,
                    List<String> servers) {
        this.resources = List.copyOf(resources);
        this.templates = List.copyOf(templates);
        this.servers = Set.copyOf(servers);
        for (Routed<ResourceInfo> r : this.resources) {
            byUri.put(r.exposedName(), r);
            exposedByTarget.putIfAbsent(new Target(r.server(), r.item().uri()), r.exposedName());
        }
        for (Routed<ResourceTemplateInfo> t : this.templates) {
            if (t.exposedName().equals(t.item().uriTemplate())) {
                patterns.add(Map.entry(pattern(t.item().uriTemplate()), t.server()));
            }
        }
    }

    /** The listed resources, under their exposed URIs, in registry order. */
    public List<Routed<ResourceInfo>> resources() { return resources; }

    /** The templates, under their exposed URI templates, in registry order. */
    public List<Routed<ResourceTemplateInfo>> templates() { return templates; }

    /** The server and upstream URI a client-visible URI stands for, if any server could serve it. */
    public Optional<Target> resolve(String exposedUri) {
        Routed<ResourceInfo> listed = byUri.get(exposedUri);
        if (listed != null) return Optional.of(new Target(listed.server(), listed.item().uri()));
        Optional<Target> qualified = ResourceNamespace.parse(exposedUri).filter(t -> servers.contains(t.server()));
        if (qualified.isPresent()) return qualified;
        for (Map.Entry<Pattern, String> p : patterns) {
            if (p.getKey().matcher(exposedUri).matches()) return Optional.of(new Target(p.getValue(), exposedUri));
        }
        return Optional.empty();
    }

    /**
     * The URI a client sees for {@code uri} of {@code server} (in read results and update notifications): its
     * listed form when listed, else the URI itself when it routes back to the same server, else its
     * {@code warden://} form. Always resolves back to the same server and URI.
     */
    public String exposed(String server, String uri) {
        Target target = new Target(server, uri);
        String listed = exposedByTarget.get(target);
        if (listed != null) return listed;
        return resolve(uri).filter(target::equals).isPresent() ? uri : ResourceNamespace.qualified(server, uri);
    }

    /**
     * An RFC 6570 template as a pattern that matches its expansions: literal text as is, a simple expression as one
     * path segment, reserved and fragment expansion ({@code +}, {@code #}) as anything, query expansion as an
     * optional query, path-style operators as optional segments.
     */
    static Pattern pattern(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher m = EXPRESSION.matcher(template);
        int at = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(at, m.start())));
            regex.append(switch (m.group(1)) {
                case "+", "#" -> ".*";
                case "?", "&" -> "(?:[?&].*)?";
                case "/", ".", ";" -> "(?:[/.;][^?#]*)?";
                default -> "[^/?#]*";
            });
            at = m.end();
        }
        regex.append(Pattern.quote(template.substring(at)));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
