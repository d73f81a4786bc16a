package dev.warden.gateway.routing;

import dev.warden.gateway.upstream.Upstreams.ResourceInfo;
import dev.warden.gateway.upstream.Upstreams.ResourceTemplateInfo;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges the resources and resource templates of several servers into one list of distinct URIs, and is the only
 * place that decides which URI a client sees for an upstream resource.
 *
 * <p>The scheme, by {@link NamespaceMode} (the same setting as tool names):
 * <ul>
 *   <li>{@code always}: every URI becomes {@code warden://<server>/<upstream URI>}, e.g.
 *       {@code warden://docs/file:///README.md}; templates alike ({@code warden://docs/file:///{path}}).</li>
 *   <li>{@code on-collision}: upstream URIs stay as they are unless two servers list the same URI (or the same
 *       template), in which case each of them is rewritten as under {@code always}.</li>
 *   <li>{@code never}: upstream URIs as they are; a URI listed by two servers belongs to the first in registry
 *       order, the other is left out (and logged).</li>
 * </ul>
 * The server name is the URI's authority, percent-encoded where it has characters outside
 * {@code [A-Za-z0-9._~-]}; the upstream URI follows the first {@code /} verbatim. Reading a URI resolves it in this
 * order: a listed resource's exact URI; a {@code warden://} URI naming a registered server (so URIs that clients
 * expand from rewritten templates route too); a URI matching a template left unrewritten, first in registry order.
 *
 * <pre>{@code
 * ResourceCatalog c = new ResourceNamespace(NamespaceMode.ALWAYS).merge(resourcesByServer, templatesByServer);
 * c.resolve("warden://docs/file:///README.md");   // Optional[Target[server=docs, uri=file:///README.md]]
 * }</pre>
 */
public final class ResourceNamespace {
    /** The scheme of rewritten URIs. */
    public static final String SCHEME = "warden";
    private static final String PREFIX = SCHEME + "://";
    private static final Logger log = LoggerFactory.getLogger(ResourceNamespace.class);

    private final NamespaceMode mode;

    public ResourceNamespace(NamespaceMode mode) { this.mode = Objects.requireNonNull(mode); }

    /**
     * @param resources each server's resources, in registry order (use a {@link LinkedHashMap})
     * @param templates each server's resource templates, in registry order
     */
    public ResourceCatalog merge(Map<String, List<ResourceInfo>> resources,
                                 Map<String, List<ResourceTemplateInfo>> templates) {
        List<Routed<ResourceInfo>> listed = name(resources, ResourceInfo::uri, "resource");
        List<Routed<ResourceTemplateInfo>> patterns = name(templates, ResourceTemplateInfo::uriTemplate, "template");
        List<String> servers = new ArrayList<>(resources.keySet());
        templates.keySet().stream().filter(s -> !servers.contains(s)).forEach(servers::add);
        return new ResourceCatalog(listed, patterns, servers);
    }

    private <T> List<Routed<T>> name(Map<String, List<T>> byServer, java.util.function.Function<T, String> uriOf,
                                     String kind) {
        Map<String, Integer> offeredBy = new HashMap<>();
        byServer.values().forEach(items -> items.stream().map(uriOf).distinct()
                .forEach(uri -> offeredBy.merge(uri, 1, Integer::sum)));
        Map<String, Routed<T>> byUri = new LinkedHashMap<>();
        byServer.forEach((server, items) -> {
            for (T item : items) {
                String uri = uriOf.apply(item);
                boolean rewrite = switch (mode) {
                    case ALWAYS -> true;
                    case ON_COLLISION -> offeredBy.get(uri) > 1;
                    case NEVER -> false;
                };
                String exposed = rewrite ? qualified(server, uri) : uri;
                Routed<T> holder = byUri.putIfAbsent(exposed, new Routed<>(exposed, server, item));
                if (holder != null && !holder.server().equals(server)) {
                    log.warn("{} '{}' of server '{}' is left out of the list: server '{}' already offers it "
                            + "(namespacing is 'never'; use 'on-collision' or 'always' to keep both)", kind, uri,
                            server, holder.server());
                }
            }
        });
        return List.copyOf(byUri.values());
    }

    /** {@code warden://<server>/<uri>}, the server name percent-encoded where needed. */
    public static String qualified(String server, String uri) { return PREFIX + encode(server) + "/" + uri; }

    /** The server and upstream URI of a {@code warden://} URI, or empty when {@code uri} is not one. */
    static Optional<ResourceCatalog.Target> parse(String uri) {
        if (!uri.startsWith(PREFIX)) return Optional.empty();
        int slash = uri.indexOf('/', PREFIX.length());
        if (slash <= PREFIX.length()) return Optional.empty();
        String server = decode(uri.substring(PREFIX.length(), slash));
        return server == null ? Optional.empty()
                : Optional.of(new ResourceCatalog.Target(server, uri.substring(slash + 1)));
    }

    private static String encode(String server) {
        StringBuilder sb = new StringBuilder();
        for (byte b : server.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "._~-".indexOf(c) >= 0)) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return sb.toString();
    }

    /** Percent-decodes; null when the text is not valid percent-encoding. */
    private static String decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '%') {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (i + 2 >= s.length()) return null;
            try {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
            } catch (NumberFormatException e) {
                return null;
            }
            i += 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
