package dev.warden.gateway.authz;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.databind.JsonNode;

/**
 * Keeps allowed decisions of any engine (embedded, SARK, OPA) for as long as SARK would: the decision's
 * {@code cache_ttl} when the engine gave one, else by the server's {@code sensitivity_level} (none 300 s, low
 * 1800 s, medium 300 s, high 60 s, critical never). Denials and failures are never cached, so a revoked
 * permission is never served from here longer than the policy said, and a decision service that is down is asked
 * again on every request.
 *
 * <p>The key is a SHA-256 of what the policy decides on: action, server, tool, user id and email, sorted roles and
 * teams, and the parameters in canonical form (object keys sorted), so that {@code {"a":1,"b":2}} and
 * {@code {"b":2,"a":1}} share an entry while the per-request metadata (request id, time, source address) never
 * splits one: a policy that decides on those must answer {@code cache_ttl} 0. (Until 26 Nov the email was left
 * out, so under a policy that reads {@code input.user.email} a token with the same subject and another email got
 * the first one's cached allow.)
 *
 * <pre>{@code
 * CachingDecisionPoint pdp = new CachingDecisionPoint(new SarkDecisionEngine(settings), 10_000, Ticker.systemTicker());
 * pdp.decide(request);
 * long hits = pdp.stats().hits();
 * pdp.clear(); // after a policy or registry reload
 * }</pre>
 */
public final class CachingDecisionPoint implements PolicyDecisionPoint {
    private final PolicyDecisionPoint delegate;
    private final Cache<String, Entry> cache;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    /** Bumped by {@link #clear()}; part of every key, so a decision begun before a clear is never found after it. */
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    public CachingDecisionPoint(PolicyDecisionPoint delegate, int maxEntries, Ticker ticker) {
        this.delegate = delegate;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(ticker)
                .expireAfter(Expiry.<String, Entry>creating((k, e) -> Duration.ofSeconds(e.ttlSeconds())))
                .build();
    }

    /** Counts since start; {@code size} is the number of decisions held now (approximate, as Caffeine counts). */
    public record Stats(long hits, long misses, long size) {}

    /** A cached decision and the TTL it was stored with. */
    private record Entry(Decision decision, long ttlSeconds) {}

    @Override
    public Decision decide(DecisionRequest r) {
        if (neverCached(r.serverMetadata())) { // no key to compute, nothing to look up or store
            misses.increment();
            return delegate.decide(r);
        }
        // The generation and the policy version are read before the engine is asked: an answer from the policies in
        // force before a reload is stored under the old ones, where no request made after the reload looks. The
        // version also closes the moment between a new policy starting to serve and the reload's clear().
        String key = generation.get() + ":" + delegate.policyVersion() + ":" + key(r);
        Entry cached = cache.getIfPresent(key);
        if (cached != null) {
            hits.increment();
            return cached.decision();
        }
        misses.increment();
        Decision d = delegate.decide(r);
        if (d.allow()) {
            long ttl = ttlSeconds(d, r.serverMetadata());
            if (ttl > 0) cache.put(key, new Entry(d, ttl));
        }
        return d;
    }

    /** Forgets every cached decision; called when the policies or the server registry are reloaded. */
    public void clear() {
        generation.incrementAndGet();
        cache.invalidateAll();
    }

    public Stats stats() { return new Stats(hits.sum(), misses.sum(), cache.estimatedSize()); }

    /** The engine behind this cache. */
    public PolicyDecisionPoint delegate() { return delegate; }

    @Override
    public String policyVersion() { return delegate.policyVersion(); }

    @Override
    public String engine() { return delegate.engine(); }

    /**
     * The decision's own TTL, else SARK's default for the server's sensitivity level; critical servers are never
     * cached whatever the decision says.
     */
    public static long ttlSeconds(Decision d, Map<String, Object> serverMetadata) {
        if (neverCached(serverMetadata)) return 0;
        Object level = serverMetadata.get("sensitivity_level");
        String sensitivity = level == null ? "none" : level.toString().toLowerCase(Locale.ROOT);
        if (d.cacheTtlSeconds() != Decision.TTL_UNSET) return Math.max(0, d.cacheTtlSeconds());
        return switch (sensitivity) {
            case "low" -> 1800;
            case "high" -> 60;
            case "none", "medium" -> 300;
            default -> 60; // an unknown level is treated with the caution of a high one
        };
    }

    /** Decisions about critical servers are never cached, whatever the decision says. */
    private static boolean neverCached(Map<String, Object> serverMetadata) {
        return serverMetadata.get("sensitivity_level") instanceof Object level
                && level.toString().equalsIgnoreCase("critical");
    }

    static String key(DecisionRequest r) {
        StringBuilder sb = new StringBuilder(256);
        field(sb, r.action());
        field(sb, r.serverName());
        field(sb, r.toolName());
        field(sb, r.user().subject());
        field(sb, r.user().email());
        field(sb, String.join("\u0001", sorted(r.user().roles())));
        field(sb, String.join("\u0001", sorted(r.user().teams())));
        if (r.parameters() != null) canonical(sb, r.parameters());
        return sha256(sb.toString());
    }

    private static void field(StringBuilder sb, String value) {
        sb.append(value == null ? "\u0002" : value).append('\u0000');
    }

    private static List<String> sorted(List<String> values) {
        List<String> copy = new ArrayList<>(values);
        copy.sort(null);
        return copy;
    }

    /** JSON with object keys sorted at every depth; strings quoted so that no two values write the same text. */
    static void canonical(StringBuilder sb, JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>(node.propertyNames());
            names.sort(null);
            sb.append('{');
            for (String name : names) {
                quote(sb, name);
                sb.append(':');
                canonical(sb, node.get(name));
                sb.append(',');
            }
            sb.append('}');
        } else if (node.isArray()) {
            sb.append('[');
            for (JsonNode item : node) {
                canonical(sb, item);
                sb.append(',');
            }
            sb.append(']');
        } else if (node.isString()) {
            quote(sb, node.asString());
        } else {
            sb.append(node.toString());
        }
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
