package dev.warden.gateway.http;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/** Strict query-string parameters: unknown names and malformed values are 400s naming the parameter. */
public final class QueryParams {
    private QueryParams() {}

    /** Refuses (400) a parameter not in {@code names}, and one given more than once. */
    public static void allowOnly(Context ctx, Set<String> names) {
        for (var e : ctx.queryParamMap().entrySet()) {
            String name = e.getKey();
            if (!names.contains(name)) {
                throw ApiException.invalid(name, "unknown query parameter; expected only " + names.stream().sorted().toList());
            }
            if (e.getValue().size() > 1) { // which one was meant? (a proxy or cache may have read the other)
                throw ApiException.invalid(name, "given " + e.getValue().size() + " times; give it once");
            }
        }
    }

    static String string(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    static boolean bool(Context ctx, String name, boolean fallback) {
        String v = string(ctx, name);
        if (v == null) return fallback;
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiException.invalid(name, "must be true or false, got '" + v + "'");
        };
    }

    static int integer(Context ctx, String name, int fallback, int min, int max) {
        String v = string(ctx, name);
        if (v == null) return fallback;
        try {
            // ASCII digits only: Integer.parseInt also reads other scripts' digits ("１２", "٣").
            boolean ascii = v.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '-');
            int n = ascii ? Integer.parseInt(v) : 0;
            if (ascii && n >= min && n <= max) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.invalid(name, "must be a whole number from " + min + " to " + max + ", got '" + v + "'");
    }

    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    static Instant instant(Context ctx, String name) {
        String v = string(ctx, name);
        if (v == null) return null;
        Instant instant;
        try {
            instant = Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z, got '" + v + "'");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) { // milliseconds since 1970 must fit in 64 bits
            throw ApiException.invalid(name, "must be an instant between the years 0 and 9999, got '" + v + "'");
        }
        return instant;
    }
}
