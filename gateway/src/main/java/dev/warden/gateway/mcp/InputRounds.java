package dev.warden.gateway.mcp;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code tools/call}s of revision 2026-07-28 clients that wait for the client's answers between two POSTs
 * ({@link StatelessCall}), and the {@code requestState} that names one.
 *
 * <p>A {@code requestState} is {@code <id>.<expiry>.<mac>}: a random id, the expiry in epoch milliseconds, and an
 * HMAC-SHA256 (key random per gateway process) over both with the caller's identity and the tool's name. It is
 * accepted only from the same caller, for the same tool with the same arguments, before it expires, and once: the
 * call it names is taken out when the client comes back. The calls themselves live in this process, so a retry that
 * a load balancer sends to another replica is told to call again from the start.
 *
 * <pre>{@code
 * String state = rounds.park(owner, "docs__summarize", arguments, call, answer);
 * InputRounds.Parked back = rounds.resume(state, owner, "docs__summarize", arguments);
 * }</pre>
 */
final class InputRounds {
    /** How long a call waits for the client to come back (its upstream timeout may end it sooner). */
    static final Duration TTL = Duration.ofMinutes(10);
    /** How many calls one caller may have waiting; beyond, the upstream's request is refused. */
    static final int MAX_PER_CALLER = 100;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A waiting call: whose, for which tool and arguments, until when, and its pipeline's answer to come. */
    record Parked(String owner, String tool, ObjectNode arguments, long expiresAtMillis, StatelessCall call,
                  CompletableFuture<ObjectNode> answer) {}

    private final Map<String, Parked> parked = new ConcurrentHashMap<>();
    private final SecretKeySpec key;
    private final Clock clock;

    InputRounds(Clock clock) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
        this.clock = clock;
    }

    /**
     * Parks a call until the client comes back with its answers; returns the {@code requestState} to give it.
     *
     * @throws McpError when the caller has {@link #MAX_PER_CALLER} calls waiting already (the call's open requests are
     *                  abandoned, so that the upstream goes on without them)
     */
    String park(String owner, String tool, ObjectNode arguments, StatelessCall call,
                CompletableFuture<ObjectNode> answer) {
        sweep();
        if (parked.values().stream().filter(p -> p.owner().equals(owner)).count() >= MAX_PER_CALLER) {
            call.abandon("the caller has " + MAX_PER_CALLER + " tool calls waiting for input already");
            throw new McpError(McpError.INTERNAL_ERROR, "too many tool calls waiting for your input ("
                    + MAX_PER_CALLER + "); answer or abandon some first");
        }
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long expires = clock.millis() + TTL.toMillis();
        parked.put(id, new Parked(owner, tool, arguments, expires, call, answer));
        return id + "." + expires + "." + mac(id, expires, owner, tool);
    }

    /**
     * The call a {@code requestState} names, taken out of waiting.
     *
     * @throws McpError -32602 saying why the state is refused: altered or not this caller's or tool's, expired, or not
     *                  known here (used already, swept, or issued by another replica)
     */
    Parked resume(String state, String owner, String tool, JsonNode arguments) {
        String[] parts = state.split("\\.", -1);
        long expires;
        try {
            expires = parts.length == 3 ? Long.parseLong(parts[1]) : -1;
        } catch (NumberFormatException e) {
            expires = -1;
        }
        if (expires < 0 || !MessageDigest.isEqual(parts[2].getBytes(StandardCharsets.US_ASCII),
                mac(parts[0], expires, owner, tool).getBytes(StandardCharsets.US_ASCII))) {
            throw invalid("tools/call: \"requestState\" was not issued to this caller for this tool, or was altered");
        }
        if (clock.millis() > expires) {
            Parked gone = parked.remove(parts[0]);
            if (gone != null) gone.call().abandon("the client came back after its input round expired");
            throw invalid("tools/call: \"requestState\" has expired; call the tool again without it");
        }
        Parked p = parked.get(parts[0]);
        if (p == null) {
            throw invalid("tools/call: \"requestState\" is not known to this gateway (used already, or issued by "
                    + "another replica); call the tool again without it");
        }
        if (!p.arguments().equals(arguments)) {
            throw invalid("tools/call: the retry's arguments differ from those of the call its \"requestState\" "
                    + "belongs to");
        }
        if (!parked.remove(parts[0], p)) throw invalid("tools/call: \"requestState\" was used already");
        return p;
    }

    /** Puts back a call {@link #resume} took out, under the same state (the retry was refused before it was used). */
    void restore(String state, Parked p) {
        parked.putIfAbsent(state.substring(0, state.indexOf('.')), p);
    }

    /** Abandons every waiting call (the gateway is stopping). */
    void close() {
        parked.values().forEach(p -> p.call().abandon("the gateway is stopping"));
        parked.clear();
    }

    /** Forgets calls whose client did not come back in time, abandoning their open requests. */
    private void sweep() {
        long now = clock.millis();
        parked.entrySet().removeIf(e -> {
            if (e.getValue().expiresAtMillis() >= now) return false;
            e.getValue().call().abandon("the client did not answer within " + TTL.toMinutes() + " minutes");
            return true;
        });
    }

    private String mac(String id, long expires, String owner, String tool) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] sum = mac.doFinal((id + "\n" + expires + "\n" + owner + "\n" + tool)
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sum);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static McpError invalid(String message) { return new McpError(McpError.INVALID_PARAMS, message); }
}
