package dev.warden.gateway.upstream;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Small helpers for status and error messages, and for waits that must not be cut short. */
final class Durations {

    private Durations() {}

    /** {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 2m}. */
    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return ms % 1000 == 0 ? ms / 1000 + "s" : String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        return ms % 60_000 == 0 ? ms / 60_000 + "m" : ms / 1000 + "s";
    }

    /**
     * The most telling message in a chain of causes: what happened on the network when it was the network,
     * otherwise the innermost message (the SDK's wrappers say little beyond "failed to initialize").
     */
    static String reason(Throwable t) {
        Throwable deepest = t;
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.net.ConnectException) {
                return "connection refused";
            }
            if (c instanceof java.net.http.HttpTimeoutException) {
                return "HTTP request timed out";
            }
            deepest = c;
        }
        if (deepest instanceof java.nio.channels.ClosedChannelException || deepest instanceof java.io.EOFException) {
            return "connection closed by the server";
        }
        return deepest.getMessage() == null ? deepest.getClass().getSimpleName() : deepest.getMessage();
    }

    /**
     * Waits up to {@code max} for {@code future}, carrying on through interrupts (the flag is restored after), so
     * that a shutdown cannot cut a child's grace period short. Returns whether it completed normally.
     */
    static boolean awaitQuietly(CompletableFuture<?> future, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        boolean interrupted = false;
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return future.isDone();
                }
                try {
                    future.get(left, TimeUnit.NANOSECONDS);
                    return true;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    return false;
                } catch (TimeoutException e) {
                    return false;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
