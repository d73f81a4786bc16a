package dev.warden.bench.policy;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the decision benchmarks with JMH (any JMH option works: {@code -f 1 -wi 2 -i 3}, a name regex...), always
 * with the allocation profiler, then prints each engine figure as a ratio to its Java baseline from the same run.
 *
 * <pre>
 * java -jar bench/policy/target/policy-bench.jar            # full run
 * java -jar bench/policy/target/policy-bench.jar -wi 1 -i 2  # quick look
 * </pre>
 */
public final class PolicyBench {
    /** Engine benchmark → the Java baseline it is compared with. */
    private static final Map<String, String> BASELINES = new LinkedHashMap<>();
    static {
        BASELINES.put("tutorialAllow", "javaTutorialAllow");
        BASELINES.put("tutorialDeny", "javaTutorialDeny");
        BASELINES.put("tutorialDecision", "javaTutorialDecision");
        BASELINES.put("rbacAllow", "javaRbacAllow");
    }

    private PolicyBench() {}

    public static void main(String[] args) throws RunnerException {
        CommandLineOptions cli;
        try {
            cli = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
            return;
        }
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
        if (cli.getIncludes().isEmpty()) options.include(DecisionBenchmarks.class.getSimpleName());
        if (cli.getProfilers().isEmpty()) options.addProfiler(GCProfiler.class);
        Collection<RunResult> results = new Runner(options.build()).run();
        System.out.println();
        System.out.print(ratios(results));
    }

    /** A table: median, p99 and bytes allocated per decision, and the engine's median over its baseline's. */
    static String ratios(Collection<RunResult> results) {
        Map<String, RunResult> byName = new LinkedHashMap<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            byName.put(label.substring(label.lastIndexOf('.') + 1), r);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-22s %12s %12s %12s %14s%n", "benchmark", "p50 ns", "p99 ns", "B/op", "p50 vs Java"));
        // Each engine benchmark followed by its baseline, then anything else that ran.
        List<String> order = new java.util.ArrayList<>();
        BASELINES.forEach((engine, java) -> {
            if (byName.containsKey(engine)) order.add(engine);
            if (byName.containsKey(java) && !order.contains(java)) order.add(java);
        });
        byName.keySet().stream().filter(n -> !order.contains(n)).forEach(order::add);
        for (String name : order) {
            RunResult r = byName.get(name);
            String baseline = BASELINES.get(name);
            RunResult base = baseline == null ? null : byName.get(baseline);
            String ratio = base == null ? "" : String.format("%.1fx", p(r, 50) / Math.max(1e-9, p(base, 50)));
            sb.append(String.format("%-22s %12.0f %12.0f %12s %14s%n", name, p(r, 50), p(r, 99), alloc(r), ratio));
        }
        return sb.toString();
    }

    private static double p(RunResult r, double percentile) {
        return r.getPrimaryResult().getStatistics().getPercentile(percentile);
    }

    private static String alloc(RunResult r) {
        Result<?> norm = r.getSecondaryResults().get("gc.alloc.rate.norm");
        if (norm == null) norm = r.getSecondaryResults().get("·gc.alloc.rate.norm");
        return norm == null ? "-" : String.format("%.0f", norm.getScore());
    }
}
