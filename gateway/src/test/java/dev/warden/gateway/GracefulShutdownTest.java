package dev.warden.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.audit.AuditEvent;
import dev.warden.gateway.audit.AuditQuery;
import dev.warden.gateway.audit.SqliteAuditStore;
import dev.warden.gateway.support.FakeUpstreams;
import dev.warden.gateway.support.RolePolicy;
import dev.warden.gateway.support.TestGateway;
import dev.warden.gateway.support.TestGateway.Response;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GracefulShutdownTest {
    @TempDir
    Path dir;

    @Test
    void answeredCallsAndRefusalsLeaveNothingInFlightSoStoppingDoesNotWaitForThem() {
        FakeUpstreams upstreams = new FakeUpstreams().server("postgres-mcp", true, Map.of(), "sleep");
        TestGateway gw = TestGateway.start(dir, upstreams, new RolePolicy(), "gateway:\n  shutdown_grace: 20s\n");
        String admin = gw.token("root", "admin");
        String call = "{\"server_name\":\"postgres-mcp\",\"tool_name\":\"sleep\",\"parameters\":{\"ms\":1}}";
        assertThat(gw.post("/tools/invoke", admin, call).status()).isEqualTo(200);
        assertThat(gw.post("/tools/invoke", null, call).status()).isEqualTo(401);
        assertThat(gw.post("/tools/invoke", admin, "{oops").status()).isEqualTo(400);
        assertThat(gw.post("/tools/invoke", admin, "{\"server_name\":\"nope\",\"tool_name\":\"x\"}").status())
                .isEqualTo(404);

        long started = System.nanoTime();
        gw.close();
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(5);
    }

    @Test
    void inFlightCallsFinishAndAreAuditedWhileNewRequestsAreTurnedAway() throws Exception {
        FakeUpstreams upstreams = new FakeUpstreams().server("postgres-mcp", true, Map.of(), "sleep");
        TestGateway gw = TestGateway.start(dir, upstreams, new RolePolicy(), "");
        String admin = gw.token("root", "admin");

        CompletableFuture<Response> inFlight = CompletableFuture.supplyAsync(() -> gw.post("/tools/invoke", admin,
                "{\"server_name\":\"postgres-mcp\",\"tool_name\":\"sleep\",\"parameters\":{\"ms\":3000}}"));
        assertThat(upstreams.sleeping.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(gw::close);
        Thread.sleep(100);

        Response turnedAway = gw.get("/servers", admin);
        assertThat(turnedAway.status()).isEqualTo(503);
        assertThat(turnedAway.json().at("/error/code").asString()).isEqualTo("SHUTTING_DOWN");
        assertThat(gw.get("/health", null).status()).isEqualTo(503);
        Response invokeTurnedAway = gw.post("/tools/invoke", admin,
                "{\"server_name\":\"postgres-mcp\",\"tool_name\":\"sleep\",\"parameters\":{\"ms\":1}}");
        assertThat(invokeTurnedAway.status()).isEqualTo(503);
        assertThat(invokeTurnedAway.json().at("/error/code").asString()).isEqualTo("SHUTTING_DOWN");
        assertThat(invokeTurnedAway.header("X-Request-Id")).isNotBlank();

        Response finished = inFlight.get(15, TimeUnit.SECONDS);
        assertThat(finished.status()).isEqualTo(200);
        stopping.get(15, TimeUnit.SECONDS);
        assertThat(upstreams.closed).isTrue();

        try (SqliteAuditStore store = SqliteAuditStore.open(gw.config.audit().dbPath())) {
            assertThat(store.query(new AuditQuery("root", null, null, null, 10)))
                    .anySatisfy(e -> {
                        assertThat(e.type()).isEqualTo(AuditEvent.Type.TOOL_CALL);
                        assertThat(e.auditId()).isEqualTo(finished.json().get("audit_id").asString());
                    });
        }
    }
}
