package dev.warden.gateway.upstream;

import java.time.Duration;

/**
 * Exponential backoff between reconnection attempts: {@code initial}, doubling up to {@code max}.
 *
 * <pre>{@code
 * new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30)).delay(3)  // 4 s
 * }</pre>
 */
public record Backoff(Duration initial, Duration max) {

    /** The wait before attempt {@code failures + 1}, after {@code failures} failures in a row (0-based). */
    Duration delay(int failures) {
        int shift = Math.min(Math.max(failures, 0), 30);
        long millis = initial.toMillis() << shift;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }
}
