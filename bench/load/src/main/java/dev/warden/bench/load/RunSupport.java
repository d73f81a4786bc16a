package dev.warden.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the load tool's measuring subcommands ({@code run}, {@code decisions}) share: checks, tokens, the machine. */
final class RunSupport {
    private RunSupport() {}

    /** Measures one target at one concurrency. */
    @FunctionalInterface
    interface Scenario {
        ScenarioResult run(Target target, int clients) throws InterruptedException;
    }

    /**
     * Every target at every concurrency, {@code rounds} times: at each concurrency the targets take turns, round
     * after round, and each target's rounds are merged ({@link ScenarioResult#plus}). On a machine whose background
     * load drifts over minutes, taking a scenario's samples in turns keeps one target from getting all the quiet
     * moments. Prints each step to stderr.
     */
    static List<ScenarioResult> inRounds(List<Integer> clients, List<Target> targets, int rounds, double warmupSeconds,
                                         double measureSeconds, Scenario scenario) throws InterruptedException {
        List<ScenarioResult> results = new java.util.ArrayList<>();
        for (int n : clients) {
            Map<String, ScenarioResult> merged = new LinkedHashMap<>();
            for (int round = 1; round <= rounds; round++) {
                for (Target target : targets) {
                    System.err.printf("%s, %d client(s)%s: %.0f s warm-up + %.0f s measured%n", target.label(), n,
                            rounds > 1 ? ", round " + round + "/" + rounds : "", warmupSeconds, measureSeconds);
                    merged.merge(target.label(), scenario.run(target, n), ScenarioResult::plus);
                }
            }
            results.addAll(merged.values());
        }
        return results;
    }

    /** Refuses concurrencies and periods the tool cannot run within its bounds, naming the option. */
    static void validateRun(List<Integer> clients, double warmupSeconds, double measureSeconds, int rounds) {
        if (rounds < 1 || rounds > 20) {
            throw new IllegalArgumentException("--rounds must be between 1 and 20, got " + rounds);
        }
        if (clients.isEmpty() || clients.stream().anyMatch(n -> n < 1 || n > 1024)) {
            throw new IllegalArgumentException("--clients must list counts between 1 and 1024, got " + clients);
        }
        if (warmupSeconds < 0 || measureSeconds <= 0 || warmupSeconds + measureSeconds > 600) {
            throw new IllegalArgumentException("--warmup must be >= 0, --measure > 0, together at most 600 s");
        }
    }

    /** The one token a file holds, on one line. */
    static String readToken(Path file) throws IOException {
        String token = Files.readString(file).strip();
        if (token.isEmpty() || token.contains("\n") || token.contains("\r")) {
            throw new IllegalArgumentException(file + " must hold one token on one line");
        }
        return token;
    }

    /** Headers of a JSON request to Warden's REST API with a Bearer token. */
    static Map<String, String> bearer(String token) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put("Authorization", "Bearer " + token);
        return headers;
    }

    /** The 1, 5 and 15 minute load averages, which tell a reader how quiet the machine was. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return String.join(" ", fields[0], fields[1], fields[2]);
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static Duration seconds(double s) { return Duration.ofNanos((long) (s * 1e9)); }
}
