package dev.warden.demo.code;

import static dev.warden.demo.ToolResults.optionalString;
import static dev.warden.demo.ToolResults.requireString;

import dev.warden.demo.ToolResults;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The demo code-hosting server's tools, shaped like a GitHub MCP server's: {@code get_repo}, {@code list_issues},
 * {@code get_pull_request} read the data set; {@code create_issue} writes to it.
 *
 * <pre>{@code
 * StdioServer.run("warden-demo-code", CodeServer.tools(Path.of("data/code-demo")));
 * }</pre>
 */
public final class CodeServer {

    private static final Map<String, Object> OWNER = Map.of("type", "string", "description", "Repository owner, e.g. acme");
    private static final Map<String, Object> REPO = Map.of("type", "string", "description", "Repository name, e.g. payments-api");

    private CodeServer() {}

    /** The tools over the shipped data set, with created issues kept under {@code dataDir}. */
    public static List<SyncToolSpecification> tools(Path dataDir) {
        CodeStore store = CodeStore.open(dataDir, Clock.systemUTC());
        return List.of(
                tool("get_repo", "Get a repository's details.", schema(Map.of(), List.of()), true,
                        args -> store.repository(fullName(args))
                                .map(ToolResults::json)
                                .orElseGet(() -> notFound(args))),
                tool("list_issues", "List a repository's issues, optionally by state and label.",
                        schema(Map.of("state", Map.of("type", "string", "enum", List.of("open", "closed", "all"),
                                                "description", "Default: open"),
                                        "label", Map.of("type", "string")), List.of()), true,
                        args -> listIssues(store, args)),
                tool("get_pull_request", "Get one pull request by number.",
                        schema(Map.of("number", Map.of("type", "integer", "minimum", 1)), List.of("number")), true,
                        args -> getPullRequest(store, args)),
                tool("create_issue", "Open a new issue in a repository.",
                        schema(Map.of("title", Map.of("type", "string"), "body", Map.of("type", "string"),
                                        "labels", Map.of("type", "array", "items", Map.of("type", "string"))),
                                List.of("title")), false,
                        args -> createIssue(store, args)));
    }

    private static CallToolResult listIssues(CodeStore store, Map<String, Object> args) {
        String name = fullName(args);
        if (store.repository(name).isEmpty()) {
            return notFound(args);
        }
        String state = optionalString(args, "state");
        state = state == null ? "open" : state;
        if (!List.of("open", "closed", "all").contains(state)) {
            return ToolResults.error("argument 'state' must be open, closed or all");
        }
        List<Map<String, Object>> issues = store.issues(name, state, optionalString(args, "label"));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("repository", name);
        result.put("state", state);
        result.put("total_count", issues.size());
        result.put("issues", issues);
        return ToolResults.json(result);
    }

    private static CallToolResult getPullRequest(CodeStore store, Map<String, Object> args) {
        if (!(args.get("number") instanceof Number n) || n.doubleValue() != Math.floor(n.doubleValue())) {
            return ToolResults.error("argument 'number' is required and must be an integer");
        }
        String name = fullName(args);
        return store.pullRequest(name, n.longValue())
                .map(ToolResults::json)
                .orElseGet(() -> ToolResults.error("pull request #" + n.longValue() + " not found in " + name));
    }

    private static CallToolResult createIssue(CodeStore store, Map<String, Object> args) {
        String name = fullName(args);
        if (store.repository(name).isEmpty()) {
            return notFound(args);
        }
        List<String> labels = new ArrayList<>();
        if (args.get("labels") instanceof List<?> list) {
            for (Object label : list) {
                if (!(label instanceof String s)) {
                    return ToolResults.error("argument 'labels' must be a list of strings");
                }
                labels.add(s);
            }
        } else if (args.get("labels") != null) {
            return ToolResults.error("argument 'labels' must be a list of strings");
        }
        return ToolResults.json(store.createIssue(name, requireString(args, "title"), optionalString(args, "body"),
                labels, "warden-demo"));
    }

    private static String fullName(Map<String, Object> args) {
        return requireString(args, "owner") + "/" + requireString(args, "repo");
    }

    private static CallToolResult notFound(Map<String, Object> args) {
        return ToolResults.error("repository " + fullName(args) + " not found");
    }

    /** An input schema with {@code owner} and {@code repo}, plus the tool's own properties. */
    private static Map<String, Object> schema(Map<String, Object> extra, List<String> required) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("owner", OWNER);
        properties.put("repo", REPO);
        properties.putAll(extra);
        List<String> all = new ArrayList<>(List.of("owner", "repo"));
        all.addAll(required);
        return Map.of("type", "object", "properties", properties, "required", all);
    }

    private static SyncToolSpecification tool(String name, String description, Map<String, Object> inputSchema,
                                              boolean readOnly, Function<Map<String, Object>, CallToolResult> handler) {
        Tool tool = Tool.builder(name, inputSchema)
                .description(description)
                .annotations(new ToolAnnotations(null, readOnly, !readOnly, readOnly, false, null))
                .build();
        return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
            Map<String, Object> args = request.arguments() == null ? Map.of() : request.arguments();
            try {
                return handler.apply(args);
            } catch (IllegalArgumentException e) {
                return ToolResults.error(e.getMessage());
            }
        }).build();
    }
}
