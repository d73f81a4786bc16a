package dev.warden.demo;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Shapes tool results the same way in every demo server: JSON text content plus structured content. */
public final class ToolResults {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ToolResults() {}

    /** A successful result whose text is {@code value} as JSON and whose structured content is {@code value}. */
    public static CallToolResult json(Map<String, ?> value) {
        return CallToolResult.builder()
                .content(List.of(new TextContent(JSON.writeValueAsString(value))))
                .structuredContent(value)
                .isError(false)
                .build();
    }

    /** A tool-level error ({@code isError: true}) the model can read and act on. */
    public static CallToolResult error(String message) {
        return CallToolResult.builder().content(List.of(new TextContent(message))).isError(true).build();
    }

    /** A required string argument, or an {@link IllegalArgumentException} naming it. */
    public static String requireString(Map<String, Object> args, String name) {
        Object v = args == null ? null : args.get(name);
        if (!(v instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("argument '" + name + "' is required and must be a non-empty string");
        }
        return s;
    }

    /** An optional string argument. */
    public static String optionalString(Map<String, Object> args, String name) {
        Object v = args == null ? null : args.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("argument '" + name + "' must be a string");
        }
        return s;
    }
}
