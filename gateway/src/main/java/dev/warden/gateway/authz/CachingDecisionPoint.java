package dev.warden.gateway.authz;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.warden.gateway.auth.Principal;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Keeps allowed decisions for the {@code cache_ttl} the policy gave them, as SARK does; denials and failures are
 * never cached, so a revoked permission is never served from here longer than the policy said. The key is
 * everything the policy sees except the per-request metadata (request id, time, source address).
 *
 * <pre>{@code
 * PolicyDecisionPoint pdp = new CachingDecisionPoint(EmbeddedPolicyEngine.load(dir, timeout, clock), 10_000,
 *         Ticker.systemTicker());
 * }</pre>
 */
public final class CachingDecisionPoint implements PolicyDecisionPoint {
    private final PolicyDecisionPoint delegate;
    private final Cache<Key, Decision> cache;

    public CachingDecisionPoint(PolicyDecisionPoint delegate, int maxEntries, Ticker ticker) {
        this.delegate = delegate;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(ticker)
                .expireAfter(Expiry.<Key, Decision>creating((k, d) -> Duration.ofSeconds(d.cacheTtlSeconds())))
                .build();
    }

    @Override
    public Decision decide(DecisionRequest r) {
        Key key = new Key(r.action(), r.serverName(), r.toolName(), r.parameters(), r.user(), r.serverMetadata());
        Decision cached = cache.getIfPresent(key);
        if (cached != null) return cached;
        Decision d = delegate.decide(r);
        if (d.allow() && !d.failed() && d.cacheTtlSeconds() > 0) cache.put(key, d);
        return d;
    }

    @Override
    public String policyVersion() { return delegate.policyVersion(); }

    @Override
    public String engine() { return delegate.engine(); }

    /** Records compare deeply: the parameters tree and the principal's roles and teams included. */
    private record Key(String action, String server, String tool, JsonNode parameters, Principal user,
                       Map<String, Object> serverMetadata) {}
}
