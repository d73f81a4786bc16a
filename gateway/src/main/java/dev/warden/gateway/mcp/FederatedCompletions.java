package dev.warden.gateway.mcp;

import dev.warden.gateway.config.ServerConfig;
import dev.warden.gateway.routing.ResourceCatalog.Target;
import dev.warden.gateway.routing.Routed;
import dev.warden.gateway.upstream.UpstreamException;
import dev.warden.gateway.upstream.Upstreams.Answer;
import dev.warden.gateway.upstream.Upstreams.PromptInfo;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code completion/complete}: suggestions for a prompt's or a resource template's argument, asked of the server the
 * prompt or template belongs to, with the reference rewritten to the server's own name or URI template. Only what the
 * caller may list can be completed (the listing decision, recorded like every decision); a completion reads no
 * resource and runs no prompt, so it has no outcome record of its own.
 *
 * <pre>{@code
 * completions.complete(exchange, params);   // {"completion": {"values": [...], "hasMore": false}}
 * }</pre>
 */
final class FederatedCompletions {
    /** Completions are interactive: a server that takes longer than this is of no help to a typing user. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final Federation federation;
    private final FederatedPrompts prompts;
    private final FederatedResources resources;

    FederatedCompletions(FederatedResources resources, FederatedPrompts prompts) {
        this.federation = resources.federation();
        this.prompts = prompts;
        this.resources = resources;
    }

    /** @param params checked by the caller: {@code ref} is an object with a known {@code type}, {@code argument} an object */
    ObjectNode complete(Exchange ex, ObjectNode params) {
        ObjectNode upstreamParams = params.deepCopy();
        ObjectNode ref = (ObjectNode) upstreamParams.get("ref");
        String server;
        if (ref.path("type").asString().equals("ref/prompt")) {
            Routed<PromptInfo> prompt = prompts.visible(ex, ref.path("name").asString());
            server = prompt.server();
            ref.put("name", prompt.item().name());
        } else {
            Target target = resources.visibleTemplate(ex, ref.path("uri").asString());
            server = target.server();
            ref.put("uri", target.uri());
        }
        Duration timeout = federation.services().upstreams().server(server).map(ServerConfig::timeout)
                .filter(t -> t.compareTo(DEFAULT_TIMEOUT) < 0).orElse(DEFAULT_TIMEOUT);
        Answer answer;
        try {
            answer = federation.services().upstreams().complete(server, upstreamParams, timeout, ex.sessionId());
        } catch (UpstreamException e) {
            throw Federation.upstreamError(e);
        }
        return switch (answer) {
            case Answer.Result r -> r.result();
            case Answer.Refused r -> throw Federation.upstreamRefusal(server, r);
        };
    }

    /** The reason {@code params} are not a {@code completion/complete} request, or null when they are. */
    static String problem(ObjectNode params) {
        JsonNode ref = params.get("ref");
        if (ref == null || !ref.isObject()) return "\"ref\" is required and must be an object";
        String type = ref.path("type").asString("");
        if (type.equals("ref/prompt")) {
            if (!ref.path("name").isString()) return "\"ref.name\" is required for a ref/prompt";
        } else if (type.equals("ref/resource")) {
            if (!ref.path("uri").isString()) return "\"ref.uri\" is required for a ref/resource";
        } else {
            return "\"ref.type\" must be \"ref/prompt\" or \"ref/resource\"";
        }
        JsonNode argument = params.get("argument");
        if (argument == null || !argument.isObject() || !argument.path("name").isString()) {
            return "\"argument\" is required and must be an object with a string \"name\" and \"value\"";
        }
        return null;
    }
}
