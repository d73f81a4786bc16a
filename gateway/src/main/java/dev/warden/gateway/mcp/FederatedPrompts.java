package dev.warden.gateway.mcp;

import dev.warden.gateway.audit.AuditEvent;
import dev.warden.gateway.authz.DecisionRequest;
import dev.warden.gateway.routing.Catalog;
import dev.warden.gateway.routing.Routed;
import dev.warden.gateway.routing.ToolNamespace;
import dev.warden.gateway.upstream.Upstreams.Answer;
import dev.warden.gateway.upstream.Upstreams.PromptInfo;
import java.util.Objects;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code prompts/list} and {@code prompts/get} over every enabled upstream: one merged list, named like tools
 * ({@code server__prompt} under {@code namespacing: always}), filtered per caller by {@code gateway:prompt:list}, and
 * gets authorized by {@code gateway:prompt:get} with the prompt's arguments, through the tool-call pipeline.
 *
 * <pre>{@code
 * FederatedPrompts prompts = new FederatedPrompts(federation, resources);
 * ObjectNode list = prompts.list(exchange);                          // {"prompts": [...]}
 * ObjectNode got = prompts.get(exchange, "docs__summarize", args);   // {"description": …, "messages": [...]}
 * }</pre>
 */
final class FederatedPrompts {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Federation federation;
    private final ToolNamespace namespace;
    private final FederatedResources resources;

    /** @param resources rewrites the URIs of resources embedded in prompt messages */
    FederatedPrompts(Federation federation, FederatedResources resources) {
        this.federation = federation;
        this.namespace = new ToolNamespace(federation.settings().namespacing(), federation.settings().separator());
        this.resources = resources;
    }

    /** The prompts the caller may see, under their federated names. */
    ObjectNode list(Exchange ex) {
        ArrayNode prompts = NODES.arrayNode();
        for (Routed<PromptInfo> p : catalog(false).entries()) {
            if (federation.visible(ex, DecisionRequest.PROMPT_LIST, p.server(), p.item().name())) {
                prompts.add(p.item().descriptor().deepCopy().put("name", p.exposedName()));
            }
        }
        ObjectNode result = NODES.objectNode();
        result.set("prompts", prompts);
        return result;
    }

    /** Gets a prompt by its federated name; an unknown, hidden or (by default) denied prompt is "Unknown prompt". */
    ObjectNode get(Exchange ex, String name, ObjectNode arguments) {
        Routed<PromptInfo> prompt = visible(ex, name);
        String server = prompt.server();
        String upstreamName = prompt.item().name();
        Answer answer = federation.forward(ex, DecisionRequest.PROMPT_GET, AuditEvent.Type.PROMPT_GET, server,
                upstreamName, arguments, (upstreams, approved, timeout) -> upstreams.getPrompt(server, upstreamName,
                        approved, timeout, ex.sessionId()), () -> unknownPrompt(name));
        return switch (answer) {
            case Answer.Result r -> resources.rewriteEmbedded(server, r.result());
            case Answer.Refused r -> throw Federation.upstreamRefusal(server, r);
        };
    }

    /** The prompt a federated name stands for, when the caller may see it; else "Unknown prompt". */
    Routed<PromptInfo> visible(Exchange ex, String name) {
        Routed<PromptInfo> prompt = catalog(false).resolve(name).orElseThrow(() -> unknownPrompt(name));
        federation.requireVisible(ex, DecisionRequest.PROMPT_LIST, prompt.server(), prompt.item().name(),
                () -> unknownPrompt(name));
        return prompt;
    }

    /** Changes whenever the merged prompt list does, whoever the caller; for {@link ClientStreams}. */
    int fingerprint() {
        int h = 1;
        for (Routed<PromptInfo> p : catalog(true).entries()) {
            h = 31 * h + Objects.hash(p.exposedName(), p.item().descriptor().toString());
        }
        return h;
    }

    private Catalog<PromptInfo> catalog(boolean quiet) {
        return namespace.merge(federation.fanOut().collect("prompts/list",
                federation.services().upstreams()::prompts, quiet), PromptInfo::name, "prompt");
    }

    private static McpError unknownPrompt(String name) {
        return new McpError(McpError.INVALID_PARAMS, "Unknown prompt: " + name, NODES.objectNode().put("prompt", name));
    }
}
