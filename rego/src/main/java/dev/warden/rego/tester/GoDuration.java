package dev.warden.rego.tester;

import java.time.Duration;

/** Durations printed as Go's {@code time.Duration.String} prints them ({@code 1.234ms}, {@code 2m3.5s}), as opa test does. */
final class GoDuration {
    private GoDuration() {}

    static String format(Duration d) {
        long ns = d.toNanos();
        if (ns == 0) return "0s";
        String sign = ns < 0 ? "-" : "";
        ns = Math.abs(ns);
        if (ns < 1_000) return sign + ns + "ns";
        if (ns < 1_000_000) return sign + fraction(ns, 1_000) + "µs";
        if (ns < 1_000_000_000) return sign + fraction(ns, 1_000_000) + "ms";
        long h = ns / 3_600_000_000_000L;
        long rest = ns % 3_600_000_000_000L;
        long m = rest / 60_000_000_000L;
        long secNs = rest % 60_000_000_000L;
        StringBuilder sb = new StringBuilder(sign);
        if (h > 0) sb.append(h).append('h');
        if (h > 0 || m > 0) sb.append(m).append('m');
        return sb.append(fraction(secNs, 1_000_000_000)).append('s').toString();
    }

    /** {@code value / unit} with every non-zero fractional digit, as Go writes it. */
    private static String fraction(long value, long unit) {
        long whole = value / unit;
        long frac = value % unit;
        if (frac == 0) return Long.toString(whole);
        String digits = Long.toString(unit + frac).substring(1).replaceAll("0+$", "");
        return whole + "." + digits;
    }
}
