package dev.warden.gateway.upstream;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Stops sending calls to an upstream that keeps timing out or failing, so callers get a fast, clear
 * {@link UpstreamException.Unavailable} instead of each waiting out its timeout. A tool-level error
 * ({@code isError}) is an answer, not a failure. Built on Resilience4j's count-based circuit breaker.
 *
 * <pre>{@code
 * var breaker = new CallBreaker("docs", CallBreaker.Settings.defaults());
 * ToolCallOutcome out = breaker.call(() -> session.call(...));
 * }</pre>
 */
public final class CallBreaker {

    private final String server;
    private final Settings settings;
    private final CircuitBreaker breaker;

    CallBreaker(String server, Settings settings) {
        this.server = server;
        this.settings = settings;
        this.breaker = CircuitBreaker.of("upstream-" + server, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.window())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRatePercent())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(e -> e instanceof UpstreamException)
                .build());
    }

    /**
     * Breaker settings.
     *
     * @param window             how many recent calls are judged
     * @param minimumCalls       no judgement before this many calls
     * @param failureRatePercent share of timed-out or failed calls in the window that opens the circuit
     * @param openFor            how long calls are refused before one trial call is let through
     */
    public record Settings(int window, int minimumCalls, float failureRatePercent, Duration openFor) {
        public static Settings defaults() {
            return new Settings(20, 5, 50, Duration.ofSeconds(10));
        }
    }

    <T> T call(Supplier<T> call) {
        if (!breaker.tryAcquirePermission()) {
            throw new UpstreamException.Unavailable(server, "upstream '" + server + "' is refusing calls for up to "
                    + Durations.human(settings.openFor()) + ": too many of its recent calls timed out or failed", null);
        }
        long start = System.nanoTime();
        try {
            T result = call.get();
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return result;
        } catch (UpstreamException e) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            throw e;
        } catch (RuntimeException e) {
            breaker.releasePermission();
            throw e;
        }
    }

    boolean open() {
        return breaker.getState() == CircuitBreaker.State.OPEN;
    }

    /** A fresh connection gets a fresh judgement. */
    void reset() {
        breaker.reset();
    }
}
