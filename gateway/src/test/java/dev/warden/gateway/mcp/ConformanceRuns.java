package dev.warden.gateway.mcp;

import dev.warden.gateway.support.TestGateway;
import dev.warden.gateway.testing.ConformanceFixtureServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One run of an official MCP conformance suite ({@code @modelcontextprotocol/conformance}, pinned in
 * {@code gateway/src/test/node}) against Warden's {@code /mcp}, which fronts {@link ConformanceFixtureServer} with
 * namespacing off, so the fixture's tool names are the ones the scenarios call.
 *
 * <p>The suite's {@code server} command cannot send a bearer token; {@code warden-bearer.mjs}, preloaded into the
 * Node process, adds an admin token to every request for Warden's origin and to no other.
 */
final class ConformanceRuns implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern RESULT_DIR = Pattern.compile("server-(.+)-\\d{4}-\\d{2}-\\d{2}T[0-9-]+Z");

    private final FixtureGateway fg;
    /** The suite's process, for its output. */
    final NodePeers.Run run;
    /** Scenario name → the failed checks' "id: message" (empty when the scenario passed). */
    final Map<String, List<String>> results;

    private ConformanceRuns(FixtureGateway fg, NodePeers.Run run, Map<String, List<String>> results) {
        this.fg = fg;
        this.run = run;
        this.results = results;
    }

    /** Runs the suite at {@code script} with its {@code server} command's {@code options} (besides the URL). */
    static ConformanceRuns start(Path dir, Path script, List<String> options) throws IOException, InterruptedException {
        NodePeers.require(script, "@modelcontextprotocol/conformance");
        FixtureGateway fg = FixtureGateway.start(dir, "conformance");
        TestGateway gw = fg.gw();
        String origin = "http://127.0.0.1:" + gw.gateway.port();
        Path out = Files.createDirectories(dir.resolve("results"));
        List<String> args = new ArrayList<>(List.of("--import", NodePeers.BEARER.toUri().toString(), script.toString(),
                "server", "--url", origin + "/mcp", "--output-dir", out.toString()));
        args.addAll(options);
        NodePeers.Run run = NodePeers.run(args, Map.of("WARDEN_BEARER_TOKEN", gw.token("conformance-suite", "admin"),
                "WARDEN_BEARER_ORIGIN", origin), dir, 600);
        return new ConformanceRuns(fg, run, read(out));
    }

    /** The scenarios that failed, each with its failed checks, as "scenario -> check: message; ...". */
    List<String> failing() {
        List<String> failing = new ArrayList<>();
        results.forEach((scenario, failures) -> {
            if (!failures.isEmpty()) failing.add(scenario + " -> " + String.join("; ", failures));
        });
        return failing;
    }

    @Override
    public void close() { fg.close(); }

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
