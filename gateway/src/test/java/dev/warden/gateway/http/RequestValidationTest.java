package dev.warden.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.support.FakeUpstreams;
import dev.warden.gateway.support.RolePolicy;
import dev.warden.gateway.support.TestGateway;
import dev.warden.gateway.support.TestGateway.Response;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Bad requests get a 4xx error envelope naming what is wrong, never a stack trace")
class RequestValidationTest {
    @TempDir
    static Path dir;
    static TestGateway gw;
    static String developer;

    @BeforeAll
    static void start() {
        gw = TestGateway.start(dir, new FakeUpstreams().server("postgres-mcp", true, Map.of(), "execute_query"),
                new RolePolicy(), "");
        developer = gw.token("alice", "developer");
    }

    @AfterAll
    static void stop() { gw.close(); }

    @ParameterizedTest(name = "{0} → 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"server_name\":\"postgres-mcp\",\"tool_name\":\"execute_query\",\"extra\":1}|extra|unknown field",
            "{\"server_name\":42,\"tool_name\":\"execute_query\"}|server_name|must be a string, got a number",
            "{\"tool_name\":\"execute_query\"}|server_name|required",
            "{\"server_name\":\"postgres-mcp\",\"tool_name\":\"\"}|tool_name|must not be empty",
            "{\"server_name\":\"postgres-mcp\",\"tool_name\":\"x\",\"parameters\":[1]}|parameters|must be an object, got an array",
    })
    void invalidFieldsAreNamed(String body, String field, String problem) {
        Response r = gw.post("/tools/invoke", developer, body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/code").asString()).isEqualTo("INVALID_REQUEST");
        assertThat(r.json().at("/error/message").asString()).startsWith(field + ": ").contains(problem);
        assertThat(r.json().at("/error/details/field").asString()).isEqualTo(field);
    }

    @Test
    void malformedJsonIs400WithThePosition() {
        Response r = gw.post("/tools/invoke", developer, "{\"server_name\": ");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/message").asString()).contains("not valid JSON").contains("line 1");
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void anUnclosedObjectIsDescribedWithoutTheParsersInternals() {
        Response r = gw.post("/tools/invoke", developer, "{");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/message").asString())
                .isEqualTo("the request body is not valid JSON: Unexpected end-of-input: expected close marker for "
                        + "Object (line 1, column 2)");
    }

    @Test
    void aNumberBeyondAFloatsRangeIsTheCallersMistakeNotAPolicyFailure() {
        Response r = gw.post("/tools/invoke", developer, "{\"server_name\":\"postgres-mcp\",\"tool_name\":"
                + "\"execute_query\",\"parameters\":{\"query\":\"SELECT 1\",\"limit\":-1e999999}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/code").asString()).isEqualTo("INVALID_REQUEST");
        assertThat(r.json().at("/error/message").asString()).isEqualTo("the request body cannot be used: a number in "
                + "it is beyond the range of a 64-bit float (about ±1.8e308)");
    }

    @Test
    void illFormedUtf8IsRefusedBeforeItCanReachAPolicyOrAnUpstream() {
        byte[] body = ("{\"server_name\":\"postgres-mcp\",\"tool_name\":\"execute_query\","
                + "\"parameters\":{\"query\":\"SELECT ?? 1\"}}").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int at = new String(body, java.nio.charset.StandardCharsets.US_ASCII).indexOf("??");
        body[at] = (byte) 0xc0; // an overlong NUL: Jackson alone read it as U+0000, which cut the SQL short upstream
        body[at + 1] = (byte) 0x80;
        Response r = gw.send(java.net.http.HttpRequest.newBuilder(gw.uri("/tools/invoke"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + developer)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/code").asString()).isEqualTo("INVALID_REQUEST");
        assertThat(r.json().at("/error/message").asString()).isEqualTo("the request body is not valid JSON: the text "
                + "is not well-formed UTF-8 at byte " + at + " (0xc0; an invalid, overlong, surrogate or truncated sequence)");
    }

    @Test
    void duplicateKeysAndNonObjectsAreRefused() {
        assertThat(gw.post("/tools/invoke", developer,
                "{\"server_name\":\"a\",\"server_name\":\"b\",\"tool_name\":\"t\"}").status()).isEqualTo(400);
        Response array = gw.post("/tools/invoke", developer, "[1,2]");
        assertThat(array.status()).isEqualTo(400);
        assertThat(array.json().at("/error/message").asString()).contains("must be a JSON object, got an array");
        assertThat(gw.post("/tools/invoke", developer, "").json().at("/error/message").asString()).contains("empty");
        assertThat(gw.post("/tools/invoke", developer,
                "{\"server_name\":\"postgres-mcp\",\"tool_name\":\"execute_query\"} trailing").status())
                .isEqualTo(400);
    }

    @Test
    void anOversizedBodyIs413() {
        String big = "{\"server_name\":\"postgres-mcp\",\"tool_name\":\"execute_query\",\"parameters\":{\"q\":\""
                + "x".repeat(5000) + "\"}}";
        Response r = gw.post("/tools/invoke", developer, big);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().at("/error/code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(r.json().at("/error/details/limit_bytes").asLong()).isEqualTo(4096);
    }

    @Test
    void unknownRoutesAndMethodsUseTheEnvelope() {
        Response missing = gw.get("/nope", developer);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().at("/error/code").asString()).isEqualTo("NOT_FOUND");
        assertThat(missing.header("X-Request-Id")).isNotBlank();
        Response wrongMethod = gw.get("/tools/invoke", developer);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.json().at("/error/code").asString()).isEqualTo("METHOD_NOT_ALLOWED");
    }

    @Test
    void badQueryParametersAreNamed() {
        Response r = gw.get("/servers?include_tools=maybe", developer);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/details/field").asString()).isEqualTo("include_tools");
        Response unknown = gw.get("/servers?verbose=1", developer);
        assertThat(unknown.json().at("/error/message").asString()).startsWith("verbose: unknown query parameter");
    }

    @Test
    void missingCredentialsAre401WithABareChallenge() {
        Response r = gw.post("/tools/invoke", null, "{\"server_name\":\"postgres-mcp\",\"tool_name\":\"execute_query\"}");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"warden\"");
        assertThat(r.json().at("/error/code").asString()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void logLinesNeverHoldTheTokenOrTheSecret() {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.Logger audit = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                "warden.audit");
        var captured = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        captured.start();
        root.addAppender(captured);
        audit.setLevel(ch.qos.logback.classic.Level.INFO);
        try {
            String body = "{\"server_name\":\"postgres-mcp\",\"tool_name\":\"execute_query\",\"parameters\":{\"token\":\"t-42\"}}";
            gw.post("/tools/invoke", developer, body);
            gw.post("/tools/invoke", developer + "x", body);
        } finally {
            root.detachAppender(captured);
            audit.setLevel(null);
        }
        assertThat(captured.list).isNotEmpty().allSatisfy(e -> {
            String line = e.getFormattedMessage() + java.util.Arrays.toString(e.getArgumentArray()) + e.getMDCPropertyMap();
            assertThat(line).doesNotContain(developer).doesNotContain(TestGateway.SECRET).doesNotContain("t-42");
            assertThat(e.getMDCPropertyMap()).containsKey("request_id");
        });
    }

    @Test
    void twoAuthorizationHeadersAre401OnEveryRouteWhicheverComesFirst() {
        String admin = gw.token("root", "admin");
        String call = "{\"server_name\":\"postgres-mcp\",\"tool_name\":\"execute_query\","
                + "\"parameters\":{\"query\":\"SELECT 1\"}}";
        for (String[] tokens : new String[][] {{developer, admin}, {admin, developer}}) {
            HttpRequest.Builder invoke = HttpRequest.newBuilder(gw.uri("/tools/invoke"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(call));
            HttpRequest.Builder servers = HttpRequest.newBuilder(gw.uri("/servers")).GET();
            HttpRequest.Builder mcp = HttpRequest.newBuilder(gw.uri("/mcp")).header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"));
            for (HttpRequest.Builder b : List.of(invoke, servers, mcp)) {
                Response r = gw.send(b.header("Authorization", "Bearer " + tokens[0])
                        .header("Authorization", "Bearer " + tokens[1]).build());
                assertThat(r.status()).as(r.body()).isEqualTo(401);
                assertThat(r.header("WWW-Authenticate")).contains("error=\"invalid_token\"")
                        .contains("more than one credential");
                assertThat(r.body()).doesNotContain(tokens[0]).doesNotContain(tokens[1]);
            }
        }
    }

    @Test
    void aBadTokenIs401WithInvalidTokenAndNoTokenEcho() {
        String tampered = developer.substring(0, developer.length() - 4) + "AAAA";
        Response r = gw.post("/tools/invoke", tampered, "{\"server_name\":\"postgres-mcp\",\"tool_name\":\"execute_query\"}");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).contains("error=\"invalid_token\"")
                .contains("error_description=\"the token signature is invalid\"");
        assertThat(r.body()).doesNotContain(tampered).doesNotContain(TestGateway.SECRET);
    }
}
