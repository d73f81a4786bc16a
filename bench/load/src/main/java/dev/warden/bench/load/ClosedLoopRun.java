package dev.warden.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * Runs one scenario: {@code clients} threads, each sending the next request as soon as the previous answer
 * arrives (closed loop), first for a warm-up period that is not recorded (JIT, connection setup, caches), then
 * for a measured period. Only requests that both start and end inside the measured period count, so the
 * throughput is exact for that window.
 *
 * <p>Bounded: every client stops at the end of the measured period, a request that hangs fails after the
 * call timeout, and the whole scenario stops early once {@code maxErrors} requests have failed.
 *
 * <pre>{@code
 * ScenarioResult r = new ClosedLoopRun(target, 32, Duration.ofSeconds(5), Duration.ofSeconds(10), 1000).run();
 * }</pre>
 */
final class ClosedLoopRun {

    /** How long a client may take to notice the end of the run: a call in flight may last this long. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final Target target;
    private final int clients;
    private final Duration warmup;
    private final Duration measure;
    private final long maxErrors;
    private final Meters meters;

    /**
     * The processes whose CPU time is read over the measured period, each null when not measured.
     *
     * @param server   the process serving the target
     * @param upstream the upstream behind it, when the target is a proxy
     * @param client   the load tool itself
     */
    record Meters(ProcessCpu server, ProcessCpu upstream, ProcessCpu client) {
        static final Meters NONE = new Meters(null, null, null);

        /** The load tool's own process as the client. */
        static Meters of(ProcessCpu server, ProcessCpu upstream) {
            return new Meters(server, upstream, new ProcessCpu(ProcessHandle.current().pid()));
        }

        private long[] read() {
            return new long[] {nanos(server), nanos(upstream), nanos(client)};
        }

        private static long nanos(ProcessCpu p) { return p == null ? -1 : p.nanos(); }
    }

    ClosedLoopRun(Target target, int clients, Duration warmup, Duration measure, long maxErrors) {
        this(target, clients, warmup, measure, maxErrors, Meters.NONE);
    }

    ClosedLoopRun(Target target, int clients, Duration warmup, Duration measure, long maxErrors, Meters meters) {
        if (clients < 1) {
            throw new IllegalArgumentException("clients must be at least 1, got " + clients);
        }
        this.target = target;
        this.clients = clients;
        this.warmup = warmup;
        this.measure = measure;
        this.maxErrors = maxErrors;
        this.meters = meters;
    }

    ScenarioResult run() throws InterruptedException {
        long start = System.nanoTime();
        long measureStart = start + warmup.toNanos();
        long end = measureStart + measure.toNanos();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        List<Client> workers = new ArrayList<>(clients);
        List<Thread> threads = new ArrayList<>(clients);
        for (int i = 0; i < clients; i++) {
            Client client = new Client(measureStart, end, errors, firstError);
            workers.add(client);
            Thread thread = new Thread(client, "load-" + target.label() + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        long[] cpuUsed = {-1, -1, -1};
        if (meters != Meters.NONE) {
            sleepUntil(measureStart);
            long[] before = meters.read();
            sleepUntil(end);
            long[] after = meters.read();
            for (int i = 0; i < cpuUsed.length; i++) {
                if (before[i] >= 0 && after[i] >= before[i]) cpuUsed[i] = after[i] - before[i];
            }
        }
        long joinDeadline = end + CALL_TIMEOUT.toNanos() + Duration.ofSeconds(5).toNanos();
        for (Thread thread : threads) {
            long left = Math.max(1, (joinDeadline - System.nanoTime()) / 1_000_000);
            thread.join(left);
        }
        Histogram all = new Histogram(3);
        workers.forEach(w -> all.add(w.latencies));
        boolean aborted = errors.get() >= maxErrors;
        return new ScenarioResult(target.label(), clients, all, measure.toNanos() / 1e9, errors.get(),
                firstError.get(), aborted, cpuUsed[0], cpuUsed[1], cpuUsed[2]);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Duration.ofNanos(left));
        }
    }

    /** One closed-loop client on its own connection with its own histogram (merged at the end). */
    private final class Client implements Runnable {
        final Histogram latencies = new Histogram(3);
        private final long measureStart;
        private final long end;
        private final AtomicLong errors;
        private final AtomicReference<String> firstError;

        Client(long measureStart, long end, AtomicLong errors, AtomicReference<String> firstError) {
            this.measureStart = measureStart;
            this.end = end;
            this.errors = errors;
            this.firstError = firstError;
        }

        @Override
        public void run() {
            try (Target.Caller caller = target.newCaller()) {
                while (true) {
                    long sent = System.nanoTime();
                    if (sent >= end || errors.get() >= maxErrors) {
                        break;
                    }
                    String failure = caller.call();
                    long done = System.nanoTime();
                    if (failure != null) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, failure);
                    } else if (sent >= measureStart && done <= end) {
                        latencies.recordValue(done - sent);
                    }
                }
            }
        }
    }
}
