package dev.warden.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.gateway.auth.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

@DisplayName("MCP sessions: bound to a principal, expiring when idle, bounded in number")
class McpSessionsTest {
    private static final Principal ALICE = new Principal("alice", null, List.of("developer"), List.of());
    private static final Principal BOB = new Principal("bob", null, List.of("admin"), List.of());

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(java.time.ZoneId zone) { return this; }

        @Override public Instant instant() { return now; }
    }

    private final ManualClock clock = new ManualClock();
    private final McpSessions sessions = new McpSessions(Duration.ofMinutes(30), 2, clock);

    private McpSession open(Principal who) {
        return sessions.create(who, "2025-11-25", JsonNodeFactory.instance.objectNode().put("name", "t"));
    }

    @Test
    void onlyItsOwnerFindsASession() {
        McpSession s = open(ALICE);
        assertThat(sessions.find(s.id(), ALICE)).contains(s);
        assertThat(sessions.find(s.id(), BOB)).isEmpty();
        assertThat(sessions.end(s.id(), BOB)).isFalse();
        assertThat(sessions.end(s.id(), ALICE)).isTrue();
        assertThat(sessions.find(s.id(), ALICE)).isEmpty();
    }

    @Test
    void aSessionExpiresAfterItsIdleTimeoutButUseKeepsItAlive() {
        McpSession s = open(ALICE);
        clock.now = clock.now.plus(Duration.ofMinutes(20));
        assertThat(sessions.find(s.id(), ALICE)).isPresent();
        clock.now = clock.now.plus(Duration.ofMinutes(20));
        assertThat(sessions.find(s.id(), ALICE)).as("used 20 minutes ago").isPresent();
        assertThat(sessions.live(s.id())).isTrue();
        clock.now = clock.now.plus(Duration.ofMinutes(31));
        assertThat(sessions.live(s.id())).as("an open stream ends with its session").isFalse();
        assertThat(sessions.find(s.id(), ALICE)).isEmpty();
    }

    @Test
    void theTableIsBoundedAndExpiredSessionsMakeRoom() {
        open(ALICE);
        open(BOB);
        assertThatThrownBy(() -> open(ALICE)).isInstanceOf(McpError.class).hasMessageContaining("maximum of 2");
        clock.now = clock.now.plus(Duration.ofHours(1));
        assertThat(open(ALICE).id()).isNotBlank();
        assertThat(sessions.size()).isEqualTo(1);
    }

    @Test
    void oneSubjectHoldsOnlyItsShareSoItCannotLockOthersOut() {
        McpSessions shared = new McpSessions(Duration.ofMinutes(30), 10, 3, clock, id -> { });
        for (int i = 0; i < 3; i++) shared.create(ALICE, "2025-11-25", JsonNodeFactory.instance.objectNode());
        assertThatThrownBy(() -> shared.create(ALICE, "2025-11-25", JsonNodeFactory.instance.objectNode()))
                .isInstanceOf(McpError.class).hasMessageContaining("maximum of 3 MCP sessions per user")
                .extracting(e -> ((McpError) e).httpStatus()).isEqualTo(429);
        assertThat(shared.create(BOB, "2025-11-25", JsonNodeFactory.instance.objectNode()).id())
                .as("another user still gets a session").isNotBlank();
        clock.now = clock.now.plus(Duration.ofHours(1));
        assertThat(shared.create(ALICE, "2025-11-25", JsonNodeFactory.instance.objectNode()).id())
                .as("expired sessions give the share back").isNotBlank();
    }

    @Test
    void everyWayASessionEndsIsToldOnce() {
        List<String> ended = new java.util.concurrent.CopyOnWriteArrayList<>();
        McpSessions told = new McpSessions(Duration.ofMinutes(30), 10, 10, clock, ended::add);
        McpSession deleted = told.create(ALICE, "2025-11-25", JsonNodeFactory.instance.objectNode());
        McpSession foundExpired = told.create(ALICE, "2025-11-25", JsonNodeFactory.instance.objectNode());
        McpSession swept = told.create(BOB, "2025-11-25", JsonNodeFactory.instance.objectNode());

        assertThat(told.end(deleted.id(), ALICE)).isTrue();
        assertThat(told.end(deleted.id(), ALICE)).isFalse();
        clock.now = clock.now.plus(Duration.ofMinutes(31));
        assertThat(told.find(foundExpired.id(), ALICE)).isEmpty();
        told.sweep();
        told.sweep();

        assertThat(ended).containsExactly(deleted.id(), foundExpired.id(), swept.id());
    }

    @Test
    void theSweeperEndsIdleSessionsOnItsOwn() throws InterruptedException {
        List<String> ended = new java.util.concurrent.CopyOnWriteArrayList<>();
        McpSessions swept = new McpSessions(Duration.ofMinutes(30), 10, 10, clock, ended::add);
        McpSession idle = swept.create(ALICE, "2025-11-25", JsonNodeFactory.instance.objectNode());
        clock.now = clock.now.plus(Duration.ofHours(1));
        swept.startSweeping(Duration.ofMillis(20));
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (ended.isEmpty() && System.nanoTime() < deadline) Thread.sleep(10);
        } finally {
            swept.stopSweeping();
        }
        assertThat(ended).containsExactly(idle.id());
    }

    @Test
    void theSweepIntervalIsHalfTheIdleTimeoutWithinBounds() {
        assertThat(McpEndpoint.sweepInterval(Duration.ofMinutes(30))).isEqualTo(Duration.ofMinutes(1));
        assertThat(McpEndpoint.sweepInterval(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(5));
        assertThat(McpEndpoint.sweepInterval(Duration.ofMillis(500))).isEqualTo(Duration.ofSeconds(1));
    }
}
