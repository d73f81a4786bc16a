package dev.warden.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.audit.AuditEvent;
import dev.warden.gateway.support.FakeUpstreams;
import dev.warden.gateway.support.RolePolicy;
import dev.warden.gateway.support.TestGateway;
import dev.warden.gateway.support.TestGateway.Response;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

@DisplayName("/mcp over raw Streamable HTTP")
class McpEndpointTest {
    @TempDir
    static Path dir;
    static TestGateway gw;
    static McpHttp mcp;
    static String developer;
    static String admin;

    @BeforeAll
    static void start() {
        FakeUpstreams fake = new FakeUpstreams()
                .server("postgres-mcp", true, Map.of("sensitivity_level", "high"), "execute_query", "fail", "slow",
                        "broken", "offline")
                .server("github-mcp", false, Map.of(), "get_repo")
                .server("docs-mcp", true, Map.of(), "search")
                .server("flaky-mcp", true, Map.of(), "ping");
        fake.down("flaky-mcp");
        gw = TestGateway.start(dir, new OutageUpstreams(fake), new RolePolicy(), "");
        mcp = new McpHttp(gw);
        developer = gw.token("alice", "developer");
        admin = gw.token("root", "admin");
    }

    @AfterAll
    static void stop() { gw.close(); }

    private static JsonNode error(Response r) { return r.json().get("error"); }

    @Nested
    @DisplayName("lifecycle and sessions")
    class Lifecycle {
        @Test
        void initializeAnswersServerInfoCapabilitiesAndARandomSessionId() {
            Response r = mcp.post(developer, null, McpHttp.INITIALIZE);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Type")).startsWith("application/json");
            JsonNode result = r.json().get("result");
            assertThat(r.json().get("id").asInt()).isEqualTo(1);
            assertThat(result.get("protocolVersion").asString()).isEqualTo("2025-11-25");
            assertThat(result.at("/serverInfo/name").asString()).isEqualTo("warden");
            assertThat(result.at("/capabilities/tools").isObject()).isTrue();
            assertThat(r.header("Mcp-Session-Id")).matches("[A-Za-z0-9_-]{43}");
            assertThat(mcp.post(developer, null, McpHttp.INITIALIZE).header("Mcp-Session-Id"))
                    .isNotEqualTo(r.header("Mcp-Session-Id"));
        }

        @Test
        void negotiatesTheClientsVersionWhenSupportedAndItsOwnNewestOtherwise() {
            Response older = mcp.call(developer, null, 2, "initialize", """
                    {"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"c","version":"1"}}""");
            assertThat(older.json().at("/result/protocolVersion").asString()).isEqualTo("2025-06-18");
            Response unknown = mcp.call(developer, null, 3, "initialize", """
                    {"protocolVersion":"1999-01-01","capabilities":{},"clientInfo":{"name":"c","version":"1"}}""");
            assertThat(unknown.json().at("/result/protocolVersion").asString()).isEqualTo("2025-11-25");
        }

        @Test
        void initializeWithoutProtocolVersionIsInvalidParamsAndOpensNoSession() {
            Response r = mcp.call(developer, null, 7, "initialize", """
                    {"capabilities":{},"clientInfo":{"name":"c","version":"1"}}""");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("id").asInt()).isEqualTo(7);
            assertThat(error(r).get("code").asInt()).isEqualTo(-32602);
            assertThat(error(r).get("message").asString()).contains("protocolVersion");
            assertThat(r.header("Mcp-Session-Id")).isNull();
        }

        @Test
        void pingAnswersAnEmptyResultAndNotificationsAreAccepted() {
            String session = mcp.initialize(developer);
            Response ping = mcp.call(developer, session, 5, "ping", "{}");
            assertThat(ping.status()).isEqualTo(200);
            assertThat(ping.json().get("result").isEmpty()).isTrue();
            Response note = mcp.post(developer, session, """
                    {"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":4}}""");
            assertThat(note.status()).isEqualTo(202);
            assertThat(note.body()).isEmpty();
        }

        @Test
        void aRequestWithoutSessionIs400AndAnUnknownSessionIs404() {
            Response none = mcp.call(developer, null, 1, "ping", "{}");
            assertThat(none.status()).isEqualTo(400);
            assertThat(error(none).get("message").asString()).contains("Mcp-Session-Id");
            Response unknown = mcp.call(developer, "no-such-session", 1, "ping", "{}");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(error(unknown).get("message").asString()).contains("unknown or expired");
        }

        @Test
        void aSessionUsedWithAnotherPrincipalsTokenIsNotFound() {
            String alices = mcp.initialize(developer);
            assertThat(mcp.call(admin, alices, 1, "ping", "{}").status()).isEqualTo(404);
            assertThat(mcp.call(developer, alices, 1, "ping", "{}").status()).isEqualTo(200);
            assertThat(mcp.call(gw.token("alice", "developer"), alices, 1, "ping", "{}").status())
                    .as("the same user with a fresh token keeps the session").isEqualTo(200);
        }

        @Test
        void deleteEndsTheSessionAndItIsThen404() {
            String session = mcp.initialize(developer);
            assertThat(gw.send(mcp.request(admin, session).DELETE().build()).status()).isEqualTo(404);
            assertThat(gw.send(mcp.request(developer, session).DELETE().build()).status()).isEqualTo(204);
            assertThat(mcp.call(developer, session, 1, "ping", "{}").status()).isEqualTo(404);
            assertThat(gw.send(mcp.request(developer, session).DELETE().build()).status()).isEqualTo(404);
        }

        @Test
        void anUnsupportedProtocolVersionHeaderIs400WhileAnotherSupportedOneIsServed() {
            String session = mcp.initialize(developer);
            Response bad = gw.send(mcp.request(developer, session).header("Content-Type", "application/json")
                    .header("MCP-Protocol-Version", "2099-01-01")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"))
                    .build());
            assertThat(bad.status()).isEqualTo(400);
            assertThat(error(bad).get("code").asInt()).isEqualTo(-32022);
            assertThat(error(bad).get("message").asString()).contains("Unsupported protocol version '2099-01-01'");
            assertThat(error(bad).at("/data/requested").asString()).isEqualTo("2099-01-01");
            assertThat(error(bad).at("/data/supported").valueStream().map(JsonNode::asString))
                    .contains("2026-07-28", "2025-11-25");
            // Not the negotiated revision but one Warden speaks: served (the conformance suite sends such requests).
            Response other = gw.send(mcp.request(developer, session).header("Content-Type", "application/json")
                    .header("MCP-Protocol-Version", "2025-03-26")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"))
                    .build());
            assertThat(other.status()).isEqualTo(200);
            Response ok = gw.send(mcp.request(developer, session).header("Content-Type", "application/json")
                    .header("MCP-Protocol-Version", "2025-11-25")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"))
                    .build());
            assertThat(ok.status()).isEqualTo(200);
        }

        @Test
        void getOpensTheSessionsEventStreamAndDeleteEndsIt() throws Exception {
            String session = mcp.initialize(developer);
            assertThat(gw.send(mcp.request(developer, session).setHeader("Accept", "application/json").GET()
                    .build()).status()).isEqualTo(406);
            assertThat(gw.send(mcp.request(developer, "nope").header("Accept", "text/event-stream").GET().build())
                    .status()).isEqualTo(404);
            HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(mcp.request(developer, session)
                    .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
            try (BufferedReader events = new BufferedReader(new InputStreamReader(stream.body(),
                    StandardCharsets.UTF_8))) {
                assertThat(events.readLine()).startsWith(":");
                assertThat(events.readLine()).isEmpty();
                assertThat(gw.send(mcp.request(developer, session).DELETE().build()).status()).isEqualTo(204);
                assertThat(events.readLine()).as("the stream ends with its session").isNull();
            }
        }
    }

    @Nested
    @DisplayName("authentication as an OAuth 2.1 resource server")
    class Authentication {
        @Test
        void noTokenIs401PointingAtTheProtectedResourceMetadata() {
            Response r = mcp.post(null, null, McpHttp.INITIALIZE);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer resource_metadata=\"http://127.0.0.1:"
                    + gw.gateway.port() + "/.well-known/oauth-protected-resource/mcp\"");
            assertThat(error(r).get("code").asInt()).isEqualTo(-32013);
        }

        @Test
        void aTamperedTokenIs401WithInvalidToken() {
            Response r = mcp.post(developer.substring(0, developer.length() - 3) + "abc", null, McpHttp.INITIALIZE);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).contains("resource_metadata=").contains("error=\"invalid_token\"");
        }

        @Test
        void protectedResourceMetadataIsServedAtTheRootAndPathInsertedLocations() {
            for (String path : List.of("/.well-known/oauth-protected-resource",
                    "/.well-known/oauth-protected-resource/mcp")) {
                Response r = gw.get(path, null);
                assertThat(r.status()).as(path).isEqualTo(200);
                assertThat(r.json().get("resource").asString())
                        .isEqualTo("http://127.0.0.1:" + gw.gateway.port() + "/mcp");
                assertThat(r.json().get("bearer_methods_supported").get(0).asString()).isEqualTo("header");
            }
        }
    }

    @Nested
    @DisplayName("batches in a 2025-03-26 session")
    class Batches {
        /** A session negotiated at 2025-03-26, whose clients may send JSON-RPC batches. */
        private String session() {
            Response r = mcp.post(developer, null, McpHttp.INITIALIZE.replace("2025-11-25", "2025-03-26"));
            assertThat(r.json().at("/result/protocolVersion").asString()).isEqualTo("2025-03-26");
            String session = r.header("Mcp-Session-Id");
            mcp.post(developer, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            return session;
        }

        @Test
        void eachMessageIsAnsweredInTurnAndTheAnswersComeBackAsOneArray() {
            Response r = mcp.post(developer, session(), """
                    [{"jsonrpc":"2.0","id":1,"method":"ping"},
                     {"jsonrpc":"2.0","method":"notifications/roots/list_changed"},
                     {"jsonrpc":"2.0","id":"two","method":"tools/call",
                      "params":{"name":"postgres-mcp__execute_query","arguments":{"query":"SELECT 1"}}},
                     {"jsonrpc":"1.0","id":3,"method":"ping"},
                     {"jsonrpc":"2.0","id":4,"method":"no/such/method"}]""");
            assertThat(r.status()).isEqualTo(200);
            JsonNode answers = r.json();
            assertThat(answers.isArray()).isTrue();
            assertThat(answers.size()).isEqualTo(4); // the notification has no answer
            assertThat(answers.get(0).get("id").asInt()).isEqualTo(1);
            assertThat(answers.get(0).get("result").isObject()).isTrue();
            assertThat(answers.get(1).get("id").asString()).isEqualTo("two");
            assertThat(answers.get(1).at("/result/structuredContent/echo/query").asString()).isEqualTo("SELECT 1");
            assertThat(answers.get(2).get("id").asInt()).isEqualTo(3);
            assertThat(answers.get(2).at("/error/code").asInt()).isEqualTo(-32600);
            assertThat(answers.get(3).get("id").asInt()).isEqualTo(4);
            assertThat(answers.get(3).at("/error/code").asInt()).isEqualTo(-32601);
        }

        @Test
        void aToolCallInABatchIsDecidedAndAuditedLikeOneSentAlone() {
            Response r = mcp.post(developer, session(), """
                    [{"jsonrpc":"2.0","id":1,"method":"tools/call",
                      "params":{"name":"postgres-mcp__execute_query","arguments":{"query":"DROP TABLE users"}}}]""");
            assertThat(r.json().get(0).at("/error/message").asString())
                    .isEqualTo("Unknown tool: postgres-mcp__execute_query"); // as a denied call sent alone reads
            assertThat(gw.auditOf(r.header("X-Request-Id"))).anySatisfy(e -> {
                assertThat(e.decision()).isEqualTo("deny");
                assertThat(e.reason()).contains("DROP");
            });
        }

        @Test
        void aBatchOfNotificationsOnlyIsAccepted() {
            Response r = mcp.post(developer, session(), """
                    [{"jsonrpc":"2.0","method":"notifications/roots/list_changed"}]""");
            assertThat(r.status()).isEqualTo(202);
            assertThat(r.body()).isEmpty();
        }

        @Test
        void initializeCannotBePartOfABatch() {
            Response r = mcp.post(developer, session(), "[" + McpHttp.INITIALIZE + "]");
            assertThat(r.json().get(0).get("id").asInt()).isEqualTo(1);
            assertThat(r.json().get(0).at("/error/message").asString())
                    .isEqualTo("initialize cannot be part of a JSON-RPC batch; send it alone");
        }

        @Test
        void anEmptyBatchIsOneInvalidRequestError() {
            Response r = mcp.post(developer, session(), "[]");
            assertThat(r.status()).isEqualTo(400);
            assertThat(error(r).get("code").asInt()).isEqualTo(-32600);
            assertThat(error(r).get("message").asString()).isEqualTo("the JSON-RPC batch is empty");
        }
    }

    @Nested
    @DisplayName("tools/list and tools/call")
    class Tools {
        private List<String> toolNames(String token) {
            Response r = mcp.call(token, mcp.initialize(token), 2, "tools/list", "{}");
            assertThat(r.status()).isEqualTo(200);
            return r.json().at("/result/tools").valueStream().map(t -> t.get("name").asString()).toList();
        }

        @Test
        void eachCallerSeesOnlyTheToolsPolicyLetsThemListNamespacedByServer() {
            assertThat(toolNames(developer)).containsExactly("postgres-mcp__execute_query", "postgres-mcp__fail",
                    "postgres-mcp__slow", "postgres-mcp__offline");
            assertThat(toolNames(admin)).contains("postgres-mcp__execute_query", "docs-mcp__search")
                    .noneMatch(n -> n.startsWith("github-mcp") || n.startsWith("flaky-mcp"));
        }

        @Test
        void aCallRunsTheInvokePipelineWithFilteredArgumentsAndIsAudited() {
            String session = mcp.initialize(developer);
            Response r = mcp.call(developer, session, 9, "tools/call", """
                    {"name":"postgres-mcp__execute_query","arguments":{"query":"SELECT 1","password":"hunter2"}}""");
            assertThat(r.status()).isEqualTo(200);
            JsonNode result = r.json().get("result");
            assertThat(result.get("isError").asBoolean()).isFalse();
            assertThat(result.at("/structuredContent/echo/query").asString()).isEqualTo("SELECT 1");
            assertThat(result.at("/structuredContent/echo").has("password")).isFalse();
            assertThat(result.at("/content/0/type").asString()).isEqualTo("text");
            List<AuditEvent> records = gw.auditOf(r.header("X-Request-Id"));
            assertThat(records).extracting(AuditEvent::type).contains(AuditEvent.Type.DECISION,
                    AuditEvent.Type.TOOL_CALL);
            AuditEvent call = records.stream().filter(e -> e.type() == AuditEvent.Type.TOOL_CALL).findFirst()
                    .orElseThrow();
            assertThat(call.subject()).isEqualTo("alice");
            assertThat(call.tool()).isEqualTo("execute_query");
            assertThat(call.upstreamStatus()).isEqualTo("ok");
        }

        @Test
        void aCallsListingDecisionInvokeDecisionAndOutcomeAreAllCommittedBeforeTheAnswer() {
            Response r = mcp.call(developer, mcp.initialize(developer), 10, "tools/call", """
                    {"name":"postgres-mcp__execute_query","arguments":{"query":"SELECT 2"}}""");
            assertThat(r.json().at("/result/isError").asBoolean()).isFalse();
            // Queried as soon as the answer is in: the three records are in the store, in the order of the pipeline.
            assertThat(gw.auditOf(r.header("X-Request-Id")))
                    .extracting(AuditEvent::type, AuditEvent::action, AuditEvent::decision)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(AuditEvent.Type.DECISION, "gateway:tool:list", "allow"),
                            org.assertj.core.groups.Tuple.tuple(AuditEvent.Type.DECISION, "gateway:tool:invoke", "allow"),
                            org.assertj.core.groups.Tuple.tuple(AuditEvent.Type.TOOL_CALL, "gateway:tool:invoke", "allow"));
        }

        @Test
        void everyToolsListingDecisionIsCommittedBeforeTheListIsAnswered() {
            Response r = mcp.call(developer, mcp.initialize(developer), 11, "tools/list", "{}");
            int listed = r.json().at("/result/tools").size();
            List<AuditEvent> records = gw.auditOf(r.header("X-Request-Id"));
            assertThat(records).allSatisfy(e -> assertThat(e.action()).isEqualTo("gateway:tool:list"));
            assertThat(records.stream().filter(e -> e.decision().equals("allow")).count()).isEqualTo(listed);
            assertThat(records.size()).isGreaterThan(listed); // the tools the developer may not see, denied
        }

        @Test
        void aToolLevelErrorIsAnIsErrorResult() {
            Response r = mcp.call(developer, mcp.initialize(developer), 3, "tools/call",
                    "{\"name\":\"postgres-mcp__fail\",\"arguments\":{}}");
            assertThat(r.json().at("/result/isError").asBoolean()).isTrue();
            assertThat(r.json().at("/result/content/0/text").asString()).isEqualTo("table missing");
        }

        @Test
        void aDeniedCallAndAHiddenToolBothReadAsAnUnknownTool() {
            String session = mcp.initialize(developer);
            Response denied = mcp.call(developer, session, 4, "tools/call", """
                    {"name":"postgres-mcp__execute_query","arguments":{"query":"DROP TABLE users"}}""");
            assertThat(error(denied).get("code").asInt()).isEqualTo(-32602);
            assertThat(error(denied).get("message").asString()).isEqualTo("Unknown tool: postgres-mcp__execute_query");
            Response hidden = mcp.call(developer, session, 5, "tools/call", "{\"name\":\"docs-mcp__search\"}");
            assertThat(error(hidden).get("message").asString()).isEqualTo("Unknown tool: docs-mcp__search");
            Response unknown = mcp.call(developer, session, 6, "tools/call", "{\"name\":\"nope\"}");
            assertThat(error(unknown).get("message").asString()).isEqualTo("Unknown tool: nope");
            assertThat(gw.auditOf(denied.header("X-Request-Id"))).anySatisfy(e -> {
                assertThat(e.decision()).isEqualTo("deny");
                assertThat(e.reason()).contains("DROP");
            });
        }

        @Test
        void anUpstreamTimeoutAndOutageAreJsonRpcErrorsNamingTheServer() {
            String session = mcp.initialize(developer);
            Response slow = mcp.call(developer, session, 7, "tools/call", "{\"name\":\"postgres-mcp__slow\"}");
            assertThat(error(slow).get("code").asInt()).isEqualTo(-32011);
            assertThat(error(slow).get("message").asString()).contains("postgres-mcp").contains("did not answer in time");
            Response down = mcp.call(developer, session, 8, "tools/call", "{\"name\":\"postgres-mcp__offline\"}");
            assertThat(error(down).get("code").asInt()).isEqualTo(-32010);
            assertThat(error(down).get("message").asString()).contains("postgres-mcp").contains("unavailable");
        }

        @Test
        void wrongToolsCallParamsAreInvalidParamsNamingTheProblem() {
            String session = mcp.initialize(developer);
            Response noName = mcp.call(developer, session, 1, "tools/call", "{\"arguments\":{}}");
            assertThat(error(noName).get("code").asInt()).isEqualTo(-32602);
            assertThat(error(noName).get("message").asString()).contains("\"name\" is required");
            Response badArgs = mcp.call(developer, session, 2, "tools/call",
                    "{\"name\":\"postgres-mcp__fail\",\"arguments\":[1]}");
            assertThat(error(badArgs).get("message").asString()).contains("\"arguments\" must be an object");
            Response cursor = mcp.call(developer, session, 3, "tools/list", "{\"cursor\":\"abc\"}");
            assertThat(error(cursor).get("code").asInt()).isEqualTo(-32602);
        }
    }

    @Nested
    @DisplayName("bad input")
    class BadInput {
        @Test
        void malformedJsonIsAParseErrorWithANullId() {
            Response r = mcp.post(developer, mcp.initialize(developer), "{\"jsonrpc\":\"2.0\",");
            assertThat(r.status()).isEqualTo(400);
            assertThat(error(r).get("code").asInt()).isEqualTo(-32700);
            assertThat(r.json().get("id").isNull()).isTrue();
        }

        @Test
        void illFormedUtf8IsAParseError() {
            String session = mcp.initialize(developer);
            byte[] body = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\",\"params\":{\"x\":\"???\"}}"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            int at = new String(body, java.nio.charset.StandardCharsets.US_ASCII).indexOf("???");
            body[at] = (byte) 0xed; // a surrogate (U+D800) encoded in three bytes
            body[at + 1] = (byte) 0xa0;
            body[at + 2] = (byte) 0x80;
            Response r = gw.send(mcp.request(developer, session).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build());
            assertThat(r.status()).isEqualTo(400);
            assertThat(error(r).get("code").asInt()).isEqualTo(-32700);
            assertThat(error(r).get("message").asString()).isEqualTo("Parse error: the text is not well-formed UTF-8 "
                    + "at byte " + at + " (0xed; an invalid, overlong, surrogate or truncated sequence)");
        }

        @Test
        void aBatchIsRejectedWithAJsonRpcErrorNotAStackTrace() {
            Response r = mcp.post(developer, mcp.initialize(developer), """
                    [{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","id":2,"method":"ping"}]""");
            assertThat(r.status()).isEqualTo(400);
            assertThat(error(r).get("code").asInt()).isEqualTo(-32600);
            assertThat(error(r).get("message").asString()).contains("batches are not supported");
            assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
        }

        @Test
        void invalidRequestsAreMinus32600NamingTheMember() {
            String session = mcp.initialize(developer);
            Response noVersion = mcp.post(developer, session, "{\"id\":1,\"method\":\"ping\"}");
            assertThat(noVersion.status()).isEqualTo(400);
            assertThat(error(noVersion).get("code").asInt()).isEqualTo(-32600);
            assertThat(error(noVersion).get("message").asString()).contains("jsonrpc");
            assertThat(noVersion.json().get("id").asInt()).isEqualTo(1);
            Response nullId = mcp.post(developer, session, "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}");
            assertThat(error(nullId).get("message").asString()).contains("\"id\"");
            Response arrayParams = mcp.post(developer, session,
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\",\"params\":[1]}");
            assertThat(error(arrayParams).get("message").asString()).contains("\"params\"");
            Response scalar = mcp.post(developer, session, "42");
            assertThat(error(scalar).get("code").asInt()).isEqualTo(-32600);
        }

        @Test
        void anUnknownMethodIsMethodNotFound() {
            Response r = mcp.call(developer, mcp.initialize(developer), 11, "sampling/createMessage", "{}");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("id").asInt()).isEqualTo(11);
            assertThat(error(r).get("code").asInt()).isEqualTo(-32601);
            assertThat(error(r).get("message").asString()).contains("sampling/createMessage");
        }

        @Test
        void anOversizedBodyIs413AWrongContentTypeIs415AndAnAcceptWithoutJsonIs406() {
            String big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\""
                    + "x".repeat(5000) + "\"}}";
            Response r = mcp.post(developer, mcp.initialize(developer), big);
            assertThat(r.status()).isEqualTo(413);
            assertThat(error(r).get("message").asString()).contains("max_body_size");
            Response text = gw.send(mcp.request(developer, null).header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString(McpHttp.INITIALIZE)).build());
            assertThat(text.status()).isEqualTo(415);
            Response sseOnly = gw.send(mcp.request(developer, null).setHeader("Accept", "text/event-stream")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(McpHttp.INITIALIZE)).build());
            assertThat(sseOnly.status()).isEqualTo(406);
        }

        @Test
        void aHeaderThatMaySayOneThingIsRefusedWhenSentTwiceSinceAProxyMayHaveReadTheOther() {
            String session = mcp.initialize(developer);
            String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
            Response twoTypes = gw.send(mcp.request(developer, session).header("Content-Type", "application/json")
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(ping)).build());
            assertThat(twoTypes.status()).isEqualTo(400);
            assertThat(error(twoTypes).get("message").asString()).contains("Content-Type header was sent more than once");
            Response twoSessions = gw.send(mcp.request(developer, session).header("Mcp-Session-Id", "other")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(ping)).build());
            assertThat(twoSessions.status()).isEqualTo(400);
            assertThat(error(twoSessions).get("message").asString()).contains("Mcp-Session-Id");
            Response twoVersions = gw.send(mcp.request(developer, session).header("MCP-Protocol-Version", "2025-11-25")
                    .header("MCP-Protocol-Version", "1999-01-01").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(ping)).build());
            assertThat(twoVersions.status()).isEqualTo(400);
            assertThat(error(twoVersions).get("message").asString()).contains("MCP-Protocol-Version");
            assertThat(mcp.post(developer, session, ping).status()).as("the session still serves").isEqualTo(200);
        }

        @Test
        void anUnknownToolsNameIsEchoedOnlyUpToALength() {
            String name = "x".repeat(2000); // under this gateway's body limit
            Response r = mcp.call(developer, mcp.initialize(developer), 3, "tools/call",
                    "{\"name\":\"" + name + "\",\"arguments\":{}}");
            assertThat(error(r).get("code").asInt()).isEqualTo(-32602);
            assertThat(error(r).get("message").asString()).contains("(2000 characters)").hasSizeLessThan(200);
            assertThat(r.body()).hasSizeLessThan(1000);
        }

        @Test
        void aCompressedBodyIs415RatherThanReadAsJson() {
            Response r = gw.send(mcp.request(developer, mcp.initialize(developer))
                    .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"))
                    .build());
            assertThat(r.status()).isEqualTo(415);
            assertThat(error(r).get("message").asString()).contains("Content-Encoding 'gzip' is not supported");
        }

        @Test
        void aMessageThatIsBothACallAndAnAnswerIsInvalidAndNotRun() {
            Response r = mcp.post(developer, mcp.initialize(developer), """
                    {"jsonrpc":"2.0","id":5,"result":{},"method":"tools/call",
                     "params":{"name":"postgres-mcp__execute_query","arguments":{"query":"SELECT 1"}}}""");
            assertThat(r.status()).isEqualTo(400);
            assertThat(error(r).get("code").asInt()).isEqualTo(-32600);
            assertThat(error(r).get("message").asString()).contains("cannot also carry \"result\"");
            assertThat(r.json().get("id").asInt()).isEqualTo(5);
        }

        @Test
        void aToolArgumentBeyondAFloatsRangeIsAnInvalidRequest() {
            Response r = mcp.call(developer, mcp.initialize(developer), 7, "tools/call",
                    "{\"name\":\"postgres-mcp__execute_query\",\"arguments\":{\"query\":\"SELECT 1\",\"n\":1e400}}");
            assertThat(r.status()).isEqualTo(400);
            assertThat(error(r).get("code").asInt()).isEqualTo(-32600);
            assertThat(error(r).get("message").asString()).contains("beyond the range of a 64-bit float");
        }

        @Test
        void aForeignOriginIsRefusedAndALocalToolsOriginIsAllowed() {
            Response evil = gw.send(mcp.request(developer, null).header("Origin", "https://evil.example")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(McpHttp.INITIALIZE)).build());
            assertThat(evil.status()).isEqualTo(403);
            assertThat(error(evil).get("message").asString()).contains("Origin 'https://evil.example'");
            Response local = gw.send(mcp.request(developer, null).header("Origin", "http://localhost:6274")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(McpHttp.INITIALIZE)).build());
            assertThat(local.status()).isEqualTo(200);
            assertThat(local.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:6274");
        }

        @Test
        void aRebindingHostHeaderIsRefusedOnALoopbackGateway() throws IOException {
            String body = McpHttp.INITIALIZE;
            try (Socket s = new Socket("127.0.0.1", gw.gateway.port())) {
                OutputStream out = s.getOutputStream();
                out.write(("POST /mcp HTTP/1.1\r\nHost: attacker.example:" + gw.gateway.port()
                        + "\r\nContent-Type: application/json\r\nAuthorization: Bearer " + developer
                        + "\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                        + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
                out.flush();
                InputStream in = s.getInputStream();
                String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertThat(response).startsWith("HTTP/1.1 403").contains("Host 'attacker.example");
            }
        }
    }
}
