package dev.warden.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.support.TestGateway;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.BlobResourceContents;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.GetPromptRequest;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.Prompt;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference servers behind one Warden: {@code @modelcontextprotocol/server-everything} over stdio and over
 * Streamable HTTP (its {@code streamableHttp} mode, a child process this test starts on a free port), and
 * {@code @modelcontextprotocol/server-memory} over stdio, with the shipped policy and the SDK's client on
 * {@code /mcp}. Installed by {@code npm ci} in {@code gateway/src/test/node}; skipped with a message when missing,
 * except in CI (environment variable {@code CI}), where missing peers fail the build.
 */
@DisplayName("Federation of the reference MCP servers (stdio and Streamable HTTP) behind one Warden")
class NodePeersFederationTest {
    static final Path NODE_MODULES = Path.of("src/test/node/node_modules/@modelcontextprotocol");
    static final Path EVERYTHING = NODE_MODULES.resolve("server-everything/dist/index.js");
    static final Path MEMORY = NODE_MODULES.resolve("server-memory/dist/index.js");
    static final List<String> SERVERS = List.of("everything", "memory", "everything-http");

    @TempDir
    static Path dir;
    static Process everythingHttp;
    static TestGateway gw;

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isRegularFile(EVERYTHING) || !Files.isRegularFile(MEMORY)) {
            String message = "SKIPPED: server-everything or server-memory is not installed; run `npm ci` in "
                    + "gateway/src/test/node";
            if (System.getenv("CI") != null) throw new AssertionError("CI must install the Node test peers: " + message);
            System.err.println(message);
            Assumptions.abort(message);
        }
        int port = freePort();
        ProcessBuilder http = new ProcessBuilder("node", EVERYTHING.toAbsolutePath().toString(), "streamableHttp")
                .redirectErrorStream(true).redirectOutput(dir.resolve("everything-http.log").toFile());
        http.environment().put("PORT", Integer.toString(port));
        everythingHttp = http.start();
        awaitPort(port, Duration.ofSeconds(30));
        Files.writeString(dir.resolve("mcp_servers.yaml"), """
                servers:
                  everything:
                    command: node
                    args: ["%s", "stdio"]
                  memory:
                    command: node
                    args: ["%s"]
                    env: {MEMORY_FILE_PATH: "%s"}
                  everything-http:
                    transport: streamable-http
                    url: http://127.0.0.1:%d/mcp
                """.formatted(EVERYTHING.toAbsolutePath(), MEMORY.toAbsolutePath(), dir.resolve("memory.jsonl"), port));
        gw = TestGateway.startReal(dir, "servers:\n  config: mcp_servers.yaml\n");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        for (String server : SERVERS) {
            while (!"connected".equals(gw.get("/health", null).json()
                    .at("/components/upstreams/" + server + "/status").asString(""))) {
                if (Instant.now().isAfter(deadline)) throw new AssertionError(server + " did not connect");
                Thread.sleep(100);
            }
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (gw != null) gw.close();
        if (everythingHttp != null) {
            everythingHttp.destroy();
            if (!everythingHttp.waitFor(5, TimeUnit.SECONDS)) everythingHttp.destroyForcibly();
        }
    }

    private static McpSyncClient connect(String sub, String role) {
        var transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + gw.gateway.port())
                .endpoint("/mcp").requestBuilder(HttpRequest.newBuilder()
                        .header("Authorization", "Bearer " + gw.token(sub, role)))
                .build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20)).build();
        client.initialize();
        return client;
    }

    private static String text(CallToolResult r) { return ((TextContent) r.content().get(0)).text(); }

    @Test
    void theToolsOfAllThreeServersAreListedUnderTheirNamespaces() {
        try (McpSyncClient admin = connect("root", "admin")) {
            List<String> names = admin.listTools().tools().stream().map(Tool::name).toList();
            assertThat(names).contains("everything__echo", "everything__get-sum", "everything-http__echo",
                    "everything-http__get-sum", "memory__create_entities", "memory__read_graph");
            assertThat(names).allMatch(n -> SERVERS.stream().anyMatch(s -> n.startsWith(s + "__")));
        }
    }

    @Test
    void callsAreRoutedToTheServerTheNameNames() {
        try (McpSyncClient admin = connect("root", "admin")) {
            assertThat(text(admin.callTool(new CallToolRequest("everything__echo", Map.of("message", "over stdio")))))
                    .isEqualTo("Echo: over stdio");
            assertThat(text(admin.callTool(new CallToolRequest("everything-http__echo", Map.of("message", "over http")))))
                    .isEqualTo("Echo: over http");
            assertThat(text(admin.callTool(new CallToolRequest("everything-http__get-sum", Map.of("a", 2, "b", 3)))))
                    .contains("5");
            CallToolResult created = admin.callTool(new CallToolRequest("memory__create_entities", Map.of("entities",
                    List.of(Map.of("name", "Warden", "entityType", "gateway", "observations", List.of("federates"))))));
            assertThat(created.isError()).isFalse();
            assertThat(text(admin.callTool(new CallToolRequest("memory__read_graph", Map.of()))))
                    .contains("\"Warden\"", "federates");
        }
    }

    @Test
    void resourcesAndTemplatesOfServerEverythingAreFederatedFromBothTransports() {
        try (McpSyncClient admin = connect("root", "admin")) {
            List<String> uris = admin.listResources().resources().stream().map(Resource::uri).toList();
            assertThat(uris).anyMatch(u -> u.startsWith("warden://everything/demo://resource/static/document/"))
                    .anyMatch(u -> u.startsWith("warden://everything-http/demo://resource/static/document/"));
            String document = uris.stream().filter(u -> u.startsWith("warden://everything-http/")).findFirst()
                    .orElseThrow();
            ReadResourceResult read = admin.readResource(new ReadResourceRequest(document));
            assertThat(read.contents()).singleElement().satisfies(c -> assertThat(c.uri()).isEqualTo(document));
            assertThat(admin.listResourceTemplates().resourceTemplates()).extracting(ResourceTemplate::uriTemplate)
                    .contains("warden://everything/demo://resource/dynamic/text/{resourceId}");
            ReadResourceResult dynamic = admin.readResource(
                    new ReadResourceRequest("warden://everything/demo://resource/dynamic/text/3"));
            assertThat(dynamic.contents()).singleElement().satisfies(c -> {
                assertThat(c.uri()).isEqualTo("warden://everything/demo://resource/dynamic/text/3");
                assertThat(c).isInstanceOfAny(TextResourceContents.class, BlobResourceContents.class);
            });
        }
    }

    @Test
    void promptsOfServerEverythingAreFederatedWithTheirArguments() {
        try (McpSyncClient admin = connect("root", "admin")) {
            List<String> names = admin.listPrompts().prompts().stream().map(Prompt::name).toList();
            assertThat(names).contains("everything__simple-prompt", "everything__args-prompt",
                    "everything-http__simple-prompt");
            GetPromptResult simple = admin.getPrompt(new GetPromptRequest("everything-http__simple-prompt", Map.of()));
            assertThat(((TextContent) simple.messages().get(0).content()).text())
                    .isEqualTo("This is a simple prompt without arguments.");
            GetPromptResult args = admin.getPrompt(new GetPromptRequest("everything__args-prompt",
                    Map.of("city", "Lyon", "state", "Rhône")));
            assertThat(((TextContent) args.messages().get(0).content()).text()).contains("Lyon, Rhône");
        }
    }

    @Test
    void aRoleWithoutToolsOnTheseServersSeesNoneOfTheirToolsResourcesOrPrompts() {
        try (McpSyncClient analyst = connect("ann", "analyst")) {
            assertThat(analyst.listTools().tools()).isEmpty();
            assertThat(analyst.listResources().resources()).isEmpty();
            assertThat(analyst.listPrompts().prompts()).isEmpty();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void awaitPort(int port, Duration max) throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(max);
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                if (!everythingHttp.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new AssertionError("server-everything (streamableHttp) did not listen on port " + port
                            + ": " + Files.readString(dir.resolve("everything-http.log")));
                }
                Thread.sleep(100);
            }
        }
    }
}
