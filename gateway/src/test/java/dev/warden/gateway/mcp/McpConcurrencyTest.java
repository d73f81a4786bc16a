package dev.warden.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.support.FakeUpstreams;
import dev.warden.gateway.support.RolePolicy;
import dev.warden.gateway.support.TestGateway;
import dev.warden.gateway.support.TestGateway.Response;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Many MCP sessions at once")
class McpConcurrencyTest {

    @Test
    void thirtyTwoSessionsCallingAtOnceEachGetTheirOwnAnswersWhileBadClientsAreRefused(@TempDir Path dir)
            throws Exception {
        FakeUpstreams fake = new FakeUpstreams().server("postgres-mcp", true, Map.of(), "execute_query");
        try (TestGateway gw = TestGateway.start(dir, fake, new RolePolicy(), "");
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            McpHttp mcp = new McpHttp(gw);
            List<Future<Integer>> results = new ArrayList<>();
            for (int c = 0; c < 32; c++) {
                int client = c;
                results.add(pool.submit(() -> {
                    String token = gw.token("user" + client, "developer");
                    String session = mcp.initialize(token);
                    int ok = 0;
                    for (int i = 0; i < 10; i++) {
                        if (client % 8 == 0) mcp.post(token, session, "[{\"broken\": true"); // a misbehaving client
                        Response r = mcp.call(token, session, i, "tools/call", "{\"name\":\"postgres-mcp__execute_query\","
                                + "\"arguments\":{\"query\":\"SELECT " + client + "\"}}");
                        if (r.status() == 200 && r.json().get("id").asInt() == i && r.json()
                                .at("/result/structuredContent/echo/query").asString().equals("SELECT " + client)) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            for (Future<Integer> f : results) assertThat(f.get()).isEqualTo(10);
        }
    }
}
