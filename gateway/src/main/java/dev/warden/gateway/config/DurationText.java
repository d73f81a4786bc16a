package dev.warden.gateway.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in configuration and on the command line: {@code 100ms}, {@code 30s},
 * {@code 5m}, {@code 1h}; a bare number means seconds (as {@code SARK_TIMEOUT=5} does).
 *
 * <pre>{@code
 * Duration ttl = DurationText.parse("1h"); // PT1H; null when the text is not a duration
 * }</pre>
 */
public final class DurationText {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    private DurationText() {}

    /**
     * The longest duration accepted anywhere: a deadline computed from a longer one (now plus a timeout, in
     * nanoseconds) overflowed, and a call with {@code timeout: 9999999999999h} failed with an internal error.
     */
    public static final Duration MAX = Duration.ofDays(365);

    /** The duration, or null when {@code text} is not one or is longer than {@link #MAX}. */
    public static Duration parse(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches() || m.group(1).length() > 12) return null; // 10^12 ms is 31 years, far beyond MAX
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
        return d.compareTo(MAX) > 0 ? null : d;
    }
}
