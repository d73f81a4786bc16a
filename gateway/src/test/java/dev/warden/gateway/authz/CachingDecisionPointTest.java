package dev.warden.gateway.authz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.auth.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class CachingDecisionPointTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    final AtomicLong nanos = new AtomicLong();
    final AtomicInteger evaluations = new AtomicInteger();

    /** Allows SELECTs for 60 s, denies everything else. */
    final PolicyDecisionPoint policy = new PolicyDecisionPoint() {
        @Override
        public Decision decide(DecisionRequest r) {
            evaluations.incrementAndGet();
            return r.parameters().path("query").asString("").startsWith("SELECT")
                    ? Decision.allow("ok", null, 60, "v1") : Decision.deny("no", "v1");
        }

        @Override public String policyVersion() { return "v1"; }

        @Override public String engine() { return "test"; }
    };

    static DecisionRequest request(String query, String requestId, String role) {
        return new DecisionRequest(DecisionRequest.INVOKE, "pg", "q", (ObjectNode) JSON.readTree(
                "{\"query\":\"" + query + "\"}"), new Principal("alice", null, List.of(role), List.of()), Map.of(),
                new DecisionRequest.Context(requestId, Instant.now(), null));
    }

    @Test
    void anAllowIsReusedForItsTtlWhateverTheRequestIdThenAskedAgain() {
        CachingDecisionPoint pdp = new CachingDecisionPoint(policy, 100, nanos::get);
        assertThat(pdp.decide(request("SELECT 1", "r1", "dev")).allow()).isTrue();
        assertThat(pdp.decide(request("SELECT 1", "r2", "dev")).allow()).isTrue();
        assertThat(evaluations).hasValue(1);
        nanos.addAndGet(Duration.ofSeconds(61).toNanos());
        pdp.decide(request("SELECT 1", "r3", "dev"));
        assertThat(evaluations).hasValue(2);
    }

    @Test
    void denialsAreNeverCachedAndTheKeyIncludesParametersAndPrincipal() {
        CachingDecisionPoint pdp = new CachingDecisionPoint(policy, 100, nanos::get);
        pdp.decide(request("DROP x", "r1", "dev"));
        pdp.decide(request("DROP x", "r2", "dev"));
        assertThat(evaluations).hasValue(2);
        pdp.decide(request("SELECT 1", "r3", "dev"));
        pdp.decide(request("SELECT 2", "r4", "dev"));
        pdp.decide(request("SELECT 1", "r5", "admin"));
        assertThat(evaluations).hasValue(5);
    }

    @Test
    void anAllowForOneEmailIsNotServedToAnotherTokenWithTheSameSubject() {
        CachingDecisionPoint pdp = new CachingDecisionPoint(policy, 100, nanos::get);
        DecisionRequest alice = request("SELECT 1", "r1", "dev");
        pdp.decide(alice);
        pdp.decide(withEmail(alice, "alice@example.com"));
        pdp.decide(withEmail(alice, "mallory@evil.example"));
        pdp.decide(withEmail(alice, "alice@example.com"));
        assertThat(evaluations).as("no email, alice's, mallory's; then alice's from the cache").hasValue(3);
    }

    static DecisionRequest withEmail(DecisionRequest r, String email) {
        return new DecisionRequest(r.action(), r.serverName(), r.toolName(), r.parameters(),
                new Principal(r.user().subject(), email, r.user().roles(), r.user().teams()), r.serverMetadata(),
                r.context());
    }

    @Test
    void clearForgetsEveryAllowSoTheNextCallIsAskedAgain() {
        CachingDecisionPoint pdp = new CachingDecisionPoint(policy, 100, nanos::get);
        pdp.decide(request("SELECT 1", "r1", "dev"));
        pdp.clear();
        pdp.decide(request("SELECT 1", "r2", "dev"));
        assertThat(evaluations).hasValue(2);
        assertThat(pdp.stats().misses()).isEqualTo(2);
    }

    @Test
    void anAllowCachedUnderOnePolicyVersionIsNotServedOnceAnotherServesEvenBeforeAClear() {
        java.util.concurrent.atomic.AtomicReference<String> version = new java.util.concurrent.atomic.AtomicReference<>("v1");
        PolicyDecisionPoint reloadable = new PolicyDecisionPoint() {
            @Override
            public Decision decide(DecisionRequest r) {
                evaluations.incrementAndGet();
                return version.get().equals("v1") ? Decision.allow("ok", null, 60, "v1") : Decision.deny("revoked", "v2");
            }

            @Override public String policyVersion() { return version.get(); }

            @Override public String engine() { return "test"; }
        };
        CachingDecisionPoint pdp = new CachingDecisionPoint(reloadable, 100, nanos::get);
        assertThat(pdp.decide(request("SELECT 1", "r1", "dev")).allow()).isTrue();
        assertThat(pdp.decide(request("SELECT 1", "r2", "dev")).allow()).isTrue();
        assertThat(evaluations).hasValue(1);

        version.set("v2"); // the new policy serves; the reload has not cleared the cache yet
        Decision after = pdp.decide(request("SELECT 1", "r3", "dev"));
        assertThat(after.allow()).isFalse();
        assertThat(after.reason()).isEqualTo("revoked");
    }

    @Test
    void anAnswerComputedBeforeAClearIsNeverServedAfterIt() throws Exception {
        java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        PolicyDecisionPoint slow = new PolicyDecisionPoint() {
            @Override
            public Decision decide(DecisionRequest r) {
                if (evaluations.incrementAndGet() == 1) { // the first answer is the old policy's, held back
                    asked.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Decision.allow("old policy", null, 60, "v1");
                }
                return Decision.deny("new policy", "v2");
            }

            @Override public String policyVersion() { return "v2"; }

            @Override public String engine() { return "test"; }
        };
        CachingDecisionPoint pdp = new CachingDecisionPoint(slow, 100, nanos::get);
        Thread inFlight = Thread.ofVirtual().start(() -> pdp.decide(request("SELECT 1", "r1", "dev")));
        asked.await();
        pdp.clear(); // the reload happens while the old policy is still answering
        release.countDown();
        inFlight.join();
        Decision after = pdp.decide(request("SELECT 1", "r2", "dev"));
        assertThat(after.allow()).isFalse();
        assertThat(after.reason()).isEqualTo("new policy");
    }
}
