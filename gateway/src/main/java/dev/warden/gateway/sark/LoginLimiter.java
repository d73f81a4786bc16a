package dev.warden.gateway.sark;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Fixed-window limits on login: per client address, every attempt counts (stops spraying many accounts); per
 * account, failed attempts count (stops guessing one password from many addresses). Counters live in memory and
 * expire with their window.
 *
 * <p>A password being checked counts against its account until {@link #finished} says how it went, so that
 * concurrent attempts cannot check more passwords than the limit while the slow hash of each is computed (until
 * 26 Nov, 100 concurrent wrong passwords for one account got six checked instead of five).
 */
final class LoginLimiter {
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final int PER_ADDRESS = 30;
    static final int FAILURES_PER_ACCOUNT = 5;

    private final Clock clock;
    private final Cache<String, Window> windows = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(WINDOW).build();

    LoginLimiter(Clock clock) { this.clock = clock; }

    /** Why a request is refused, with the limit it hit and when its window ends. */
    record Refusal(String message, int limit, Instant reset) {
        long retryAfterSeconds(Instant now) { return Math.max(1, Duration.between(now, reset).toSeconds()); }
    }

    private static final class Window {
        final Instant start;
        int count;
        /** Passwords of this account being checked now (account windows only). */
        int pending;

        Window(Instant start) { this.start = start; }
    }

    /**
     * Counts this attempt against the address and, until {@link #finished}, against the account; a refusal when
     * either limit is already reached (failures and checks in progress together, for the account).
     */
    synchronized Refusal attempt(String address, String email) {
        Instant now = clock.instant();
        Window account = current("account:" + normal(email), now, false);
        if (account != null && account.count + account.pending >= FAILURES_PER_ACCOUNT) {
            return new Refusal("too many failed logins for this account; try again later", FAILURES_PER_ACCOUNT,
                    account.start.plus(WINDOW));
        }
        Window byAddress = current("address:" + address, now, true);
        if (byAddress.count >= PER_ADDRESS) {
            return new Refusal("too many login attempts from this address; try again later", PER_ADDRESS,
                    byAddress.start.plus(WINDOW));
        }
        byAddress.count++;
        current("account:" + normal(email), now, true).pending++;
        return null;
    }

    /** The password of an attempt that was not refused has been checked: a failure now counts for good. */
    synchronized void finished(String email, boolean failed) {
        Window account = current("account:" + normal(email), clock.instant(), true);
        if (account.pending > 0) account.pending--; // 0 when the window ended during the check
        if (failed) account.count++;
    }

    /** Attempts left for this address in its window (for the X-RateLimit headers). */
    synchronized int remaining(String address) {
        Window w = current("address:" + address, clock.instant(), false);
        return w == null ? PER_ADDRESS : Math.max(0, PER_ADDRESS - w.count);
    }

    synchronized Instant reset(String address) {
        Window w = current("address:" + address, clock.instant(), false);
        return (w == null ? clock.instant() : w.start).plus(WINDOW);
    }

    private Window current(String key, Instant now, boolean create) {
        Window w = windows.getIfPresent(key);
        if (w != null && !now.isBefore(w.start.plus(WINDOW))) w = null;
        if (w == null && create) {
            w = new Window(now);
            windows.put(key, w);
        }
        return w;
    }

    private static String normal(String email) { return email == null ? "" : email.strip().toLowerCase(Locale.ROOT); }
}
