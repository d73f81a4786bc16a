package dev.warden.gateway.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    @Test
    void writesTheSameTextAsInstantToStringForEveryPrecisionOfTheFraction() {
        for (String text : new String[] {"2026-11-26T08:26:38Z", "2026-11-26T08:26:38.100Z",
                "2026-11-26T08:26:38.000001Z", "2026-11-26T08:26:38.000000001Z", "2026-11-26T08:26:38.120300Z",
                "1970-01-01T00:00:00Z", "2026-11-26T08:26:00.999999999Z", "9999-12-31T23:59:59.5Z"}) {
            Instant t = Instant.parse(text);
            assertThat(IsoInstants.format(t)).as(text).isEqualTo(t.toString());
        }
    }

    @Test
    void leavesInstantsBefore1970AndAfterTheYear9999ToInstantToString() {
        for (Instant t : new Instant[] {Instant.parse("1969-12-31T23:59:59.250Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.MIN, Instant.MAX}) {
            assertThat(IsoInstants.format(t)).isEqualTo(t.toString());
        }
    }

    @Test
    void agreesWithInstantToStringOnRandomInstantsWithinAndAcrossSeconds() {
        SplittableRandom random = new SplittableRandom(7);
        long second = Instant.parse("2026-11-26T08:26:38Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            // runs of instants in the same second (the cached prefix), then jumps to other seconds and years
            long s = i % 50 == 0 ? random.nextLong(0, 253_402_300_800L) : second + random.nextInt(3);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(s, nanos);
            assertThat(IsoInstants.format(t)).isEqualTo(t.toString());
        }
    }
}
