package dev.warden.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.support.FakeUpstreams;
import dev.warden.gateway.support.ScriptedHttpServer;
import dev.warden.gateway.support.TestGateway;
import dev.warden.gateway.support.TestGateway.Response;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("MCP tools/call when the remote decision service fails")
class McpRemoteEngineTest {
    @Test
    void aFailedSarkServiceIsAnErrorSayingSoNotAnUnknownToolAndNothingIsCalled(@TempDir Path dir) {
        FakeUpstreams upstreams = new FakeUpstreams().server("postgres-mcp", true, Map.of(), "execute_query");
        try (ScriptedHttpServer sark = new ScriptedHttpServer().reply(200, "{\"allow\": true, \"cache_ttl\": 0}");
             TestGateway gw = TestGateway.start(dir, upstreams, null, """
                     authz:
                       engine: sark
                     sark:
                       url: %s
                     """.formatted(sark.uri()))) {
            McpHttp mcp = new McpHttp(gw);
            String token = gw.token("alice", "developer");
            String session = mcp.initialize(token);
            assertThat(mcp.call(token, session, 2, "tools/list", "{}").body()).contains("postgres-mcp__execute_query");
            // From now on the service fails: the listing check of the call and the call itself are denied.
            sark.reply(503, "{\"detail\": \"policy engine down\"}");
            Response r = mcp.call(token, session, 3, "tools/call",
                    "{\"name\":\"postgres-mcp__execute_query\",\"arguments\":{\"query\":\"SELECT 1\"}}");
            assertThat(r.json().at("/error/code").asInt()).isEqualTo(-32603);
            assertThat(r.json().at("/error/message").asString()).contains("authorization service unavailable")
                    .contains("policy engine down");
            assertThat(upstreams.calls).isEmpty();
        }
    }
}
