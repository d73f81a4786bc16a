package dev.warden.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.gateway.audit.AuditEvent;
import dev.warden.gateway.audit.AuditQuery;
import dev.warden.gateway.audit.SqliteAuditStore;
import dev.warden.gateway.config.ServerRegistryLoader;
import dev.warden.gateway.support.TestGateway;
import dev.warden.gateway.testing.HttpMcpTestServer;
import dev.warden.gateway.upstream.McpUpstreams;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.EmbeddedResource;
import io.modelcontextprotocol.spec.McpSchema.GetPromptRequest;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.Prompt;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resources and prompts through Warden's {@code /mcp}: the SDK's client, the shipped Rego policy with the tutorial's
 * roles, and two real MCP servers over Streamable HTTP that offer the same resources, template and prompts.
 */
@DisplayName("Resources and prompts federated through /mcp, per role, from two real upstream servers")
class McpResourcesPromptsTest {
    @TempDir
    static Path dir;
    static HttpMcpTestServer postgres;
    static HttpMcpTestServer github;
    static TestGateway gw;

    @BeforeAll
    static void start() throws Exception {
        postgres = HttpMcpTestServer.start("postgres");
        github = HttpMcpTestServer.start("github");
        Path registry = Files.writeString(dir.resolve("mcp_servers.yaml"), """
                servers:
                  postgres-mcp:
                    transport: streamable-http
                    url: %s
                  github-mcp:
                    transport: streamable-http
                    url: %s
                """.formatted(postgres.streamableUrl(), github.streamableUrl()));
        McpUpstreams upstreams = new McpUpstreams(ServerRegistryLoader.load(registry)).start();
        upstreams.awaitFirstAttempts(Duration.ofSeconds(10));
        gw = TestGateway.startWithPolicy(dir, TestGateway.shippedPolicy(), upstreams, "");
    }

    @AfterAll
    static void stop() {
        gw.close();
        postgres.close();
        github.close();
    }

    private static McpSyncClient connect(String sub, String role) {
        return connect(sub, role, McpClient.sync(transport(sub, role)));
    }

    private static HttpClientStreamableHttpTransport transport(String sub, String role) {
        return HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + gw.gateway.port()).endpoint("/mcp")
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + gw.token(sub, role)))
                .build();
    }

    private static McpSyncClient connect(String sub, String role, McpClient.SyncSpec spec) {
        McpSyncClient client = spec.requestTimeout(Duration.ofSeconds(10)).build();
        client.initialize();
        return client;
    }

    private static List<String> uris(McpSyncClient c) {
        return c.listResources().resources().stream().map(Resource::uri).toList();
    }

    private static List<String> prompts(McpSyncClient c) {
        return c.listPrompts().prompts().stream().map(Prompt::name).toList();
    }

    private static String text(McpSchema.ReadResourceResult r) {
        return ((TextResourceContents) r.contents().get(0)).text();
    }

    @Test
    void initializeOffersResourcesWithSubscriptionsAndPrompts() {
        try (McpSyncClient c = connect("root", "admin")) {
            McpSchema.ServerCapabilities caps = c.getServerCapabilities();
            assertThat(caps.resources().subscribe()).isTrue();
            assertThat(caps.resources().listChanged()).isTrue();
            assertThat(caps.prompts().listChanged()).isTrue();
            assertThat(caps.completions()).isNotNull();
        }
    }

    @Test
    void anAdminSeesTheResourcesOfBothServersUnderWardenUris() {
        try (McpSyncClient root = connect("root", "admin")) {
            assertThat(uris(root)).containsExactlyInAnyOrder("warden://postgres-mcp/docs://readme",
                    "warden://postgres-mcp/docs://secret", "warden://github-mcp/docs://readme",
                    "warden://github-mcp/docs://secret");
            Resource readme = root.listResources().resources().stream()
                    .filter(r -> r.uri().equals("warden://postgres-mcp/docs://readme")).findFirst().orElseThrow();
            assertThat(readme.name()).isEqualTo("readme");
            assertThat(readme.mimeType()).isEqualTo("text/markdown");
            assertThat(readme.description()).isEqualTo("The readme of postgres");
            assertThat(root.listResourceTemplates().resourceTemplates()).extracting(ResourceTemplate::uriTemplate)
                    .containsExactly("warden://postgres-mcp/docs://pages/{page}",
                            "warden://github-mcp/docs://pages/{page}");
        }
    }

    @Test
    void anAnalystSeesOnlyTheResourcesAndPromptsOfPostgres() {
        try (McpSyncClient analyst = connect("ann", "analyst")) {
            assertThat(uris(analyst)).containsExactlyInAnyOrder("warden://postgres-mcp/docs://readme",
                    "warden://postgres-mcp/docs://secret");
            assertThat(analyst.listResourceTemplates().resourceTemplates()).extracting(ResourceTemplate::uriTemplate)
                    .containsExactly("warden://postgres-mcp/docs://pages/{page}");
            assertThat(prompts(analyst)).containsExactlyInAnyOrder("postgres-mcp__greet", "postgres-mcp__quote");
        }
    }

    @Test
    void readsAreRoutedToTheServerTheUriNamesAndAnswerInItsUris() {
        try (McpSyncClient dev = connect("alice", "developer")) {
            var read = dev.readResource(new ReadResourceRequest("warden://github-mcp/docs://readme"));
            assertThat(text(read)).isEqualTo("# readme of github");
            assertThat(read.contents().get(0).uri()).isEqualTo("warden://github-mcp/docs://readme");
            var page = dev.readResource(new ReadResourceRequest("warden://postgres-mcp/docs://pages/intro"));
            assertThat(text(page)).isEqualTo("page intro of postgres");
            assertThat(page.contents().get(0).uri()).isEqualTo("warden://postgres-mcp/docs://pages/intro");
        }
    }

    @Test
    void aUriWithDotSegmentsIsRefusedSinceTheServerMayReadAnotherResourceThanThePolicyWasAskedAbout() {
        try (McpSyncClient dev = connect("alice", "developer")) {
            for (String uri : List.of("warden://github-mcp/docs://pages/../secret",
                    "warden://github-mcp/docs://pages/%2E%2E/secret", "warden://postgres-mcp/docs://pages/./intro")) {
                assertThatThrownBy(() -> dev.readResource(new ReadResourceRequest(uri)))
                        .as(uri).isInstanceOfSatisfying(McpError.class, e -> {
                            assertThat(e.getJsonRpcError().code()).isEqualTo(-32602);
                            assertThat(e.getMessage()).contains("'..' path segments are refused");
                        });
            }
        }
        assertThat(FederatedResources.hasDotSegments("file:///a/b..c/d?x=../y")).isFalse();
    }

    @Test
    void aDeniedReadAnswersLikeAnUnknownResourceAndIsAudited() {
        try (McpSyncClient analyst = connect("ann", "analyst")) {
            assertThatThrownBy(() -> analyst.readResource(new ReadResourceRequest("warden://github-mcp/docs://secret")))
                    .isInstanceOfSatisfying(McpError.class, e -> {
                        assertThat(e.getJsonRpcError().code()).isEqualTo(-32002);
                        assertThat(e.getMessage()).contains("Resource not found: warden://github-mcp/docs://secret");
                    });
            assertThatThrownBy(() -> analyst.readResource(new ReadResourceRequest("warden://nowhere/x://y")))
                    .isInstanceOfSatisfying(McpError.class,
                            e -> assertThat(e.getJsonRpcError().code()).isEqualTo(-32002));
        }
        assertThat(audit("ann")).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo(AuditEvent.Type.DECISION);
            assertThat(e.action()).isEqualTo("gateway:resource:list");
            assertThat(e.server()).isEqualTo("github-mcp");
            assertThat(e.tool()).isEqualTo("docs://secret");
            assertThat(e.decision()).isEqualTo("deny");
            assertThat(e.reason()).isEqualTo("Denied: analyst role cannot list github-mcp:docs://secret");
        });
    }

    @Test
    void anAllowedReadLeavesADecisionAndAnOutcomeRecord() {
        try (McpSyncClient analyst = connect("ann2", "analyst")) {
            analyst.readResource(new ReadResourceRequest("warden://postgres-mcp/docs://secret"));
        }
        List<AuditEvent> records = audit("ann2");
        assertThat(records).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo(AuditEvent.Type.DECISION);
            assertThat(e.action()).isEqualTo("gateway:resource:read");
            assertThat(e.decision()).isEqualTo("allow");
        });
        assertThat(records).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo(AuditEvent.Type.RESOURCE_READ);
            assertThat(e.server()).isEqualTo("postgres-mcp");
            assertThat(e.tool()).isEqualTo("docs://secret");
            assertThat(e.upstreamStatus()).isEqualTo("ok");
        });
    }

    @Test
    void twoServersWithTheSamePromptNamesKeepBothUnderTheirNamespaces() {
        try (McpSyncClient dev = connect("alice", "developer")) {
            assertThat(prompts(dev)).containsExactlyInAnyOrder("postgres-mcp__greet", "postgres-mcp__quote",
                    "github-mcp__greet", "github-mcp__quote");
            Prompt greet = dev.listPrompts().prompts().stream().filter(p -> p.name().equals("github-mcp__greet"))
                    .findFirst().orElseThrow();
            assertThat(greet.description()).isEqualTo("Greets someone");
            assertThat(greet.arguments()).singleElement().satisfies(a -> {
                assertThat(a.name()).isEqualTo("name");
                assertThat(a.required()).isTrue();
            });
            GetPromptResult got = dev.getPrompt(new GetPromptRequest("github-mcp__greet", Map.of("name", "Ada")));
            assertThat(got.description()).isEqualTo("greeting from github");
            assertThat(((TextContent) got.messages().get(0).content()).text()).isEqualTo("Hello, Ada, from github");
            GetPromptResult pg = dev.getPrompt(new GetPromptRequest("postgres-mcp__greet", Map.of("name", "Bo")));
            assertThat(((TextContent) pg.messages().get(0).content()).text()).isEqualTo("Hello, Bo, from postgres");
        }
        assertThat(audit("alice")).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo(AuditEvent.Type.PROMPT_GET);
            assertThat(e.action()).isEqualTo("gateway:prompt:get");
            assertThat(e.server()).isEqualTo("github-mcp");
            assertThat(e.tool()).isEqualTo("greet");
            assertThat(e.parameters().path("name").asString()).isEqualTo("Ada");
            assertThat(e.upstreamStatus()).isEqualTo("ok");
        });
    }

    @Test
    void aResourceEmbeddedInAPromptCarriesTheUriClientsReadItBy() {
        try (McpSyncClient dev = connect("alice", "developer")) {
            GetPromptResult quote = dev.getPrompt(new GetPromptRequest("github-mcp__quote", Map.of()));
            EmbeddedResource embedded = (EmbeddedResource) quote.messages().get(0).content();
            assertThat(embedded.resource().uri()).isEqualTo("warden://github-mcp/docs://readme");
        }
    }

    @Test
    void aHiddenPromptIsUnknown() {
        try (McpSyncClient analyst = connect("ann", "analyst")) {
            assertThatThrownBy(() -> analyst.getPrompt(new GetPromptRequest("github-mcp__greet", Map.of("name", "x"))))
                    .isInstanceOf(McpError.class).hasMessageContaining("Unknown prompt: github-mcp__greet");
        }
    }

    @Test
    void completionsAskTheServerThePromptOrTemplateBelongsTo() {
        try (McpSyncClient dev = connect("alice", "developer")) {
            var prompt = dev.completeCompletion(new McpSchema.CompleteRequest(
                    new McpSchema.PromptReference("github-mcp__greet"), new McpSchema.CompleteRequest.CompleteArgument(
                            "name", "A")));
            assertThat(prompt.completion().values()).containsExactly("Ada", "Alan");
            var page = dev.completeCompletion(new McpSchema.CompleteRequest(
                    new McpSchema.ResourceReference("warden://github-mcp/docs://pages/{page}"),
                    new McpSchema.CompleteRequest.CompleteArgument("page", "github-f")));
            assertThat(page.completion().values()).containsExactly("github-faq");
        }
        try (McpSyncClient analyst = connect("ann", "analyst")) {
            assertThatThrownBy(() -> analyst.completeCompletion(new McpSchema.CompleteRequest(
                    new McpSchema.PromptReference("github-mcp__greet"), new McpSchema.CompleteRequest.CompleteArgument(
                            "name", "A")))).isInstanceOf(McpError.class).hasMessageContaining("Unknown prompt");
        }
    }

    @Test
    void aSubscribedClientIsToldWhenTheUpstreamResourceChanges() throws Exception {
        CompletableFuture<List<McpSchema.ResourceContents>> updated = new CompletableFuture<>();
        McpClient.SyncSpec spec = McpClient.sync(transport("root", "admin")).resourcesUpdateConsumer(updated::complete);
        try (McpSyncClient root = connect("root", "admin", spec)) {
            root.subscribeResource(new McpSchema.SubscribeRequest("warden://postgres-mcp/docs://readme"));
            Thread.sleep(500); // let the client open its GET stream
            postgres.updateReadme("# readme, second edition");
            List<McpSchema.ResourceContents> contents = updated.get(15, TimeUnit.SECONDS);
            // The client re-reads the resource by the URI Warden announced: the round trip proves the URI is Warden's.
            assertThat(contents).singleElement().satisfies(c -> {
                assertThat(c.uri()).isEqualTo("warden://postgres-mcp/docs://readme");
                assertThat(((TextResourceContents) c).text()).isEqualTo("# readme, second edition");
            });
            root.unsubscribeResource(new McpSchema.UnsubscribeRequest("warden://postgres-mcp/docs://readme"));
        }
    }

    @Test
    void aLegacySseClientReadsGetsAndIsToldOfUpdatesOnItsStream() throws Exception {
        CompletableFuture<List<McpSchema.ResourceContents>> updated = new CompletableFuture<>();
        var transport = io.modelcontextprotocol.client.transport.HttpClientSseClientTransport
                .builder("http://127.0.0.1:" + gw.gateway.port()).sseEndpoint("/sse")
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + gw.token("old", "admin")))
                .build();
        try (McpSyncClient legacy = connect("old", "admin", McpClient.sync(transport)
                .resourcesUpdateConsumer(updated::complete))) {
            assertThat(text(legacy.readResource(new ReadResourceRequest("warden://github-mcp/docs://secret"))))
                    .isEqualTo("the secret of github");
            GetPromptResult got = legacy.getPrompt(new GetPromptRequest("postgres-mcp__greet", Map.of("name", "Cy")));
            assertThat(((TextContent) got.messages().get(0).content()).text()).isEqualTo("Hello, Cy, from postgres");
            legacy.subscribeResource(new McpSchema.SubscribeRequest("warden://postgres-mcp/docs://readme"));
            postgres.updateReadme("# readme, legacy edition");
            assertThat(updated.get(15, TimeUnit.SECONDS)).singleElement()
                    .satisfies(c -> assertThat(c.uri()).isEqualTo("warden://postgres-mcp/docs://readme"));
        }
    }

    private static List<AuditEvent> audit(String subject) {
        try (SqliteAuditStore store = SqliteAuditStore.open(gw.config.audit().dbPath())) {
            return store.query(new AuditQuery(subject, null, null, null, 1000));
        }
    }
}
