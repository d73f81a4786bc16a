package dev.warden.gateway.mcp;

import dev.warden.gateway.audit.AuditEvent;
import dev.warden.gateway.authz.DecisionRequest;
import dev.warden.gateway.routing.ResourceCatalog;
import dev.warden.gateway.routing.ResourceCatalog.Target;
import dev.warden.gateway.routing.ResourceNamespace;
import dev.warden.gateway.routing.Routed;
import dev.warden.gateway.upstream.Upstreams;
import dev.warden.gateway.upstream.Upstreams.Answer;
import dev.warden.gateway.upstream.Upstreams.ResourceInfo;
import dev.warden.gateway.upstream.Upstreams.ResourceTemplateInfo;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code resources/list}, {@code resources/templates/list}, {@code resources/read}, {@code resources/subscribe} and
 * {@code resources/unsubscribe} over every enabled upstream. URIs follow {@link ResourceNamespace}; lists show what
 * {@code gateway:resource:list} lets the caller see; reads (and subscriptions, which read every update) are decided
 * by {@code gateway:resource:read} and audited through the tool-call pipeline. Hidden and denied resources answer
 * like unknown ones ({@code -32002 Resource not found}), unless {@code mcp.denied_tools: explain}.
 *
 * <pre>{@code
 * FederatedResources resources = new FederatedResources(federation);
 * resources.list(exchange);                                      // {"resources": [...]}
 * resources.read(exchange, "warden://docs/file:///README.md");   // {"contents": [...]}
 * }</pre>
 */
final class FederatedResources {
    /** MCP's error code for a resource that does not exist. */
    static final int RESOURCE_NOT_FOUND = -32002;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Federation federation;
    private final Upstreams upstreams;
    private final ResourceNamespace namespace;
    private volatile ResourceSubscriptions subscriptions;

    FederatedResources(Federation federation) {
        this.federation = federation;
        this.upstreams = federation.services().upstreams();
        this.namespace = new ResourceNamespace(federation.settings().namespacing());
    }

    Federation federation() { return federation; }

    /** Enables {@code resources/subscribe}, delivering updates through {@code subscriptions}. */
    void subscriptions(ResourceSubscriptions subscriptions) { this.subscriptions = subscriptions; }

    /** The resources the caller may see, under the URIs it knows them by. */
    ObjectNode list(Exchange ex) {
        ArrayNode listed = NODES.arrayNode();
        for (Routed<ResourceInfo> r : catalog(false).resources()) {
            if (federation.visible(ex, DecisionRequest.RESOURCE_LIST, r.server(), r.item().uri())) {
                listed.add(r.item().descriptor().deepCopy().put("uri", r.exposedName()));
            }
        }
        ObjectNode result = NODES.objectNode();
        result.set("resources", listed);
        return result;
    }

    /** The resource templates the caller may see; their expansions read through {@link #read}. */
    ObjectNode templates(Exchange ex) {
        ArrayNode listed = NODES.arrayNode();
        for (Routed<ResourceTemplateInfo> t : catalog(false).templates()) {
            if (federation.visible(ex, DecisionRequest.RESOURCE_LIST, t.server(), t.item().uriTemplate())) {
                listed.add(t.item().descriptor().deepCopy().put("uriTemplate", t.exposedName()));
            }
        }
        ObjectNode result = NODES.objectNode();
        result.set("resourceTemplates", listed);
        return result;
    }

    /** Reads a resource by the URI the client knows; content URIs come back in the same form. */
    ObjectNode read(Exchange ex, String uri) {
        ResourceCatalog catalog = catalog(false);
        Target target = visibleTarget(ex, catalog, uri);
        Answer answer = federation.forward(ex, DecisionRequest.RESOURCE_READ, AuditEvent.Type.RESOURCE_READ,
                target.server(), target.uri(), NODES.objectNode(), (u, approved, timeout) ->
                        u.readResource(target.server(), target.uri(), timeout, ex.sessionId()), () -> notFound(uri));
        return switch (answer) {
            case Answer.Result r -> rewriteContents(catalog, target.server(), r.result());
            case Answer.Refused r -> throw Federation.upstreamRefusal(target.server(), r);
        };
    }

    /**
     * Subscribes the caller's session to a resource: decided and audited as a read (parameters
     * {@code {"subscribe": true}}), since every update is one.
     */
    ObjectNode subscribe(Exchange ex, String uri) {
        String session = requireSession(ex, "resources/subscribe");
        Target target = visibleTarget(ex, catalog(false), uri);
        ObjectNode parameters = NODES.objectNode().put("subscribe", true);
        Answer answer = federation.forward(ex, DecisionRequest.RESOURCE_READ, AuditEvent.Type.RESOURCE_READ,
                target.server(), target.uri(), parameters, (u, approved, timeout) ->
                        subscriptions.subscribe(session, target, timeout), () -> notFound(uri));
        return switch (answer) {
            case Answer.Result r -> NODES.objectNode();
            case Answer.Refused r -> throw Federation.upstreamRefusal(target.server(), r);
        };
    }

    /** Ends the session's subscription; unknown subscriptions end quietly too. */
    ObjectNode unsubscribe(Exchange ex, String uri) {
        String session = requireSession(ex, "resources/unsubscribe");
        catalog(false).resolve(uri).ifPresent(target -> subscriptions.unsubscribe(session, target));
        return NODES.objectNode();
    }

    /** The URI clients see for a server's resource, for update notifications. */
    String exposed(Target target) { return catalog(true).exposed(target.server(), target.uri()); }

    /**
     * Rewrites the URIs of resources embedded in prompt messages ({@code resource}, {@code resource_link} content)
     * to the form clients read them by.
     */
    ObjectNode rewriteEmbedded(String server, ObjectNode promptResult) {
        JsonNode messages = promptResult.get("messages");
        if (messages == null || !messages.isArray()) return promptResult;
        ResourceCatalog catalog = null;
        for (JsonNode message : messages) {
            JsonNode content = message.get("content");
            ObjectNode holder = switch (content == null ? "" : content.path("type").asString("")) {
                case "resource" -> content.get("resource") instanceof ObjectNode o ? o : null;
                case "resource_link" -> content instanceof ObjectNode o ? o : null;
                default -> null;
            };
            if (holder != null && holder.path("uri").isString()) {
                if (catalog == null) catalog = catalog(true);
                holder.put("uri", catalog.exposed(server, holder.get("uri").asString()));
            }
        }
        return promptResult;
    }

    /** Changes whenever the merged resource or template list does, whoever the caller; for {@link ClientStreams}. */
    int fingerprint() {
        ResourceCatalog c = catalog(true);
        int h = 1;
        for (Routed<ResourceInfo> r : c.resources()) h = 31 * h + Objects.hash(r.exposedName(), r.item().descriptor());
        for (Routed<ResourceTemplateInfo> t : c.templates()) {
            h = 31 * h + Objects.hash(t.exposedName(), t.item().descriptor());
        }
        return h;
    }

    /**
     * The server and upstream form of a template (by its exposed URI template) or resource URI, when the caller may
     * see it; else "Resource not found". For {@code completion/complete} on a {@code ref/resource}.
     */
    Target visibleTemplate(Exchange ex, String uri) {
        ResourceCatalog catalog = catalog(false);
        for (Routed<ResourceTemplateInfo> t : catalog.templates()) {
            if (t.exposedName().equals(uri)) {
                federation.requireVisible(ex, DecisionRequest.RESOURCE_LIST, t.server(), t.item().uriTemplate(),
                        () -> notFound(uri));
                return new Target(t.server(), t.item().uriTemplate());
            }
        }
        return visibleTarget(ex, catalog, uri);
    }

    private Target visibleTarget(Exchange ex, ResourceCatalog catalog, String uri) {
        Target target = catalog.resolve(uri).orElseThrow(() -> notFound(uri));
        if (hasDotSegments(target.uri())) {
            // The policy would decide on demo://a/../secret while the server reads demo://secret.
            throw new McpError(McpError.INVALID_PARAMS, "resource URIs with '.' or '..' path segments are refused: ask"
                    + " for the resource by its own URI");
        }
        federation.requireVisible(ex, DecisionRequest.RESOURCE_LIST, target.server(), target.uri(),
                () -> notFound(uri));
        return target;
    }

    /**
     * Whether a URI's path has a {@code .} or {@code ..} segment (also percent-encoded), which a server may resolve to
     * another resource than the one the policy was asked about. The query and fragment are not looked at.
     */
    static boolean hasDotSegments(String uri) {
        int end = uri.length();
        for (char c : new char[] {'?', '#'}) {
            int at = uri.indexOf(c);
            if (at >= 0 && at < end) end = at;
        }
        for (String segment : uri.substring(0, end).split("/", -1)) {
            String s = segment.toLowerCase(java.util.Locale.ROOT).replace("%2e", ".");
            if (s.equals(".") || s.equals("..")) return true;
        }
        return false;
    }

    private String requireSession(Exchange ex, String method) {
        if (ex.session() == null || subscriptions == null) {
            throw new McpError(McpError.METHOD_NOT_FOUND, method + " needs a session with an event stream, and this "
                    + "gateway serves MCP without sessions (mcp.stateless: true)");
        }
        return ex.session().id();
    }

    private ObjectNode rewriteContents(ResourceCatalog catalog, String server, ObjectNode result) {
        JsonNode contents = result.get("contents");
        if (contents != null && contents.isArray()) {
            for (JsonNode item : contents) {
                if (item instanceof ObjectNode o && o.path("uri").isString()) {
                    o.put("uri", catalog.exposed(server, o.get("uri").asString()));
                }
            }
        }
        return result;
    }

    private ResourceCatalog catalog(boolean quiet) {
        var fanOut = federation.fanOut();
        return namespace.merge(fanOut.collect("resources/list", upstreams::resources, quiet),
                fanOut.collect("resources/templates/list", upstreams::resourceTemplates, quiet));
    }

    private static McpError notFound(String uri) {
        return new McpError(RESOURCE_NOT_FOUND, "Resource not found: " + uri, NODES.objectNode().put("uri", uri));
    }
}
