package dev.warden.bench.load;

import static dev.warden.bench.load.RunSupport.loadAverage;
import static dev.warden.bench.load.RunSupport.seconds;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code run}: measures every given target at every concurrency, then prints the table and the ratios.
 * Targets: the upstream directly (required), nginx in front of it, and Warden's {@code POST /tools/invoke}.
 */
@Command(name = "run", description = "Measure the targets at each client count and print figures and ratios.")
final class LoadCommand implements Callable<Integer> {

    /** The echoed text; a response without it is counted as an error. */
    static final String MARKER = "warden-bench-ping";

    static final String MCP_CALL = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
            + "{\"name\":\"echo\",\"arguments\":{\"message\":\"" + MARKER + "\"}}}";

    @Option(names = "--direct", required = true, description = "the upstream's MCP endpoint, e.g. http://127.0.0.1:8081/mcp")
    URI direct;

    @Option(names = "--sdk-client", description = "also call the upstream through the MCP Java SDK's client, as Warden does")
    boolean sdkClient;

    @Option(names = "--nginx", description = "the same endpoint through nginx")
    URI nginx;

    @Option(names = "--warden", description = "Warden's invoke URL, e.g. http://127.0.0.1:8080/tools/invoke")
    URI warden;

    @Option(names = "--warden-mcp", description = "Warden's MCP endpoint, e.g. http://127.0.0.1:8080/mcp (tools/call over MCP)")
    URI wardenMcp;

    @Option(names = "--warden-token-file", description = "file holding the Bearer JWT for Warden")
    Path wardenTokenFile;

    @Option(names = "--warden-server", description = "server_name of the upstream in Warden's registry (default: ${DEFAULT-VALUE})")
    String wardenServer = "bench-echo";

    @Option(names = "--warden-pid", description = "Warden's process id, to read its memory from /proc")
    Long wardenPid;

    @Option(names = "--upstream-pid", description = "the upstream's process id, to read its CPU time from /proc")
    Long upstreamPid;

    @Option(names = "--nginx-pid", description = "nginx's master process id, to read its (and its workers') CPU time")
    Long nginxPid;

    @Option(names = "--clients", split = ",", description = "concurrent clients per scenario (default: ${DEFAULT-VALUE})")
    List<Integer> clients = List.of(1, 32);

    @Option(names = "--warmup", description = "warm-up seconds per scenario, not recorded (default: ${DEFAULT-VALUE})")
    double warmupSeconds = 20;

    @Option(names = "--measure", description = "measured seconds per scenario (default: ${DEFAULT-VALUE})")
    double measureSeconds = 10;

    @Option(names = "--rounds", description = "times every scenario is run, in turn with the others; the rounds of a "
            + "scenario are merged, so that a drifting machine does not favour one target (default: ${DEFAULT-VALUE})")
    int rounds = 1;

    @Mixin
    RunLimits limits = new RunLimits();

    @Override
    public Integer call() throws Exception {
        validate();
        Map<String, String> mcpHeaders = Map.of(
                "Accept", "application/json, text/event-stream",
                "MCP-Protocol-Version", "2025-06-18");
        List<Target> targets = new ArrayList<>();
        targets.add(HttpTarget.post("direct", direct, mcpHeaders, MCP_CALL, MARKER));
        SdkClientTarget sdk = null;
        if (sdkClient) {
            try {
                sdk = SdkClientTarget.connect(direct, MARKER);
                targets.add(sdk);
            } catch (RuntimeException e) {
                System.err.println("sdk-client could not connect, skipped: " + e.getMessage());
            }
        }
        if (nginx != null) {
            targets.add(HttpTarget.post("nginx", nginx, mcpHeaders, MCP_CALL, MARKER));
        }
        if (warden != null) {
            targets.add(HttpTarget.post("warden", warden, wardenHeaders(), invokeBody(), MARKER));
        }
        boolean missing = sdkClient && sdk == null;
        if (wardenMcp != null) {
            try {
                targets.add(McpHandshake.sessions(wardenMcp, token(), MARKER, seconds(limits.readySeconds)));
            } catch (IOException e) {
                System.err.println("warden-mcp: the MCP handshake failed, skipped: " + e.getMessage());
                missing = true;
            }
        }
        try {
            return measure(targets, missing);
        } finally {
            if (sdk != null) {
                sdk.close();
            }
        }
    }

    private int measure(List<Target> targets, boolean alreadyMissing) throws Exception {
        List<Target> reachable = new ArrayList<>();
        for (Target target : targets) {
            String problem = awaitReady(target, seconds(limits.readySeconds));
            if (problem == null) {
                reachable.add(target);
            } else {
                System.err.println(target.label() + " is not answering correctly, skipped: " + problem);
            }
        }
        if (reachable.stream().noneMatch(t -> t.label().equals("direct"))) {
            System.err.println("the upstream itself does not answer; nothing to compare against");
            return 2;
        }

        String loadAtStart = loadAverage();
        Duration warmup = seconds(warmupSeconds);
        Duration measure = seconds(measureSeconds);
        List<ScenarioResult> results = RunSupport.inRounds(clients, reachable, rounds, warmupSeconds, measureSeconds,
                (target, n) -> new ClosedLoopRun(target, n, warmup, measure, limits.maxErrors,
                        ClosedLoopRun.Meters.of(serverOf(target), upstreamBehind(target))).run());

        String loadAtEnd = loadAverage();
        Optional<ProcessMemory> memory = Optional.empty();
        if (wardenPid != null && reachable.stream().anyMatch(t -> t.label().startsWith("warden"))) {
            try {
                memory = Optional.of(ProcessMemory.of(wardenPid));
            } catch (IOException e) {
                System.err.println("Warden's memory not read: " + e.getMessage());
            }
        }
        System.out.printf("Warden gateway load benchmark, %s, %d CPUs, Java %s, %s%.0f s warm-up + %.0f s measured per scenario%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(),
                Runtime.version(), rounds > 1 ? rounds + " rounds of " : "", warmupSeconds, measureSeconds);
        // Other work on the machine moves every figure; the load average tells a reader how quiet it was.
        System.out.printf("load average (1, 5, 15 min) before: %s, after: %s%n%n", loadAtStart, loadAtEnd);
        System.out.print(new Report(results, memory).render());
        return reachable.size() == targets.size() && !alreadyMissing ? 0 : 2;
    }

    /** The process that serves a target, whose CPU time per call the report shows; null when unknown. */
    private ProcessCpu serverOf(Target target) {
        Long pid = switch (target.label()) {
            case "direct" -> upstreamPid;
            case "nginx" -> nginxPid;
            case "warden", "warden-mcp" -> wardenPid;
            default -> null;
        };
        return pid == null ? null : new ProcessCpu(pid);
    }

    /** The upstream when the target is a proxy in front of it (nginx, Warden), whose CPU the report also shows. */
    private ProcessCpu upstreamBehind(Target target) {
        boolean proxy = switch (target.label()) {
            case "nginx", "warden", "warden-mcp" -> true;
            default -> false;
        };
        return proxy && upstreamPid != null ? new ProcessCpu(upstreamPid) : null;
    }

    private void validate() {
        RunSupport.validateRun(clients, warmupSeconds, measureSeconds, rounds);
        if ((warden != null || wardenMcp != null) && wardenTokenFile == null) {
            throw new IllegalArgumentException("--warden and --warden-mcp need --warden-token-file");
        }
        if (!wardenServer.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("--warden-server must be a plain server name, got " + wardenServer);
        }
    }

    private String token() throws IOException { return RunSupport.readToken(wardenTokenFile); }

    private Map<String, String> wardenHeaders() throws IOException { return RunSupport.bearer(token()); }

    private String invokeBody() {
        return "{\"server_name\":\"" + wardenServer + "\",\"tool_name\":\"echo\",\"parameters\":{\"message\":\""
                + MARKER + "\"}}";
    }

    /**
     * Repeats one request until it succeeds or {@code timeout} passes, so a target still connecting to its
     * upstream is waited for and a misconfigured one is reported by name instead of as a thousand errors.
     * Returns null when ready, else the last failure.
     */
    static String awaitReady(Target target, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String failure;
            try (Target.Caller caller = target.newCaller()) {
                failure = caller.call();
            }
            if (failure == null || System.nanoTime() >= deadline) {
                return failure;
            }
            Thread.sleep(200);
        }
    }

}
