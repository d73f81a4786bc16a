package dev.warden.gateway.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Typed reads from one section of the YAML tree. A wrong value is recorded as a problem naming its dotted path
 * (e.g. {@code gateway.port}) and a default is returned, so that one load reports every problem at once.
 */
final class Fields {
    private final JsonNode node;
    private final String path;
    private final List<String> problems;

    Fields(JsonNode node, String path, List<String> problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    Fields section(String name) {
        JsonNode child = node == null ? null : node.get(name);
        if (child != null && !child.isNull() && !child.isObject()) {
            problems.add(name(name) + ": must be a mapping of keys to values");
            child = null;
        }
        return new Fields(child, name(name), problems);
    }

    /** Records a problem for every key not in {@code known}, so a typo is not silently ignored. */
    void allowOnly(Set<String> known) {
        if (node == null || !node.isObject()) return;
        for (Iterator<String> it = node.propertyNames().iterator(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                problems.add(name(key) + ": unknown setting; expected one of " + known.stream().sorted().toList());
            }
        }
    }

    String string(String key, String fallback) {
        JsonNode v = value(key);
        if (v == null) return fallback;
        if (v.isString() || v.isNumber() || v.isBoolean()) {
            String s = v.asString().strip();
            return s.isEmpty() ? fallback : s;
        }
        problems.add(name(key) + ": must be a text value");
        return fallback;
    }

    int integer(String key, int fallback, int min, int max) {
        String s = string(key, null);
        if (s == null) return fallback;
        try {
            int n = Integer.parseInt(s);
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(name(key) + ": must be a whole number from " + min + " to " + max + ", got '" + s + "'");
        return fallback;
    }

    /** The largest size setting (a body is read into one array, and Java's arrays stop short of 2 GB). */
    static final long MAX_SIZE = 1024L * 1024 * 1024;

    long size(String key, long fallback) {
        String s = string(key, null);
        if (s == null) return fallback;
        Matcher m = Pattern.compile("(\\d{1,12})\\s*([kKmM][bB]?)?").matcher(s);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "" : m.group(2).substring(0, 1).toLowerCase();
            long bytes = switch (unit) { case "k" -> n * 1024; case "m" -> n * 1024 * 1024; default -> n; };
            if (bytes > 0 && bytes <= MAX_SIZE) return bytes; // 12 digits times 2^20 cannot overflow
        }
        problems.add(name(key) + ": must be a positive size such as 1048576, 512kb or 1mb, at most 1024mb, got '" + s
                + "'");
        return fallback;
    }

    boolean bool(String key, boolean fallback) {
        String s = string(key, null);
        if (s == null) return fallback;
        if (s.equalsIgnoreCase("true")) return true;
        if (s.equalsIgnoreCase("false")) return false;
        problems.add(name(key) + ": must be true or false, got '" + s + "'");
        return fallback;
    }

    /** A duration such as {@code 30s}, {@code 100ms}, {@code 5m}, {@code 1h}; a bare number means seconds. */
    Duration duration(String key, Duration fallback) {
        String s = string(key, null);
        if (s == null) return fallback;
        Duration d = DurationText.parse(s);
        if (d == null) {
            problems.add(name(key) + ": must be a duration such as 30s, 100ms, 5m or 1h, at most 365 days, got '"
                    + s + "'");
            return fallback;
        }
        return d;
    }


    /** A list of strings; a single string is accepted as a one-element list (as {@code JWT_ALGORITHM} gives). */
    List<String> strings(String key, List<String> fallback) {
        JsonNode v = value(key);
        if (v == null) return fallback;
        List<String> out = new ArrayList<>();
        if (v.isString()) {
            for (String part : v.asString().split(",")) if (!part.isBlank()) out.add(part.strip());
            return out;
        }
        if (v.isArray()) {
            for (JsonNode item : v) {
                if (!item.isString() && !item.isNumber()) {
                    problems.add(name(key) + ": must be a list of text values");
                    return fallback;
                }
                out.add(item.asString().strip());
            }
            return out;
        }
        problems.add(name(key) + ": must be a list of text values");
        return fallback;
    }

    String name(String key) { return path.isEmpty() ? key : path + "." + key; }

    void problem(String key, String message) { problems.add(name(key) + ": " + message); }

    private JsonNode value(String key) {
        if (node == null) return null;
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v;
    }
}
