package dev.warden.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.audit.AuditEvent;
import dev.warden.gateway.support.FakeUpstreams;
import dev.warden.gateway.support.RolePolicy;
import dev.warden.gateway.support.TestGateway;
import dev.warden.gateway.support.TestGateway.Response;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

@DisplayName("/mcp for clients of protocol revision 2026-07-28 (no initialize, no session)")
class McpModernRevisionTest {
    @TempDir
    static Path dir;
    static TestGateway gw;
    static McpHttp mcp;
    static String developer;

    @BeforeAll
    static void start() {
        FakeUpstreams fake = new FakeUpstreams()
                .server("postgres-mcp", true, Map.of("sensitivity_level", "high"), "execute_query")
                .server("github-mcp", false, Map.of(), "get_repo")
                .server("docs-mcp", true, Map.of(), "search");
        gw = TestGateway.start(dir, fake, new RolePolicy(), "");
        mcp = new McpHttp(gw);
        developer = gw.token("alice", "developer");
    }

    @AfterAll
    static void stop() { gw.close(); }

    private static JsonNode error(Response r) { return r.json().get("error"); }

    @Test
    void serverDiscoverNamesTheRevisionsCapabilitiesAndServerWithCacheHintsAndOpensNoSession() {
        Response r = mcp.modern(developer, 1, "server/discover", "{}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Mcp-Session-Id")).isNull();
        JsonNode result = r.json().get("result");
        assertThat(result.get("resultType").asString()).isEqualTo("complete");
        assertThat(result.get("supportedVersions").valueStream().map(JsonNode::asString))
                .startsWith("2026-07-28").contains("2025-11-25");
        assertThat(result.at("/capabilities/tools").isObject()).isTrue();
        assertThat(result.at("/_meta/io.modelcontextprotocol~1serverInfo/name").asString()).isEqualTo("warden");
        assertThat(result.get("ttlMs").asLong()).isPositive();
        assertThat(result.get("cacheScope").asString()).isEqualTo("public");
    }

    @Test
    void toolsListShowsOnlyWhatTheCallersPolicyAllowsAndIsCacheableOnlyForThatCaller() {
        Response r = mcp.modern(developer, 2, "tools/list", "{}");
        assertThat(r.status()).isEqualTo(200);
        JsonNode result = r.json().get("result");
        assertThat(result.get("tools").valueStream().map(t -> t.get("name").asString()))
                .containsExactly("postgres-mcp__execute_query");
        assertThat(result.get("resultType").asString()).isEqualTo("complete");
        assertThat(result.get("cacheScope").asString()).isEqualTo("private");
        assertThat(result.get("ttlMs").asLong()).isNotNegative();
    }

    @Test
    void aToolCallRunsTheWholePipelineWithFilteredArgumentsAndIsAuditedUnderTheCaller() {
        Response r = mcp.modern(developer, 3, "tools/call", """
                {"name":"postgres-mcp__execute_query","arguments":{"query":"SELECT 1","password":"hunter2"}}""",
                "Mcp-Name", "postgres-mcp__execute_query");
        assertThat(r.status()).isEqualTo(200);
        JsonNode result = r.json().get("result");
        assertThat(result.get("resultType").asString()).isEqualTo("complete");
        assertThat(result.get("isError").asBoolean()).isFalse();
        assertThat(result.at("/structuredContent/echo/query").asString()).isEqualTo("SELECT 1");
        assertThat(result.at("/structuredContent/echo").has("password")).isFalse();
        assertThat(gw.auditOf(r.header("X-Request-Id")))
                .filteredOn(e -> e.type() == AuditEvent.Type.TOOL_CALL)
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.subject()).isEqualTo("alice");
                    assertThat(e.tool()).isEqualTo("execute_query");
                    assertThat(e.upstreamStatus()).isEqualTo("ok");
                });
    }

    @Test
    void aToolThePolicyHidesReadsAsUnknown() {
        Response r = mcp.modern(developer, 4, "tools/call", """
                {"name":"docs-mcp__search","arguments":{}}""", "Mcp-Name", "docs-mcp__search");
        assertThat(r.status()).isEqualTo(200);
        assertThat(error(r).get("code").asInt()).isEqualTo(-32602);
        assertThat(error(r).get("message").asString()).startsWith("Unknown tool");
    }

    @Test
    void aNameHeaderMayCarryItsValueInBase64() {
        String encoded = "=?base64?" + Base64.getEncoder().encodeToString(
                "postgres-mcp__execute_query".getBytes(StandardCharsets.UTF_8)) + "?=";
        Response r = mcp.modern(developer, 5, "tools/call", """
                {"name":"postgres-mcp__execute_query","arguments":{"query":"SELECT 5"}}""", "Mcp-Name", encoded);
        assertThat(r.json().at("/result/isError").asBoolean()).isFalse();
    }

    @Test
    void headersThatAreMissingOrDisagreeWithTheBodyAre400HeaderMismatch() {
        Response noName = mcp.modern(developer, 6, "tools/call", """
                {"name":"postgres-mcp__execute_query","arguments":{}}""");
        assertThat(noName.status()).isEqualTo(400);
        assertThat(error(noName).get("code").asInt()).isEqualTo(-32020);
        assertThat(error(noName).get("message").asString()).contains("Mcp-Name");
        assertThat(noName.json().get("id").asInt()).isEqualTo(6);

        Response otherName = mcp.modern(developer, 7, "tools/call", """
                {"name":"postgres-mcp__execute_query","arguments":{}}""", "Mcp-Name", "github-mcp__get_repo");
        assertThat(otherName.status()).isEqualTo(400);
        assertThat(error(otherName).get("message").asString())
                .contains("'github-mcp__get_repo' does not match body value 'postgres-mcp__execute_query'");

        Response otherMethod = gw.send(mcp.request(developer, null).header("Content-Type", "application/json")
                .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "tools/call")
                .POST(HttpRequest.BodyPublishers.ofString(modernBody("tools/list", "2026-07-28", "{}"))).build());
        assertThat(otherMethod.status()).isEqualTo(400);
        assertThat(error(otherMethod).get("code").asInt()).isEqualTo(-32020);

        Response noVersionHeader = gw.send(mcp.request(developer, null).header("Content-Type", "application/json")
                .header("Mcp-Method", "tools/list")
                .POST(HttpRequest.BodyPublishers.ofString(modernBody("tools/list", "2026-07-28", "{}"))).build());
        assertThat(noVersionHeader.status()).isEqualTo(400);
        assertThat(error(noVersionHeader).get("message").asString()).contains("MCP-Protocol-Version");
    }

    @Test
    void anUnsupportedRevisionIs400NamingTheSupportedOnesAndTheOneAskedFor() {
        Response r = gw.send(mcp.request(developer, null).header("Content-Type", "application/json")
                .header("MCP-Protocol-Version", "2031-01-01").header("Mcp-Method", "tools/list")
                .POST(HttpRequest.BodyPublishers.ofString(modernBody("tools/list", "2031-01-01", "{}"))).build());
        assertThat(r.status()).isEqualTo(400);
        assertThat(error(r).get("code").asInt()).isEqualTo(-32022);
        assertThat(error(r).at("/data/requested").asString()).isEqualTo("2031-01-01");
        assertThat(error(r).at("/data/supported/0").asString()).isEqualTo("2026-07-28");
    }

    @Test
    void aRequestWithoutTheClientsCapabilitiesIs400InvalidParams() {
        Response r = gw.send(mcp.request(developer, null).header("Content-Type", "application/json")
                .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "tools/list")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"jsonrpc":"2.0","id":8,"method":"tools/list","params":{"_meta":{
                         "io.modelcontextprotocol/protocolVersion":"2026-07-28"}}}""")).build());
        assertThat(r.status()).isEqualTo(400);
        assertThat(error(r).get("code").asInt()).isEqualTo(-32602);
        assertThat(error(r).get("message").asString()).contains("clientCapabilities");
    }

    @Test
    void methodsTheRevisionRemovedAre404MethodNotFound() {
        for (String method : List.of("initialize", "ping", "logging/setLevel", "resources/subscribe", "no/such")) {
            Response r = mcp.modern(developer, 9, method, "{}");
            assertThat(r.status()).as(method).isEqualTo(404);
            assertThat(error(r).get("code").asInt()).as(method).isEqualTo(-32601);
        }
    }

    @Test
    void aModernRequestWithoutATokenIs401LikeAnyOther() {
        Response r = mcp.modern(null, 10, "tools/list", "{}");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).contains("resource_metadata=");
    }

    @Test
    void aMissingResourceIsInvalidParamsNotResourceNotFound() {
        Response r = mcp.modern(developer, 11, "resources/read", """
                {"uri":"file:///nowhere"}""", "Mcp-Name", "file:///nowhere");
        assertThat(error(r).get("code").asInt()).isEqualTo(-32602);
        assertThat(error(r).get("message").asString()).contains("Resource not found");
    }

    private static String modernBody(String method, String version, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":{\"_meta\":{"
                + "\"io.modelcontextprotocol/protocolVersion\":\"" + version + "\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}" + (params.equals("{}") ? "" : ",")
                + params.substring(1) + "}";
    }
}
