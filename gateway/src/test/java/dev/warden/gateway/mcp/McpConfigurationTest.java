package dev.warden.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.gateway.config.ConfigException;
import dev.warden.gateway.support.FakeUpstreams;
import dev.warden.gateway.support.RolePolicy;
import dev.warden.gateway.support.TestGateway;
import dev.warden.gateway.support.TestGateway.Response;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("/mcp configured: stateless, explained denials, namespacing on collision, allowed origins, resource")
class McpConfigurationTest {
    @TempDir
    static Path dir;
    static TestGateway gw;
    static McpHttp mcp;
    static String developer;

    @BeforeAll
    static void start() {
        FakeUpstreams fake = new FakeUpstreams()
                .server("postgres-mcp", true, Map.of(), "execute_query", "search")
                .server("docs-mcp", true, Map.of(), "search");
        gw = TestGateway.start(dir, fake, new RolePolicy(), """
                mcp:
                  stateless: true
                  denied_tools: explain
                  namespacing: on-collision
                  allowed_origins: [https://app.example.com]
                  resource: https://warden.example.com/mcp
                  authorization_servers: [https://idp.example.com]
                """);
        mcp = new McpHttp(gw);
        developer = gw.token("alice", "developer");
    }

    @AfterAll
    static void stop() { gw.close(); }

    @Test
    void statelessModeIssuesNoSessionAndAnswersWithoutOne() {
        Response init = mcp.post(developer, null, McpHttp.INITIALIZE);
        assertThat(init.status()).isEqualTo(200);
        assertThat(init.header("Mcp-Session-Id")).isNull();
        assertThat(mcp.call(developer, null, 2, "ping", "{}").status()).isEqualTo(200);
        assertThat(gw.send(mcp.request(developer, null).DELETE().build()).status()).isEqualTo(405);
    }

    @Test
    void statelessModeOffersNoResourceSubscriptionsAndRefusesThemClearly() {
        Response init = mcp.post(developer, null, McpHttp.INITIALIZE);
        assertThat(init.json().at("/result/capabilities/resources/subscribe").asBoolean()).isFalse();
        assertThat(init.json().at("/result/capabilities/prompts").isObject()).isTrue();
        Response list = mcp.call(developer, null, 2, "resources/list", "{}");
        assertThat(list.json().at("/result/resources").isArray()).isTrue();
        Response subscribe = mcp.call(developer, null, 3, "resources/subscribe", "{\"uri\":\"docs://readme\"}");
        assertThat(subscribe.json().at("/error/code").asInt()).isEqualTo(-32601);
        assertThat(subscribe.json().at("/error/message").asString()).contains("mcp.stateless: true");
    }

    @Test
    void onCollisionPrefixesOnlyTheSharedName() {
        Response r = mcp.call(gw.token("root", "admin"), null, 1, "tools/list", "{}");
        assertThat(r.json().at("/result/tools").valueStream().map(t -> t.get("name").asString()).toList())
                .containsExactly("execute_query", "postgres-mcp__search", "docs-mcp__search");
    }

    @Test
    void aDeniedCallIsExplainedWithThePolicysReason() {
        Response r = mcp.call(developer, null, 3, "tools/call", """
                {"name":"execute_query","arguments":{"query":"DROP TABLE users"}}""");
        assertThat(r.json().at("/error/code").asInt()).isEqualTo(-32012);
        assertThat(r.json().at("/error/message").asString())
                .isEqualTo("denied by policy: destructive SQL (DROP) is not allowed for developers");
    }

    @Test
    void aConfiguredOriginIsAllowedWithCorsAndPreflightAnswers() {
        Response r = gw.send(mcp.request(developer, null).header("Origin", "https://app.example.com")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(McpHttp.INITIALIZE)).build());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
        Response preflight = gw.send(HttpRequest.newBuilder(gw.uri("/mcp")).header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Headers")).contains("Mcp-Session-Id");
        Response localhost = gw.send(mcp.request(developer, null).header("Origin", "http://localhost:6274")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(McpHttp.INITIALIZE)).build());
        assertThat(localhost.status()).as("loopback origins stay allowed on a loopback-bound gateway")
                .isEqualTo(200);
    }

    @Test
    void theConfiguredResourceAndAuthorizationServerAreAdvertised() {
        Response meta = gw.get("/.well-known/oauth-protected-resource/mcp", null);
        assertThat(meta.json().get("resource").asString()).isEqualTo("https://warden.example.com/mcp");
        assertThat(meta.json().at("/authorization_servers/0").asString()).isEqualTo("https://idp.example.com");
        Response unauthorized = mcp.post(null, null, McpHttp.INITIALIZE);
        assertThat(unauthorized.header("WWW-Authenticate")).isEqualTo(
                "Bearer resource_metadata=\"https://warden.example.com/.well-known/oauth-protected-resource/mcp\"");
    }

    @Test
    void withMcpDisabledNoMcpPathIsServed(@TempDir Path other) {
        try (TestGateway off = TestGateway.start(other, new FakeUpstreams(), new RolePolicy(), "mcp:\n  enabled: false\n")) {
            assertThat(off.post("/mcp", developer, McpHttp.INITIALIZE).status()).isEqualTo(404);
            assertThat(off.get("/.well-known/oauth-protected-resource", null).status()).isEqualTo(404);
            assertThat(off.get("/", null).status()).isEqualTo(200);
        }
    }

    @Test
    void aWrongMcpSettingStopsStartupNamingTheFieldAndTheFix(@TempDir Path other) {
        assertThatThrownBy(() -> TestGateway.start(other, new FakeUpstreams(), new RolePolicy(), """
                mcp:
                  namespacing: sometimes
                  separator: "::"
                  denied_tools: shout
                  allowed_origins: [https://app.example.com/path]
                  colour: blue
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mcp.namespacing: must be one of always, on-collision, never; got 'sometimes'")
                .hasMessageContaining("mcp.separator")
                .hasMessageContaining("mcp.denied_tools: must be hide or explain")
                .hasMessageContaining("mcp.allowed_origins: an origin has no path")
                .hasMessageContaining("mcp.colour: unknown setting");
    }
}
