package dev.warden.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official MCP conformance suite (0.1, the handshake-based revisions) runs its active server scenarios against
 * Warden's {@code /mcp} ({@link ConformanceRuns}). The suite runs once for the class (about half a minute); each test
 * reads its results.
 */
@DisplayName("The official MCP conformance suite against Warden's /mcp")
class ConformanceSuiteTest {
    @TempDir
    static Path dir;
    static ConformanceRuns suite;

    @BeforeAll
    static void runSuite() throws IOException, InterruptedException {
        suite = ConformanceRuns.start(dir, NodePeers.CONFORMANCE, List.of());
    }

    @AfterAll
    static void stop() {
        if (suite != null) suite.close();
    }

    @Test
    @DisplayName("every active server scenario of the suite passes")
    void everyActiveScenarioPasses() {
        List<String> failing = suite.failing();
        System.out.printf("conformance: %d of %d active server scenarios pass%n", suite.results.size() - failing.size(),
                suite.results.size());
        assertThat(failing).as("failing conformance scenarios (%d of %d)\nsuite output:\n%s", failing.size(),
                suite.results.size(), suite.run.stdout()).isEmpty();
    }

    @Test
    @DisplayName("the suite ran every active scenario: tools, relays, resources, prompts, completion, transport")
    void theSuiteRanTheScenariosWardenRelays() {
        assertThat(suite.results.keySet()).as("suite output:\n%s\n%s", suite.run.stdout(), suite.run.stderr())
                .contains("server-initialize", "ping", "tools-list", "tools-call-simple-text",
                        "tools-call-with-progress", "tools-call-with-logging", "logging-set-level",
                        "tools-call-sampling", "tools-call-elicitation", "elicitation-sep1034-defaults",
                        "elicitation-sep1330-enums", "server-sse-multiple-streams", "dns-rebinding-protection",
                        "resources-list", "resources-read-text", "resources-read-binary", "resources-templates-read",
                        "resources-subscribe", "resources-unsubscribe", "prompts-list", "prompts-get-simple",
                        "prompts-get-with-args", "prompts-get-embedded-resource", "prompts-get-with-image",
                        "completion-complete");
    }
}
