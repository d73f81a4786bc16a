package dev.warden.gateway.observability;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Identifiers for audit records and requests: version 7 UUIDs (RFC 9562), a millisecond timestamp followed by
 * random bits, so that ids sort by creation time and index well.
 *
 * <p>The random bits come from {@link ThreadLocalRandom}, not {@link java.security.SecureRandom} as in
 * {@link UUID#randomUUID()}: these ids must be unique, not secret (no capability is granted by knowing one), and
 * every call to the secure generator goes through one shared, synchronized instance. Token ids, which must not be
 * guessable, keep using the secure generator.
 *
 * <pre>{@code
 * String auditId = Uuids.next();   // e.g. "019ab8c1-2f4e-7d3a-9c1b-5e6f7a8b9c0d"
 * }</pre>
 */
public final class Uuids {
    private Uuids() {}

    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long millis = System.currentTimeMillis();
        long high = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
