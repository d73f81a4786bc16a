package dev.warden.rego.builtins;

import static dev.warden.rego.builtins.Decl.ANY;
import static dev.warden.rego.builtins.Decl.NUMBER;
import static dev.warden.rego.builtins.Decl.STRING;
import static dev.warden.rego.builtins.Decl.fn;

import dev.warden.rego.types.Type;
import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * {@code time.*}: timestamps are nanoseconds since the epoch (int64, as in Go); zones come from Java's zone
 * database; layouts are Go's (see {@link GoLayout}). {@code time.now_ns} is the evaluation's fixed clock.
 */
final class TimeBuiltins {
    private TimeBuiltins() {}

    private static final BigInteger BILLION = BigInteger.valueOf(1_000_000_000);
    private static final Map<String, Long> UNITS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L,
            "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    static List<Builtin> all() {
        Type timeArg = Type.anyOf(NUMBER, Type.array(ANY));
        return List.of(
                Decl.nondeterministic("time.now_ns", List.of(), NUMBER, (ctx, a) -> NumberValue.of(ctx.nowNanos())),
                fn("time.parse_ns", List.of(STRING, STRING), NUMBER,
                        (ctx, a) -> NumberValue.of(GoTime.parse(Args.string(a, 0), Args.string(a, 1)))),
                fn("time.parse_rfc3339_ns", List.of(STRING), NUMBER,
                        (ctx, a) -> NumberValue.of(GoTime.parse("RFC3339", Args.string(a, 0)))),
                fn("time.parse_duration_ns", List.of(STRING), NUMBER, (ctx, a) -> NumberValue.of(duration(Args.string(a, 0)))),
                fn("time.date", List.of(timeArg), Type.array(NUMBER), (ctx, a) -> {
                    ZonedDateTime t = time(a, 0);
                    return ArrayValue.of(num(t.getYear()), num(t.getMonthValue()), num(t.getDayOfMonth()));
                }),
                fn("time.clock", List.of(timeArg), Type.array(NUMBER), (ctx, a) -> {
                    ZonedDateTime t = time(a, 0);
                    return ArrayValue.of(num(t.getHour()), num(t.getMinute()), num(t.getSecond()));
                }),
                fn("time.weekday", List.of(timeArg), STRING, (ctx, a) -> StringValue.of(GoTime.weekday(time(a, 0)))),
                fn("time.add_date", List.of(NUMBER, NUMBER, NUMBER, NUMBER), NUMBER, (ctx, a) -> addDate(a)),
                fn("time.diff", List.of(timeArg, timeArg), Type.array(NUMBER), (ctx, a) -> diff(time(a, 0), time(a, 1))),
                fn("time.format", List.of(Type.anyOf(NUMBER, Type.array(ANY))), STRING, (ctx, a) -> {
                    String layout = a[0] instanceof ArrayValue arr && arr.size() > 2 && arr.get(2) instanceof StringValue s
                            ? s.value() : "RFC3339Nano";
                    return StringValue.of(GoTime.format(time(a, 0), layout));
                }),
                fn("test.sleep", List.of(STRING), null, (ctx, a) -> sleep(ctx, Args.string(a, 0))));
    }

    private static NumberValue num(long n) { return NumberValue.of(n); }

    /** A time operand: nanoseconds, or {@code [ns, zone]} / {@code [ns, zone, layout]}. */
    static ZonedDateTime time(Value[] a, int pos) {
        Value nsValue = a[pos];
        ZoneId zone = ZoneOffset.UTC;
        if (a[pos] instanceof ArrayValue arr) {
            if (arr.size() < 1 || arr.size() > 3) {
                throw Args.typeError(pos, "expected array of length 2 or 3, got length " + arr.size());
            }
            nsValue = arr.get(0);
            if (arr.size() > 1) {
                if (!(arr.get(1) instanceof StringValue tz)) throw Args.typeError(pos, "time zone must be a string");
                zone = zone(tz.value());
            }
        }
        if (!(nsValue instanceof NumberValue n)) throw Args.typeError(pos, nsValue, "number");
        BigInteger ns = n.decimalValue().setScale(0, RoundingMode.DOWN).toBigInteger();
        if (ns.bitLength() >= 64) throw BuiltinException.error("timestamp too big");
        return instant(ns.longValue()).atZone(zone);
    }

    private static ZoneId zone(String tz) {
        if (tz.isEmpty() || tz.equals("UTC")) return ZoneOffset.UTC;
        if (tz.equals("Local")) return ZoneId.systemDefault();
        try {
            return ZoneId.of(tz);
        } catch (DateTimeException e) {
            throw BuiltinException.error("unknown time zone " + tz);
        }
    }

    static Instant instant(long ns) {
        return Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L));
    }

    private static long nanos(ZonedDateTime t) {
        BigInteger ns = BigInteger.valueOf(t.toEpochSecond()).multiply(BILLION).add(BigInteger.valueOf(t.getNano()));
        if (ns.bitLength() >= 64) throw BuiltinException.error("time outside of valid range");
        return ns.longValue();
    }

    /** Go's AddDate: months overflow into years, days overflow into months, nothing is clamped. */
    private static Value addDate(Value[] a) {
        ZonedDateTime t = time(a, 0);
        long years = Args.smallInt(a, 1), months = Args.smallInt(a, 2), days = Args.smallInt(a, 3);
        long totalMonths = (t.getYear() + years) * 12 + (t.getMonthValue() - 1) + months;
        try {
            LocalDate first = LocalDate.of((int) Math.floorDiv(totalMonths, 12), (int) Math.floorMod(totalMonths, 12) + 1, 1);
            LocalDate date = first.plusDays(t.getDayOfMonth() - 1 + days);
            return NumberValue.of(nanos(t.with(date)));
        } catch (DateTimeException | ArithmeticException e) {
            throw BuiltinException.error("time outside of valid range");
        }
    }

    /** [years, months, days, hours, minutes, seconds] between two times, in the first one's zone. */
    private static Value diff(ZonedDateTime a, ZonedDateTime b) {
        b = b.withZoneSameInstant(a.getZone());
        if (a.isAfter(b)) {
            ZonedDateTime swap = a;
            a = b;
            b = swap;
        }
        int year = b.getYear() - a.getYear(), month = b.getMonthValue() - a.getMonthValue();
        int day = b.getDayOfMonth() - a.getDayOfMonth(), hour = b.getHour() - a.getHour();
        int min = b.getMinute() - a.getMinute(), sec = b.getSecond() - a.getSecond();
        if (sec < 0) { sec += 60; min--; }
        if (min < 0) { min += 60; hour--; }
        if (hour < 0) { hour += 24; day--; }
        if (day < 0) {
            day += LocalDate.of(a.getYear(), a.getMonthValue(), 1).lengthOfMonth();
            month--;
        }
        if (month < 0) { month += 12; year--; }
        return ArrayValue.of(num(year), num(month), num(day), num(hour), num(min), num(sec));
    }

    /** Go's time.ParseDuration, in nanoseconds. */
    static long duration(String text) {
        String s = text;
        boolean neg = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) return 0;
        if (s.isEmpty()) throw invalidDuration(text);
        BigDecimal total = BigDecimal.ZERO;
        while (!s.isEmpty()) {
            int i = 0;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
            String number = s.substring(0, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                throw invalidDuration(text);
            }
            int j = i;
            while (j < s.length() && !Character.isDigit(s.charAt(j)) && s.charAt(j) != '.') j++;
            String unit = s.substring(i, j);
            if (unit.isEmpty()) throw BuiltinException.error("time: missing unit in duration " + quote(text));
            Long scale = UNITS.get(unit);
            if (scale == null) throw BuiltinException.error("time: unknown unit " + quote(unit) + " in duration " + quote(text));
            total = total.add(new BigDecimal(number.endsWith(".") ? number + "0" : number).multiply(BigDecimal.valueOf(scale)));
            s = s.substring(j);
        }
        BigInteger ns = total.setScale(0, RoundingMode.DOWN).toBigInteger();
        if (neg) ns = ns.negate();
        if (ns.bitLength() >= 64) throw invalidDuration(text);
        return ns.longValue();
    }

    private static BuiltinException invalidDuration(String text) {
        return BuiltinException.error("time: invalid duration " + quote(text));
    }

    private static String quote(String s) { return "\"" + s + "\""; }

    private static Value sleep(BuiltinContext ctx, String d) {
        long ns = duration(d);
        long end = System.nanoTime() + Math.max(ns, 0);
        while (System.nanoTime() < end) {
            ctx.checkCancelled();
            try {
                Thread.sleep(Math.min(10, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw BuiltinException.error("sleep interrupted");
            }
        }
        return dev.warden.rego.value.BooleanValue.TRUE;
    }
}
