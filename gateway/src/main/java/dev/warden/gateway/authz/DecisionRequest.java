package dev.warden.gateway.authz;

import dev.warden.gateway.auth.Principal;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * One authorization question, shaped like SARK's {@code /authorize} body.
 *
 * @param action         e.g. {@code gateway:tool:invoke} or {@code gateway:tool:list}
 * @param parameters     the tool arguments (empty for listing)
 * @param serverMetadata the server's registry metadata (e.g. {@code sensitivity_level}), given to policy as
 *                       {@code input.server}
 */
public record DecisionRequest(String action, String serverName, String toolName, ObjectNode parameters,
                              Principal user, Map<String, Object> serverMetadata, Context context) {

    public static final String INVOKE = "gateway:tool:invoke";
    public static final String LIST = "gateway:tool:list";

    public DecisionRequest {
        serverMetadata = serverMetadata == null ? Map.of() : Map.copyOf(serverMetadata);
    }

    /** The gateway's view of the request, given to policy as {@code input.gateway_metadata}. */
    public record Context(String requestId, Instant timestamp, String sourceIp) {}
}
