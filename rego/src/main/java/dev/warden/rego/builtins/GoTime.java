package dev.warden.rego.builtins;

import dev.warden.rego.builtins.GoLayout.Chunk;
import dev.warden.rego.builtins.GoLayout.Field;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * Formatting and parsing with Go layouts, as {@code time.format} and {@code time.parse_ns} need.
 *
 * <pre>{@code
 * long ns = GoTime.parse("2006-01-02", "2020-02-29"); // 1582934400000000000
 * }</pre>
 */
final class GoTime {
    private GoTime() {}

    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};
    private static final String[] DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    private static final BigInteger BILLION = BigInteger.valueOf(1_000_000_000);
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE), MAX = BigInteger.valueOf(Long.MAX_VALUE);

    static String format(ZonedDateTime t, String layout) {
        StringBuilder sb = new StringBuilder();
        for (Chunk c : GoLayout.chunks(GoLayout.resolve(layout))) {
            if (c.field() == null) sb.append(c.literal());
            else field(t, c, sb);
        }
        return sb.toString();
    }

    private static void field(ZonedDateTime t, Chunk c, StringBuilder sb) {
        int h12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        int offset = t.getOffset().getTotalSeconds();
        switch (c.field()) {
            case LONG_MONTH -> sb.append(MONTHS[t.getMonthValue() - 1]);
            case MONTH -> sb.append(MONTHS[t.getMonthValue() - 1], 0, 3);
            case NUM_MONTH -> sb.append(t.getMonthValue());
            case ZERO_MONTH -> pad(sb, t.getMonthValue(), 2, '0');
            case LONG_WEEKDAY -> sb.append(DAYS[t.getDayOfWeek().getValue() - 1]);
            case WEEKDAY -> sb.append(DAYS[t.getDayOfWeek().getValue() - 1], 0, 3);
            case DAY -> sb.append(t.getDayOfMonth());
            case UNDER_DAY -> pad(sb, t.getDayOfMonth(), 2, ' ');
            case ZERO_DAY -> pad(sb, t.getDayOfMonth(), 2, '0');
            case UNDER_YEARDAY -> pad(sb, t.getDayOfYear(), 3, ' ');
            case ZERO_YEARDAY -> pad(sb, t.getDayOfYear(), 3, '0');
            case HOUR -> pad(sb, t.getHour(), 2, '0');
            case HOUR12 -> sb.append(h12);
            case ZERO_HOUR12 -> pad(sb, h12, 2, '0');
            case MINUTE -> sb.append(t.getMinute());
            case ZERO_MINUTE -> pad(sb, t.getMinute(), 2, '0');
            case SECOND -> sb.append(t.getSecond());
            case ZERO_SECOND -> pad(sb, t.getSecond(), 2, '0');
            case LONG_YEAR -> pad(sb, t.getYear(), 4, '0');
            case YEAR -> pad(sb, Math.floorMod(t.getYear(), 100), 2, '0');
            case PM -> sb.append(t.getHour() >= 12 ? "PM" : "AM");
            case LOWER_PM -> sb.append(t.getHour() >= 12 ? "pm" : "am");
            case TZ -> sb.append(abbreviation(t));
            case ISO_TZ, ISO_COLON_TZ, ISO_SHORT_TZ, ISO_SECONDS_TZ, ISO_COLON_SECONDS_TZ -> {
                if (offset == 0) sb.append('Z');
                else offset(sb, offset, c.field());
            }
            case NUM_TZ, NUM_COLON_TZ, NUM_SHORT_TZ, NUM_SECONDS_TZ, NUM_COLON_SECONDS_TZ -> offset(sb, offset, c.field());
            case FRAC0, FRAC9 -> {
                String digits = String.format("%09d", t.getNano()).substring(0, Math.min(9, c.digits()));
                if (c.field() == Field.FRAC9) {
                    digits = digits.replaceAll("0+$", "");
                    if (digits.isEmpty()) return;
                }
                sb.append(c.separator()).append(digits);
            }
        }
    }

    private static String abbreviation(ZonedDateTime t) {
        if (t.getZone() instanceof ZoneOffset o) {
            if (o.getTotalSeconds() == 0) return "UTC";
            StringBuilder sb = new StringBuilder();
            offset(sb, o.getTotalSeconds(), Field.NUM_TZ);
            return sb.toString();
        }
        return DateTimeFormatter.ofPattern("zzz", Locale.US).format(t);
    }

    private static void offset(StringBuilder sb, int seconds, Field f) {
        sb.append(seconds < 0 ? '-' : '+');
        int abs = Math.abs(seconds);
        pad(sb, abs / 3600, 2, '0');
        boolean colon = f == Field.NUM_COLON_TZ || f == Field.ISO_COLON_TZ
                || f == Field.NUM_COLON_SECONDS_TZ || f == Field.ISO_COLON_SECONDS_TZ;
        if (f == Field.NUM_SHORT_TZ || f == Field.ISO_SHORT_TZ) return;
        if (colon) sb.append(':');
        pad(sb, abs / 60 % 60, 2, '0');
        if (f == Field.NUM_SECONDS_TZ || f == Field.ISO_SECONDS_TZ || f == Field.NUM_COLON_SECONDS_TZ
                || f == Field.ISO_COLON_SECONDS_TZ) {
            if (colon) sb.append(':');
            pad(sb, abs % 60, 2, '0');
        }
    }

    private static void pad(StringBuilder sb, int v, int width, char fill) {
        String s = Integer.toString(Math.abs(v));
        if (v < 0) sb.append('-');
        for (int i = s.length(); i < width; i++) sb.append(fill);
        sb.append(s);
    }

    /** Nanoseconds since the epoch; "time outside of valid range" when they do not fit an int64. */
    static long parse(String layout, String value) {
        GoTimeParser p = new GoTimeParser(GoLayout.resolve(layout), value);
        p.run();
        LocalDateTime ldt;
        try {
            ldt = LocalDateTime.of(p.year, p.month, 1, p.hour, p.minute, p.second);
            if (p.day < 1 || p.day > ldt.toLocalDate().lengthOfMonth()) throw p.fail("day out of range");
            ldt = ldt.withDayOfMonth(p.day);
        } catch (DateTimeException e) {
            throw p.fail("value out of range");
        }
        long seconds = ldt.toEpochSecond(ZoneOffset.ofTotalSeconds(p.offset));
        BigInteger ns = BigInteger.valueOf(seconds).multiply(BILLION).add(BigInteger.valueOf(p.nanos));
        if (ns.compareTo(MIN) < 0 || ns.compareTo(MAX) > 0) throw BuiltinException.error("time outside of valid range");
        return ns.longValue();
    }

    static String monthName(int i) { return MONTHS[i]; }

    static String dayName(int i) { return DAYS[i]; }

    static int lookup(String[] names, String value, int len, boolean full) {
        for (int i = 0; i < names.length; i++) {
            String n = full ? names[i] : names[i].substring(0, len);
            if (value.regionMatches(true, 0, n, 0, n.length())) return i;
        }
        return -1;
    }

    static String[] months() { return MONTHS; }

    static String[] days() { return DAYS; }

    static String weekday(ZonedDateTime t) { return t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US); }
}
