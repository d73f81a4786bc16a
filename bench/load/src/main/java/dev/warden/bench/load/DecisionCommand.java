package dev.warden.bench.load;

import static dev.warden.bench.load.RunSupport.bearer;
import static dev.warden.bench.load.RunSupport.loadAverage;
import static dev.warden.bench.load.RunSupport.readToken;
import static dev.warden.bench.load.RunSupport.seconds;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code decisions}: what a remote decision costs, and what the decision cache saves. Measures, in one run and
 * with the same closed-loop clients as {@code run}, the same tool call ({@code POST /tools/invoke} of the echo
 * upstream) through Warden gateways that decide differently, and the SARK decision API by itself:
 *
 * <ul>
 *   <li>{@code embedded}: the embedded Rego engine, no decision cache: the baseline;
 *   <li>{@code sark-uncached}: a gateway in {@code sark} mode asking another Warden's SARK API for every call;
 *   <li>{@code sark-cached}: the same with the decision cache on (allowed answers reused for their TTL);
 *   <li>{@code sark-authorize}: {@code POST /api/v1/gateway/authorize} of that SARK Warden, called directly.
 * </ul>
 *
 * Every scenario runs {@code --rounds} times, in turn with the others, and its rounds are merged.
 * {@code bench/load/run-decisions.sh} starts the processes and runs this.
 */
@Command(name = "decisions", description = "Measure tool calls decided by the embedded engine, by a remote SARK "
        + "with and without the decision cache, and SARK's authorize API itself; print figures and ratios.")
final class DecisionCommand implements Callable<Integer> {

    @Option(names = "--embedded", required = true,
            description = "invoke URL of a Warden deciding with its embedded engine, no cache (the baseline)")
    URI embedded;

    @Option(names = "--sark-uncached", description = "invoke URL of a Warden in sark mode without a decision cache")
    URI sarkUncached;

    @Option(names = "--sark-cached", description = "invoke URL of a Warden in sark mode with the decision cache")
    URI sarkCached;

    @Option(names = "--authorize", description = "the SARK Warden's POST /api/v1/gateway/authorize URL")
    URI authorize;

    @Option(names = "--token-file", required = true, description = "Bearer JWT of the caller of /tools/invoke")
    Path tokenFile;

    @Option(names = "--service-token-file", description = "Bearer token of a gateway for /authorize (default: --token-file)")
    Path serviceTokenFile;

    @Option(names = "--server", description = "server_name of the echo upstream (default: ${DEFAULT-VALUE})")
    String server = "bench-echo";

    @Option(names = "--user", description = "user id /authorize is asked about (default: ${DEFAULT-VALUE})")
    String user = "bench";

    @Option(names = "--role", description = "that user's role (default: ${DEFAULT-VALUE})")
    String role = "admin";

    @Option(names = "--clients", split = ",", description = "concurrent clients per scenario (default: ${DEFAULT-VALUE})")
    List<Integer> clients = List.of(1, 16);

    @Option(names = "--warmup", description = "warm-up seconds per scenario and round, not recorded (default: ${DEFAULT-VALUE})")
    double warmupSeconds = 3;

    @Option(names = "--measure", description = "measured seconds per scenario and round (default: ${DEFAULT-VALUE})")
    double measureSeconds = 4;

    @Option(names = "--rounds", description = "times every scenario is run, in turn with the others; the rounds "
            + "of a scenario are merged (default: ${DEFAULT-VALUE})")
    int rounds = 3;

    @Mixin
    RunLimits limits = new RunLimits();

    @Override
    public Integer call() throws Exception {
        validate();
        String token = readToken(tokenFile);
        String serviceToken = serviceTokenFile == null ? token : readToken(serviceTokenFile);
        String invoke = "{\"server_name\":\"" + server + "\",\"tool_name\":\"echo\",\"parameters\":{\"message\":\""
                + LoadCommand.MARKER + "\"}}";
        List<Target> targets = new ArrayList<>();
        targets.add(HttpTarget.post("embedded", embedded, bearer(token), invoke, LoadCommand.MARKER));
        if (sarkUncached != null) {
            targets.add(HttpTarget.post("sark-uncached", sarkUncached, bearer(token), invoke, LoadCommand.MARKER));
        }
        if (sarkCached != null) {
            targets.add(HttpTarget.post("sark-cached", sarkCached, bearer(token), invoke, LoadCommand.MARKER));
        }
        if (authorize != null) {
            // A successful answer is an allow: a denial (or SARK's error envelope) counts as an error.
            String body = "{\"action\":\"gateway:tool:invoke\",\"server_name\":\"" + server + "\",\"tool_name\":\"echo\","
                    + "\"parameters\":{\"message\":\"" + LoadCommand.MARKER + "\"},\"user\":{\"id\":\"" + user
                    + "\",\"roles\":[\"" + role + "\"]}}";
            targets.add(HttpTarget.post("sark-authorize", authorize, bearer(serviceToken), body, "\"allow\":true"));
        }

        List<Target> ready = new ArrayList<>();
        for (Target target : targets) {
            String problem = LoadCommand.awaitReady(target, seconds(limits.readySeconds));
            if (problem == null) {
                ready.add(target);
            } else {
                System.err.println(target.label() + " is not answering correctly, skipped: " + problem);
            }
        }
        if (ready.stream().noneMatch(t -> t.label().equals("embedded"))) {
            System.err.println("the embedded baseline does not answer; nothing to compare against");
            return 2;
        }
        Map<String, String> cacheBefore = cacheStats();
        String loadBefore = loadAverage();
        List<ScenarioResult> results = RunSupport.inRounds(clients, ready, rounds, warmupSeconds, measureSeconds,
                (target, n) -> new ClosedLoopRun(target, n, seconds(warmupSeconds), seconds(measureSeconds),
                        limits.maxErrors).run());
        System.out.printf("Warden decision-latency benchmark, %s, %d CPUs, Java %s, %d rounds of %.0f s warm-up + "
                        + "%.0f s measured per scenario%n", Instant.now().truncatedTo(ChronoUnit.SECONDS),
                Runtime.getRuntime().availableProcessors(), Runtime.version(), rounds, warmupSeconds, measureSeconds);
        System.out.printf("load average (1, 5, 15 min) before: %s, after: %s%n%n", loadBefore, loadAverage());
        System.out.print(new DecisionReport(results).render());
        Map<String, String> cacheAfter = cacheStats();
        cacheAfter.forEach((label, after) -> System.out.printf("decision cache of %s: before %s, after %s%n", label,
                cacheBefore.getOrDefault(label, "n/a"), after));
        return ready.size() == targets.size() ? 0 : 2;
    }

    /**
     * The decision cache counters each sark-mode gateway reports on {@code /health}: evidence that the cached
     * scenario was answered from the cache and the uncached one never was.
     */
    private Map<String, String> cacheStats() {
        Map<String, String> out = new LinkedHashMap<>();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, URI> gateways = new LinkedHashMap<>();
        if (sarkCached != null) gateways.put("sark-cached", sarkCached);
        if (sarkUncached != null) gateways.put("sark-uncached", sarkUncached);
        gateways.forEach((label, uri) -> {
            try {
                String body = http.send(HttpRequest.newBuilder(uri.resolve("/health")).timeout(Duration.ofSeconds(5))
                        .GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                int at = body.indexOf("\"cache\":");
                out.put(label, at < 0 ? "no cache" : body.substring(at + 8, body.indexOf('}', at) + 1));
            } catch (IOException e) {
                out.put(label, "unreadable: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return out;
    }

    private void validate() {
        RunSupport.validateRun(clients, warmupSeconds, measureSeconds, rounds);
        for (String v : List.of(server, user, role)) {
            if (!v.matches("[A-Za-z0-9._@-]+")) {
                throw new IllegalArgumentException("--server, --user and --role must be plain names, got " + v);
            }
        }
    }

}
