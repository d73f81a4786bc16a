package dev.warden.demo;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A demo server started as a real child process ({@code java -cp <test classpath> DemoServers ...}) with an SDK client. */
final class DemoServerProcess implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final McpSyncClient client;

    DemoServerProcess(String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> all = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), DemoServers.class.getName()));
        all.addAll(List.of(args));
        var transport = new StdioClientTransport(ServerParameters.builder(java).args(all).build(),
                McpJsonDefaults.getMapper());
        client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30))
                .initializationTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
    }

    CallToolResult call(String tool, Map<String, Object> args) {
        return client.callTool(new CallToolRequest(tool, args));
    }

    /** The first text content of a result. */
    static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }

    /** The structured content of a result as a JSON tree. */
    static JsonNode structured(CallToolResult result) {
        return JSON.valueToTree(result.structuredContent());
    }

    @Override
    public void close() {
        client.closeGracefully();
    }
}
