package dev.warden.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.config.ServerRegistryLoader;
import dev.warden.gateway.support.RolePolicy;
import dev.warden.gateway.support.TestGateway;
import dev.warden.gateway.testing.ConformanceFixtureServer;
import dev.warden.gateway.upstream.McpUpstreams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official MCP conformance suite ({@code @modelcontextprotocol/conformance}, pinned in
 * {@code gateway/src/test/node}) runs its active server scenarios against Warden's {@code /mcp}, which fronts
 * {@link ConformanceFixtureServer} with namespacing off, so the fixture's tool names are the ones the scenarios call.
 * The suite runs once for the class (about half a minute); each test reads its results.
 *
 * <p>The suite's {@code server} command cannot send a bearer token; {@code warden-bearer.mjs}, preloaded into the
 * Node process, adds an admin token to every request for Warden's origin and to no other.
 */
@DisplayName("The official MCP conformance suite against Warden's /mcp")
class ConformanceSuiteTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern RESULT_DIR = Pattern.compile("server-(.+)-\\d{4}-\\d{2}-\\d{2}T[0-9-]+Z");

    @TempDir
    static Path dir;
    static ConformanceFixtureServer fixture;
    static TestGateway gw;
    static NodePeers.Run run;
    /** Scenario name → the failed checks' "id: message" (empty when the scenario passed). */
    static Map<String, List<String>> results;

    @BeforeAll
    static void runSuite() throws IOException, InterruptedException {
        NodePeers.require(NodePeers.CONFORMANCE, "@modelcontextprotocol/conformance");
        fixture = ConformanceFixtureServer.start();
        Path registry = Files.writeString(dir.resolve("mcp_servers.yaml"), """
                servers:
                  conformance:
                    transport: streamable-http
                    url: %s
                    timeout: 20s
                """.formatted(fixture.url()));
        McpUpstreams upstreams = new McpUpstreams(ServerRegistryLoader.load(registry)).start();
        upstreams.awaitFirstAttempts(Duration.ofSeconds(10));
        gw = TestGateway.start(dir, upstreams, new RolePolicy(), """
                mcp:
                  namespacing: never
                """);
        String origin = "http://127.0.0.1:" + gw.gateway.port();
        Path out = Files.createDirectories(dir.resolve("results"));
        run = NodePeers.run(List.of("--import", NodePeers.BEARER.toUri().toString(), NodePeers.CONFORMANCE.toString(),
                        "server", "--url", origin + "/mcp", "--output-dir", out.toString()),
                Map.of("WARDEN_BEARER_TOKEN", gw.token("conformance-suite", "admin"), "WARDEN_BEARER_ORIGIN", origin),
                dir, 300);
        results = read(out);
    }

    @AfterAll
    static void stop() {
        if (gw != null) gw.close();
        if (fixture != null) fixture.close();
    }

    @Test
    @DisplayName("every active server scenario of the suite passes")
    void everyActiveScenarioPasses() {
        List<String> failing = new ArrayList<>();
        results.forEach((scenario, failures) -> {
            if (!failures.isEmpty()) failing.add(scenario + " -> " + String.join("; ", failures));
        });
        System.out.printf("conformance: %d of %d active server scenarios pass%n", results.size() - failing.size(),
                results.size());
        assertThat(failing).as("failing conformance scenarios (%d of %d)\nsuite output:\n%s", failing.size(),
                results.size(), run.stdout()).isEmpty();
    }

    @Test
    @DisplayName("the suite ran every active scenario: tools, relays, resources, prompts, completion, transport")
    void theSuiteRanTheScenariosWardenRelays() {
        assertThat(results.keySet()).as("suite output:\n%s\n%s", run.stdout(), run.stderr())
                .contains("server-initialize", "ping", "tools-list", "tools-call-simple-text",
                        "tools-call-with-progress", "tools-call-with-logging", "logging-set-level",
                        "tools-call-sampling", "tools-call-elicitation", "elicitation-sep1034-defaults",
                        "elicitation-sep1330-enums", "server-sse-multiple-streams", "dns-rebinding-protection",
                        "resources-list", "resources-read-text", "resources-read-binary", "resources-templates-read",
                        "resources-subscribe", "resources-unsubscribe", "prompts-list", "prompts-get-simple",
                        "prompts-get-with-args", "prompts-get-embedded-resource", "prompts-get-with-image",
                        "completion-complete");
    }

    /** Each scenario's directory {@code server-<scenario>-<timestamp>} holds its {@code checks.json}. */
    private static Map<String, List<String>> read(Path out) throws IOException {
        Map<String, List<String>> byScenario = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(out)) {
            for (Path d : dirs.toList()) {
                Matcher m = RESULT_DIR.matcher(d.getFileName().toString());
                Path checks = d.resolve("checks.json");
                if (!m.matches() || !Files.isRegularFile(checks)) continue;
                List<String> failures = new ArrayList<>();
                for (JsonNode check : JSON.readTree(checks.toFile())) {
                    if (check.path("status").asString("").equals("FAILURE")) {
                        failures.add(check.path("id").asString("?") + ": " + check.path("errorMessage").asString(""));
                    }
                }
                byScenario.put(m.group(1), failures);
            }
        }
        return byScenario;
    }
}
