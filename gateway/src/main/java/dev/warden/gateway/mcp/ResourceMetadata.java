package dev.warden.gateway.mcp;

import dev.warden.gateway.config.WardenConfig;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * OAuth 2.0 Protected Resource Metadata (RFC 9728) for {@code /mcp}: which resource this is and which
 * authorization servers issue tokens for it. Served at {@code /.well-known/oauth-protected-resource/mcp} (the
 * path-inserted form for the resource {@code …/mcp}) and at {@code /.well-known/oauth-protected-resource}, and
 * pointed to from every 401 by {@code WWW-Authenticate: Bearer resource_metadata="…"}.
 *
 * <pre>{@code
 * ResourceMetadata meta = new ResourceMetadata(config);
 * meta.document(request);    // {"resource": "http://127.0.0.1:8080/mcp", "authorization_servers": [...], ...}
 * meta.metadataUrl(request); // "http://127.0.0.1:8080/.well-known/oauth-protected-resource/mcp"
 * }</pre>
 */
final class ResourceMetadata {
    static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";

    private final URI resource;
    private final List<String> authorizationServers;

    ResourceMetadata(WardenConfig config) {
        this.resource = config.mcp().resource();
        List<String> servers = new ArrayList<>(config.mcp().authorizationServers().stream().map(URI::toString).toList());
        String issuer = config.jwt().issuer();
        if (servers.isEmpty() && issuer != null && (issuer.startsWith("https://") || issuer.startsWith("http://"))) {
            servers.add(issuer); // the issuer of the tokens Warden accepts is where clients get them
        }
        this.authorizationServers = List.copyOf(servers);
    }

    /** The resource identifier: {@code mcp.resource}, or this request's scheme and Host with {@code /mcp}. */
    String resource(HttpServletRequest req) {
        if (resource != null) return resource.toString();
        String host = req.getHeader("Host");
        if (host == null || host.isBlank()) host = req.getServerName() + ":" + req.getServerPort();
        return req.getScheme() + "://" + host.strip() + McpEndpoint.PATH;
    }

    /** Where the metadata of {@link #resource} is: the well-known path inserted before the resource's path. */
    String metadataUrl(HttpServletRequest req) {
        URI r = URI.create(resource(req));
        String path = r.getRawPath() == null || r.getRawPath().equals("/") ? "" : r.getRawPath();
        return r.getScheme() + "://" + r.getRawAuthority() + WELL_KNOWN + path;
    }

    ObjectNode document(HttpServletRequest req) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode().put("resource", resource(req));
        if (!authorizationServers.isEmpty()) {
            var servers = doc.putArray("authorization_servers");
            authorizationServers.forEach(servers::add);
        }
        doc.putArray("bearer_methods_supported").add("header");
        doc.put("resource_name", "Warden MCP Gateway");
        return doc;
    }
}
