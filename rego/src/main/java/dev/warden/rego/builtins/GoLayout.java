package dev.warden.rego.builtins;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Go's reference-time layouts ({@code "2006-01-02T15:04:05Z07:00"}) split into literal text and fields, as Go's
 * {@code nextStdChunk} does. {@link GoTime} formats and parses with the result.
 */
final class GoLayout {
    private GoLayout() {}

    enum Field {
        LONG_MONTH, MONTH, NUM_MONTH, ZERO_MONTH, LONG_WEEKDAY, WEEKDAY, DAY, UNDER_DAY, ZERO_DAY, UNDER_YEARDAY,
        ZERO_YEARDAY, HOUR, HOUR12, ZERO_HOUR12, MINUTE, ZERO_MINUTE, SECOND, ZERO_SECOND, LONG_YEAR, YEAR, PM, LOWER_PM,
        TZ, ISO_TZ, ISO_COLON_TZ, ISO_SHORT_TZ, ISO_SECONDS_TZ, ISO_COLON_SECONDS_TZ, NUM_TZ, NUM_COLON_TZ, NUM_SHORT_TZ,
        NUM_SECONDS_TZ, NUM_COLON_SECONDS_TZ, FRAC0, FRAC9
    }

    /** A literal run of text ({@code field == null}) or one field; {@code digits} for fractional seconds. */
    record Chunk(String literal, Field field, int digits, char separator) {}

    static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("ANSIC", "Mon Jan _2 15:04:05 2006"),
            Map.entry("UnixDate", "Mon Jan _2 15:04:05 MST 2006"),
            Map.entry("RubyDate", "Mon Jan 02 15:04:05 -0700 2006"),
            Map.entry("RFC822", "02 Jan 06 15:04 MST"),
            Map.entry("RFC822Z", "02 Jan 06 15:04 -0700"),
            Map.entry("RFC850", "Monday, 02-Jan-06 15:04:05 MST"),
            Map.entry("RFC1123", "Mon, 02 Jan 2006 15:04:05 MST"),
            Map.entry("RFC1123Z", "Mon, 02 Jan 2006 15:04:05 -0700"),
            Map.entry("RFC3339", "2006-01-02T15:04:05Z07:00"),
            Map.entry("RFC3339Nano", "2006-01-02T15:04:05.999999999Z07:00"),
            Map.entry("Kitchen", "3:04PM"),
            Map.entry("Stamp", "Jan _2 15:04:05"),
            Map.entry("StampMilli", "Jan _2 15:04:05.000"),
            Map.entry("StampMicro", "Jan _2 15:04:05.000000"),
            Map.entry("StampNano", "Jan _2 15:04:05.000000000"),
            Map.entry("DateTime", "2006-01-02 15:04:05"),
            Map.entry("DateOnly", "2006-01-02"),
            Map.entry("TimeOnly", "15:04:05"));

    static String resolve(String layout) { return NAMED.getOrDefault(layout, layout); }

    static List<Chunk> chunks(String layout) {
        List<Chunk> out = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < layout.length()) {
            Object[] m = match(layout, i);
            if (m == null) {
                lit.append(layout.charAt(i++));
                continue;
            }
            if (lit.length() > 0) {
                out.add(new Chunk(lit.toString(), null, 0, '.'));
                lit.setLength(0);
            }
            Field f = (Field) m[0];
            int len = (int) m[1];
            out.add(new Chunk(null, f, f == Field.FRAC0 || f == Field.FRAC9 ? len - 1 : 0, layout.charAt(i)));
            i += len;
        }
        if (lit.length() > 0) out.add(new Chunk(lit.toString(), null, 0, '.'));
        return out;
    }

    /** The field starting at {@code i} and its length, or null for literal text. */
    private static Object[] match(String s, int i) {
        char c = s.charAt(i);
        switch (c) {
            case 'J' -> {
                if (s.startsWith("January", i)) return of(Field.LONG_MONTH, 7);
                if (s.startsWith("Jan", i) && !lowerAt(s, i + 3)) return of(Field.MONTH, 3);
            }
            case 'M' -> {
                if (s.startsWith("Monday", i)) return of(Field.LONG_WEEKDAY, 6);
                if (s.startsWith("Mon", i) && !lowerAt(s, i + 3)) return of(Field.WEEKDAY, 3);
                if (s.startsWith("MST", i)) return of(Field.TZ, 3);
            }
            case '0' -> {
                if (s.startsWith("002", i)) return of(Field.ZERO_YEARDAY, 3);
                if (i + 1 < s.length() && s.charAt(i + 1) >= '1' && s.charAt(i + 1) <= '6') {
                    Field[] zero = {Field.ZERO_MONTH, Field.ZERO_DAY, Field.ZERO_HOUR12, Field.ZERO_MINUTE, Field.ZERO_SECOND, Field.YEAR};
                    return of(zero[s.charAt(i + 1) - '1'], 2);
                }
            }
            case '1' -> {
                return s.startsWith("15", i) ? of(Field.HOUR, 2) : of(Field.NUM_MONTH, 1);
            }
            case '2' -> {
                return s.startsWith("2006", i) ? of(Field.LONG_YEAR, 4) : of(Field.DAY, 1);
            }
            case '_' -> {
                if (s.startsWith("__2", i)) return of(Field.UNDER_YEARDAY, 3);
                if (s.startsWith("_2", i) && !s.startsWith("_2006", i)) return of(Field.UNDER_DAY, 2);
            }
            case '3' -> { return of(Field.HOUR12, 1); }
            case '4' -> { return of(Field.MINUTE, 1); }
            case '5' -> { return of(Field.SECOND, 1); }
            case 'P' -> { if (s.startsWith("PM", i)) return of(Field.PM, 2); }
            case 'p' -> { if (s.startsWith("pm", i)) return of(Field.LOWER_PM, 2); }
            case '-' -> {
                if (s.startsWith("-07:00:00", i)) return of(Field.NUM_COLON_SECONDS_TZ, 9);
                if (s.startsWith("-070000", i)) return of(Field.NUM_SECONDS_TZ, 7);
                if (s.startsWith("-07:00", i)) return of(Field.NUM_COLON_TZ, 6);
                if (s.startsWith("-0700", i)) return of(Field.NUM_TZ, 5);
                if (s.startsWith("-07", i)) return of(Field.NUM_SHORT_TZ, 3);
            }
            case 'Z' -> {
                if (s.startsWith("Z07:00:00", i)) return of(Field.ISO_COLON_SECONDS_TZ, 9);
                if (s.startsWith("Z070000", i)) return of(Field.ISO_SECONDS_TZ, 7);
                if (s.startsWith("Z07:00", i)) return of(Field.ISO_COLON_TZ, 6);
                if (s.startsWith("Z0700", i)) return of(Field.ISO_TZ, 5);
                if (s.startsWith("Z07", i)) return of(Field.ISO_SHORT_TZ, 3);
            }
            case '.', ',' -> {
                if (i + 1 < s.length() && (s.charAt(i + 1) == '0' || s.charAt(i + 1) == '9')) {
                    char d = s.charAt(i + 1);
                    int j = i + 1;
                    while (j < s.length() && s.charAt(j) == d) j++;
                    if (j >= s.length() || !Character.isDigit(s.charAt(j))) {
                        return of(d == '0' ? Field.FRAC0 : Field.FRAC9, j - i);
                    }
                }
            }
            default -> { }
        }
        return null;
    }

    private static Object[] of(Field f, int len) { return new Object[] {f, len}; }

    private static boolean lowerAt(String s, int i) {
        return i < s.length() && s.charAt(i) >= 'a' && s.charAt(i) <= 'z';
    }
}
