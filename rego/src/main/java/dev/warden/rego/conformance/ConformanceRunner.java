package dev.warden.rego.conformance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs conformance cases one after another, each with its own {@code Rego}, its own deadline and its own
 * verdict, so that no case (a crash, a hang) can stop the run.
 *
 * <pre>{@code
 * ConformanceReport report = new ConformanceRunner(Duration.ofSeconds(5), r -> {})
 *         .run(ConformanceSuite.load(Path.of("../shared/opa-conformance/v1")));
 * }</pre>
 */
public final class ConformanceRunner {
    /** Time a case gets after its deadline to stop by itself before the runner gives up on its thread. */
    private static final Duration GRACE = Duration.ofSeconds(1);

    private final Duration timeout;
    private final Consumer<CaseResult> listener;
    private final CaseRunner caseRunner = new CaseRunner();

    /** Runs each case with a 5 second deadline. */
    public ConformanceRunner() { this(Duration.ofSeconds(5), r -> {}); }

    /** @param listener told of each case's result as soon as it is known (progress output) */
    public ConformanceRunner(Duration timeout, Consumer<CaseResult> listener) {
        this.timeout = timeout;
        this.listener = listener;
    }

    public ConformanceReport run(ConformanceSuite suite) {
        List<CaseResult> results = new ArrayList<>();
        ExecutorService worker = newWorker();
        try {
            for (ConformanceCase c : suite.cases()) {
                CaseResult r;
                AtomicBoolean cancelled = new AtomicBoolean();
                Future<CaseResult> f = worker.submit(() -> caseRunner.run(c, Instant.now().plus(timeout), cancelled));
                try {
                    r = f.get(timeout.plus(GRACE).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    cancelled.set(true);
                    f.cancel(true);
                    // The stuck thread may never return: abandon it (it is a daemon) and start a fresh one.
                    worker.shutdownNow();
                    worker = newWorker();
                    r = CaseResult.fail(c, "timed out after " + timeout.toMillis() + " ms");
                } catch (ExecutionException e) {
                    r = CaseResult.fail(c, CaseRunner.describe(e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("conformance run interrupted", e);
                }
                results.add(r);
                listener.accept(r);
            }
        } finally {
            worker.shutdownNow();
        }
        return new ConformanceReport(results);
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(task -> {
            // A deep stack, since recursive policies and the recursive evaluator may nest deeply.
            Thread t = new Thread(null, task, "conformance-case", 512L * 1024 * 1024);
            t.setDaemon(true);
            return t;
        });
    }
}
