package dev.warden.gateway.upstream;

import dev.warden.gateway.upstream.Upstreams.ToolCallOutcome;
import dev.warden.gateway.upstream.Upstreams.ToolInfo;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Converts between the SDK's schema records and the gateway's JSON trees. */
final class SdkResults {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private SdkResults() {}

    static List<ToolInfo> tools(List<McpSchema.Tool> tools) {
        return tools == null ? List.of() : tools.stream().map(SdkResults::tool).toList();
    }

    static ToolInfo tool(McpSchema.Tool tool) {
        ObjectNode schema = tool.inputSchema() == null ? JSON.createObjectNode() : JSON.valueToTree(tool.inputSchema());
        return new ToolInfo(tool.name(), tool.description(), schema);
    }

    static List<Upstreams.ResourceInfo> resources(List<McpSchema.Resource> resources) {
        return resources == null ? List.of() : resources.stream()
                .map(r -> new Upstreams.ResourceInfo(r.uri(), r.name(), JSON.valueToTree(r))).toList();
    }

    static List<Upstreams.ResourceTemplateInfo> templates(List<McpSchema.ResourceTemplate> templates) {
        return templates == null ? List.of() : templates.stream()
                .map(t -> new Upstreams.ResourceTemplateInfo(t.uriTemplate(), t.name(), JSON.valueToTree(t))).toList();
    }

    static List<Upstreams.PromptInfo> prompts(List<McpSchema.Prompt> prompts) {
        return prompts == null ? List.of() : prompts.stream()
                .map(p -> new Upstreams.PromptInfo(p.name(), p.description(), JSON.valueToTree(p))).toList();
    }

    static Map<String, Object> arguments(ObjectNode arguments) {
        return arguments == null ? Map.of() : JSON.convertValue(arguments, MAP);
    }

    static ToolCallOutcome outcome(McpSchema.CallToolResult result) {
        // Serialize the whole result: only through its declared List<Content> does each item get its "type".
        JsonNode whole = JSON.valueToTree(result);
        JsonNode structured = whole.get("structuredContent");
        return new ToolCallOutcome(whole.path("content"), structured == null || structured.isNull() ? null : structured,
                Boolean.TRUE.equals(result.isError()));
    }

    /** A JSON-RPC error answered by the server, as a tool-level error the caller can read. */
    static ToolCallOutcome outcome(io.modelcontextprotocol.spec.McpError error) {
        var rpc = error.getJsonRpcError();
        return rpc == null ? toolError(error.getMessage()) : upstreamError(rpc.code(), rpc.message());
    }

    /** A JSON-RPC error the upstream answered to a call, as the tool-level error the caller reads. */
    static ToolCallOutcome upstreamError(int code, String message) {
        return toolError("upstream error " + code + ": " + message);
    }

    private static ToolCallOutcome toolError(String text) {
        ObjectNode item = JSON.createObjectNode().put("type", "text").put("text", text);
        return new ToolCallOutcome(JSON.createArrayNode().add(item), null, true);
    }

    /** The outcome of a call the client cancelled: a tool-level error, which the client ignores by then. */
    static ToolCallOutcome cancelled(String tool) {
        return toolError("tools/call '" + tool + "' was cancelled by the client");
    }
}
