package dev.warden.gateway.audit;

import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replaces the values of secret-looking keys with {@code "[REDACTED]"}, at any depth. A key matches when, folded
 * to compatible characters (NFKC: full-width {@code ＰＡＳＳＷＯＲＤ} is {@code PASSWORD}), in lower case, with
 * everything but letters and digits taken out, it ends with a configured key taken the same way: with
 * {@code api_key} configured, {@code apiKey}, {@code X-Api-Key} and {@code github_api_key} match; with
 * {@code password}, {@code dbpassword} and {@code db_password}; with {@code token}, {@code github_token} and
 * {@code githubtoken} match but {@code max_tokens} does not. The shipped policy's credential filter reads names
 * the same way, so a parameter it takes from a non-admin's call is also one this hides in the audit trail.
 *
 * <pre>{@code
 * JsonNode safe = new Redactor(Set.of("password")).redact(args); // {"user":"a","db_password":"[REDACTED]"}
 * }</pre>
 */
public final class Redactor {
    static final String MASK = "[REDACTED]";
    /** Beyond this many distinct key names remembered, the memo starts over (names come from callers). */
    private static final int MAX_REMEMBERED = 4096;
    private final List<String> keys;
    /**
     * Whether each key name seen is secret: tools are called with the same few argument names over and over, and
     * splitting a name into words allocates, on every audit record's path.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, Boolean> secret =
            new java.util.concurrent.ConcurrentHashMap<>();

    public Redactor(Set<String> keys) {
        this.keys = keys.stream().map(Redactor::squashed).filter(k -> !k.isEmpty()).distinct().toList();
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
        String name = squashed(key);
        for (String k : keys) {
            if (name.endsWith(k)) return true;
        }
        return false;
    }

    /** {@code X-Api-Key}, {@code apiKey}, {@code API_KEY} and {@code ａｐｉ＿ｋｅｙ} alike as {@code apikey}. */
    static String squashed(String key) {
        String folded = Normalizer.normalize(key, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(folded.length());
        folded.codePoints().filter(Character::isLetterOrDigit)
                .forEach(c -> out.appendCodePoint(Character.toLowerCase(c)));
        return out.toString();
    }
}
