package dev.warden.gateway.authz;

import dev.warden.gateway.auth.Principal;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * One authorization question, shaped like SARK's {@code /authorize} body.
 *
 * @param action         e.g. {@code gateway:tool:invoke} or {@code gateway:tool:list}
 * @param toolName       what the action is about: a tool's name, a resource's URI (resource actions) or a
 *                       prompt's name (prompt actions), as the upstream knows it
 * @param parameters     the tool arguments (empty for listing)
 * @param serverMetadata the server's registry metadata (e.g. {@code sensitivity_level}), given to policy as
 *                       {@code input.server}
 */
public record DecisionRequest(String action, String serverName, String toolName, ObjectNode parameters,
                              Principal user, Map<String, Object> serverMetadata, Context context) {

    public static final String INVOKE = "gateway:tool:invoke";
    public static final String LIST = "gateway:tool:list";
    /** Seeing a resource or resource template in MCP's lists; the target is its URI (or URI template). */
    public static final String RESOURCE_LIST = "gateway:resource:list";
    /** MCP {@code resources/read} (and subscribing to a resource); the target is the resource's URI. */
    public static final String RESOURCE_READ = "gateway:resource:read";
    /** Seeing a prompt in MCP's {@code prompts/list}; the target is the prompt's name. */
    public static final String PROMPT_LIST = "gateway:prompt:list";
    /** MCP {@code prompts/get}; the target is the prompt's name, the parameters its arguments. */
    public static final String PROMPT_GET = "gateway:prompt:get";

    public DecisionRequest {
        serverMetadata = serverMetadata == null ? Map.of() : Map.copyOf(serverMetadata);
    }

    /** The gateway's view of the request, given to policy as {@code input.gateway_metadata}. */
    public record Context(String requestId, Instant timestamp, String sourceIp) {}
}
