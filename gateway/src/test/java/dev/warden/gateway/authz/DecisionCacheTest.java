package dev.warden.gateway.authz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.auth.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@DisplayName("The decision cache: SARK's TTLs, canonical keys, clearing and counts")
class DecisionCacheTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    final AtomicLong nanos = new AtomicLong();
    final AtomicInteger evaluations = new AtomicInteger();
    volatile Decision answer = Decision.allow("ok", null, Decision.TTL_UNSET, "v1");

    final PolicyDecisionPoint engine = new PolicyDecisionPoint() {
        @Override
        public Decision decide(DecisionRequest r) {
            evaluations.incrementAndGet();
            return answer;
        }

        @Override public String policyVersion() { return "v1"; }

        @Override public String engine() { return "test"; }
    };

    final CachingDecisionPoint cache = new CachingDecisionPoint(engine, 100, nanos::get);

    static DecisionRequest request(String params, String sensitivity, String... roles) {
        return new DecisionRequest(DecisionRequest.INVOKE, "pg", "q", (ObjectNode) JSON.readTree(params),
                new Principal("alice", null, List.of(roles), List.of()),
                sensitivity == null ? Map.of() : Map.of("sensitivity_level", sensitivity),
                new DecisionRequest.Context("r", Instant.now(), null));
    }

    void advance(long seconds) { nanos.addAndGet(Duration.ofSeconds(seconds).toNanos()); }

    @Test
    void withoutACacheTtlTheServersSensitivityDecides() {
        assertThat(CachingDecisionPoint.ttlSeconds(answer, Map.of())).isEqualTo(300);
        assertThat(CachingDecisionPoint.ttlSeconds(answer, Map.of("sensitivity_level", "low"))).isEqualTo(1800);
        assertThat(CachingDecisionPoint.ttlSeconds(answer, Map.of("sensitivity_level", "medium"))).isEqualTo(300);
        assertThat(CachingDecisionPoint.ttlSeconds(answer, Map.of("sensitivity_level", "HIGH"))).isEqualTo(60);
        assertThat(CachingDecisionPoint.ttlSeconds(answer, Map.of("sensitivity_level", "critical"))).isZero();
    }

    @Test
    void aHighSensitivityAllowLivesSixtySeconds() {
        cache.decide(request("{\"q\":1}", "high", "dev"));
        advance(59);
        cache.decide(request("{\"q\":1}", "high", "dev"));
        assertThat(evaluations).hasValue(1);
        advance(2);
        cache.decide(request("{\"q\":1}", "high", "dev"));
        assertThat(evaluations).hasValue(2);
    }

    @Test
    void criticalServersAreNeverCachedEvenWhenTheDecisionOffersATtl() {
        answer = Decision.allow("ok", null, 600, "v1");
        cache.decide(request("{}", "critical", "dev"));
        cache.decide(request("{}", "critical", "dev"));
        assertThat(evaluations).hasValue(2);
    }

    @Test
    void anExplicitZeroTtlIsNotCachedAndAnUnavailableServiceIsAskedEveryTime() {
        answer = Decision.allow("ok", null, 0, "v1");
        cache.decide(request("{}", "low", "dev"));
        cache.decide(request("{}", "low", "dev"));
        answer = Decision.unavailable("SARK down", "sark");
        cache.decide(request("{}", "low", "dev"));
        cache.decide(request("{}", "low", "dev"));
        assertThat(evaluations).hasValue(4);
    }

    @Test
    void keyOrderAndRoleOrderDoNotSplitAnEntryButValuesDo() {
        cache.decide(request("{\"a\":1,\"b\":{\"x\":[1,2],\"y\":\"s\"}}", null, "dev", "ops"));
        cache.decide(request("{\"b\":{\"y\":\"s\",\"x\":[1,2]},\"a\":1}", null, "ops", "dev"));
        assertThat(evaluations).hasValue(1);
        cache.decide(request("{\"a\":1,\"b\":{\"x\":[2,1],\"y\":\"s\"}}", null, "dev", "ops"));
        cache.decide(request("{\"a\":\"1\",\"b\":{\"x\":[1,2],\"y\":\"s\"}}", null, "dev", "ops"));
        assertThat(evaluations).hasValue(3);
    }

    @Test
    void countsHitsAndMissesAndClearForgetsEverything() {
        cache.decide(request("{}", null, "dev"));
        cache.decide(request("{}", null, "dev"));
        cache.decide(request("{}", null, "dev"));
        assertThat(cache.stats()).isEqualTo(new CachingDecisionPoint.Stats(2, 1, 1));
        cache.clear();
        cache.decide(request("{}", null, "dev"));
        assertThat(evaluations).hasValue(2);
        assertThat(cache.stats().misses()).isEqualTo(2);
    }
}
