package dev.warden.gateway.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replaces the values of secret-looking keys with {@code "[REDACTED]"}, at any depth. A key matches when its
 * words end with a configured key's words, case-insensitively and whatever the separator: with {@code api_key}
 * configured, {@code apiKey}, {@code X-Api-Key} and {@code github_api_key} match; with {@code token},
 * {@code github_token} matches but {@code max_tokens} does not.
 *
 * <pre>{@code
 * JsonNode safe = new Redactor(Set.of("password")).redact(args); // {"user":"a","db_password":"[REDACTED]"}
 * }</pre>
 */
public final class Redactor {
    static final String MASK = "[REDACTED]";
    /** Beyond this many distinct key names remembered, the memo starts over (names come from callers). */
    private static final int MAX_REMEMBERED = 4096;
    private final List<List<String>> keys;
    /**
     * Whether each key name seen is secret: tools are called with the same few argument names over and over, and
     * splitting a name into words allocates, on every audit record's path.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, Boolean> secret =
            new java.util.concurrent.ConcurrentHashMap<>();

    public Redactor(Set<String> keys) {
        this.keys = keys.stream().map(Redactor::words).filter(w -> !w.isEmpty()).toList();
    }

    /** A redacted deep copy; the input is not changed. */
    public JsonNode redact(JsonNode node) {
        if (node == null) return null;
        if (node instanceof ObjectNode obj) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> e : obj.properties()) {
                out.set(e.getKey(), isSecret(e.getKey()) ? JsonNodeFactory.instance.stringNode(MASK)
                        : redact(e.getValue()));
            }
            return out;
        }
        if (node instanceof ArrayNode arr) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode item : arr) out.add(redact(item));
            return out;
        }
        return node;
    }

    boolean isSecret(String key) {
        Boolean known = secret.get(key);
        if (known != null) return known;
        if (secret.size() >= MAX_REMEMBERED) secret.clear();
        boolean answer = matches(key);
        secret.put(key, answer);
        return answer;
    }

    private boolean matches(String key) {
        List<String> w = words(key);
        for (List<String> k : keys) {
            if (w.size() >= k.size() && w.subList(w.size() - k.size(), w.size()).equals(k)) return true;
        }
        return false;
    }

    /** Splits {@code X-Api-Key}, {@code apiKey}, {@code api_key} alike into lower-case words. */
    static List<String> words(String key) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                flush(out, cur);
            } else {
                if (Character.isUpperCase(c) && i > 0 && Character.isLowerCase(key.charAt(i - 1))) flush(out, cur);
                cur.append(Character.toLowerCase(c));
            }
        }
        flush(out, cur);
        return out;
    }

    private static void flush(List<String> out, StringBuilder cur) {
        if (!cur.isEmpty()) out.add(cur.toString().toLowerCase(Locale.ROOT));
        cur.setLength(0);
    }
}
