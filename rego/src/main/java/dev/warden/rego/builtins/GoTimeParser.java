package dev.warden.rego.builtins;

import dev.warden.rego.builtins.GoLayout.Chunk;
import dev.warden.rego.builtins.GoLayout.Field;
import java.util.List;

/** The state of one Go-layout parse; errors read like Go's {@code parsing time "v" as "layout": ...}. */
final class GoTimeParser {
    private final String layout;
    private final String original;
    private String v;
    int year, month = 1, day = 1, hour, minute, second, nanos, offset;
    private boolean pm, pmSet;

    GoTimeParser(String layout, String value) {
        this.layout = layout;
        this.original = value;
        this.v = value;
    }

    BuiltinException fail(String why) {
        return BuiltinException.error("parsing time " + quote(original) + " as " + quote(layout) + ": " + why);
    }

    private static String quote(String s) { return "\"" + s + "\""; }

    void run() {
        List<Chunk> chunks = GoLayout.chunks(layout);
        for (int i = 0; i < chunks.size(); i++) {
            Chunk c = chunks.get(i);
            if (c.field() == null) {
                literal(c.literal());
                continue;
            }
            field(c, i + 1 < chunks.size() ? chunks.get(i + 1) : null);
        }
        if (!v.isEmpty()) throw fail("extra text: " + quote(v));
        if (pmSet && pm && hour < 12) hour += 12;
        else if (pmSet && !pm && hour == 12) hour = 0;
    }

    private void literal(String lit) {
        int i = 0;
        while (i < lit.length()) {
            char c = lit.charAt(i);
            if (c == ' ') {
                if (!v.isEmpty() && v.charAt(0) != ' ') throw cannotParse(lit);
                while (i < lit.length() && lit.charAt(i) == ' ') i++;
                v = v.stripLeading();
                continue;
            }
            if (v.isEmpty() || v.charAt(0) != c) throw cannotParse(lit);
            v = v.substring(1);
            i++;
        }
    }

    private BuiltinException cannotParse(String elem) {
        return fail("cannot parse " + quote(v) + " as " + quote(elem));
    }

    private int number(int min, int max, String elem) {
        int n = 0;
        while (n < max && n < v.length() && Character.isDigit(v.charAt(n))) n++;
        if (n < min) throw cannotParse(elem);
        int out = Integer.parseInt(v.substring(0, n));
        v = v.substring(n);
        return out;
    }

    private void field(Chunk c, Chunk next) {
        String elem = c.field().name();
        switch (c.field()) {
            case LONG_YEAR -> year = number(4, 4, "2006");
            case YEAR -> {
                int y = number(2, 2, "06");
                year = y >= 69 ? 1900 + y : 2000 + y;
            }
            case LONG_MONTH, MONTH -> {
                boolean full = c.field() == Field.LONG_MONTH;
                int m = GoTime.lookup(GoTime.months(), v, 3, full);
                if (m < 0) throw cannotParse(full ? "January" : "Jan");
                v = v.substring(full ? GoTime.monthName(m).length() : 3);
                month = m + 1;
            }
            case NUM_MONTH, ZERO_MONTH -> month = number(c.field() == Field.ZERO_MONTH ? 2 : 1, 2, "01");
            case LONG_WEEKDAY, WEEKDAY -> {
                boolean full = c.field() == Field.LONG_WEEKDAY;
                int d = GoTime.lookup(GoTime.days(), v, 3, full);
                if (d < 0) throw cannotParse(full ? "Monday" : "Mon");
                v = v.substring(full ? GoTime.dayName(d).length() : 3);
            }
            case DAY, UNDER_DAY, ZERO_DAY -> {
                if (c.field() == Field.UNDER_DAY && v.startsWith(" ")) v = v.substring(1);
                day = number(c.field() == Field.ZERO_DAY ? 2 : 1, 2, "02");
            }
            case UNDER_YEARDAY, ZERO_YEARDAY -> {
                v = v.stripLeading();
                number(1, 3, "002");
            }
            case HOUR -> hour = number(1, 2, "15");
            case HOUR12, ZERO_HOUR12 -> hour = number(c.field() == Field.ZERO_HOUR12 ? 2 : 1, 2, "03");
            case MINUTE, ZERO_MINUTE -> minute = number(c.field() == Field.ZERO_MINUTE ? 2 : 1, 2, "04");
            case SECOND, ZERO_SECOND -> {
                second = number(c.field() == Field.ZERO_SECOND ? 2 : 1, 2, "05");
                boolean nextIsFraction = next != null && (next.field() == Field.FRAC0 || next.field() == Field.FRAC9);
                if (!nextIsFraction && v.length() >= 2 && (v.charAt(0) == '.' || v.charAt(0) == ',')
                        && Character.isDigit(v.charAt(1))) {
                    v = v.substring(1);
                    fraction(9);
                }
            }
            case FRAC0 -> {
                if (v.isEmpty() || v.charAt(0) != c.separator()) throw cannotParse(elem);
                v = v.substring(1);
                if (v.length() < c.digits()) throw cannotParse(elem);
                fraction(c.digits());
            }
            case FRAC9 -> {
                if (v.length() >= 2 && (v.charAt(0) == '.' || v.charAt(0) == ',') && Character.isDigit(v.charAt(1))) {
                    v = v.substring(1);
                    fraction(9);
                }
            }
            case PM, LOWER_PM -> {
                if (v.length() < 2) throw cannotParse("PM");
                String p = v.substring(0, 2).toUpperCase();
                if (!p.equals("PM") && !p.equals("AM")) throw cannotParse("PM");
                pm = p.equals("PM");
                pmSet = true;
                v = v.substring(2);
            }
            case TZ -> zoneName();
            default -> zoneOffset(c.field());
        }
    }

    /** Reads digits as a fraction of a second; at most nine are significant. */
    private void fraction(int maxDigits) {
        int n = 0;
        while (n < v.length() && Character.isDigit(v.charAt(n)) && (maxDigits == 9 || n < maxDigits)) n++;
        String digits = v.substring(0, n);
        v = v.substring(n);
        String nine = (digits + "000000000").substring(0, 9);
        nanos = Integer.parseInt(nine);
    }

    private void zoneName() {
        if (v.startsWith("UTC") || v.startsWith("GMT")) {
            v = v.substring(3);
            offset = 0;
            return;
        }
        int n = 0;
        while (n < v.length() && Character.isUpperCase(v.charAt(n))) n++;
        if (n < 3 || n > 5) throw cannotParse("MST");
        v = v.substring(n);
        offset = 0; // an unknown abbreviation: Go fabricates a zone with offset zero
    }

    private void zoneOffset(Field f) {
        boolean iso = f.name().startsWith("ISO");
        if (iso && v.startsWith("Z")) {
            v = v.substring(1);
            offset = 0;
            return;
        }
        if (v.isEmpty() || (v.charAt(0) != '+' && v.charAt(0) != '-')) throw cannotParse("-07:00");
        int sign = v.charAt(0) == '-' ? -1 : 1;
        v = v.substring(1);
        boolean colon = f.name().contains("COLON");
        int h = number(2, 2, "-07"), m = 0, s = 0;
        if (!f.name().contains("SHORT")) {
            if (colon) literal(":");
            m = number(2, 2, "-0700");
            if (f.name().contains("SECONDS")) {
                if (colon) literal(":");
                s = number(2, 2, "-070000");
            }
        }
        offset = sign * (h * 3600 + m * 60 + s);
    }
}
