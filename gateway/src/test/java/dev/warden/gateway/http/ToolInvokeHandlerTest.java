package dev.warden.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * {@code POST /tools/invoke} is served in front of Javalin, except for CORS requests (an {@code Origin} while CORS is
 * on), which Javalin's route serves: a caller must not be able to tell the two apart, except by the CORS headers.
 */
@DisplayName("POST /tools/invoke in front of Javalin and on its route")
class ToolInvokeHandlerTest {
    private static final String ORIGIN = "https://app.example.com";
    private static final String SELECT = """
            {"server_name":"postgres-mcp","tool_name":"execute_query","parameters":{"query":"SELECT 1"}}""";

    @TempDir
    static Path dir;
    static TestGateway gw;
    static String developer;

    @BeforeAll
    static void start() {
        FakeUpstreams upstreams = new FakeUpstreams().server("postgres-mcp", true, Map.of(), "execute_query");
        gw = TestGateway.start(dir, upstreams, new RolePolicy(),
                "cors:\n  enabled: true\n  allowed_origins: [" + ORIGIN + "]\n");
        developer = gw.token("alice", "developer");
    }

    @AfterAll
    static void stop() { gw.close(); }

    private static Response invoke(String origin, String token, String requestId, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(gw.uri("/tools/invoke"))
                .header("Content-Type", "application/json").header("X-Request-Id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) b.header("Origin", origin);
        if (token != null) b.header("Authorization", "Bearer " + token);
        return gw.send(b.build());
    }

    @Test
    void anAllowedCallGetsTheSameAnswerWithAndWithoutAnOrigin() {
        Response direct = invoke(null, developer, "direct-1", SELECT);
        Response viaJavalin = invoke(ORIGIN, developer, "cors-1", SELECT);

        for (Response r : new Response[] {direct, viaJavalin}) {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Type")).isEqualTo("application/json");
            assertThat(r.json().get("success").asBoolean()).isTrue();
            assertThat(r.json().get("audit_id").asString()).isNotBlank();
        }
        assertThat(direct.json().get("result")).isEqualTo(viaJavalin.json().get("result"));
        assertThat(direct.json().propertyNames()).containsExactlyElementsOf(viaJavalin.json().propertyNames());
        assertThat(direct.header("X-Request-Id")).isEqualTo("direct-1");
        assertThat(viaJavalin.header("X-Request-Id")).isEqualTo("cors-1");
        assertThat(direct.header("Access-Control-Allow-Origin")).isNull();
        assertThat(viaJavalin.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    }

    @Test
    void aMissingTokenIsTheSame401WithItsChallengeEitherWay() {
        Response direct = invoke(null, null, "direct-2", SELECT);
        Response viaJavalin = invoke(ORIGIN, null, "cors-2", SELECT);

        assertThat(direct.status()).isEqualTo(401).isEqualTo(viaJavalin.status());
        assertThat(direct.body()).isEqualTo(viaJavalin.body());
        assertThat(direct.json().at("/error/code").asString()).isEqualTo("UNAUTHORIZED");
        assertThat(direct.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"warden\"")
                .isEqualTo(viaJavalin.header("WWW-Authenticate"));
        assertThat(direct.header("X-Request-Id")).isEqualTo("direct-2");
    }

    @Test
    void badBodiesAreTheSame400And413EitherWay() {
        for (String body : new String[] {"{\"server_name\":1}", "{not json", "{\"tool_name\":\"x\",\"extra\":1}",
                "{\"server_name\":\"postgres-mcp\",\"tool_name\":\"execute_query\",\"parameters\":{\"q\":\""
                        + "x".repeat(5000) + "\"}}"}) { // over the test gateway's limit of 4096 bytes
            Response direct = invoke(null, developer, "direct-3", body);
            Response viaJavalin = invoke(ORIGIN, developer, "cors-3", body);
            assertThat(direct.status()).isIn(400, 413).isEqualTo(viaJavalin.status());
            assertThat(direct.body()).isEqualTo(viaJavalin.body());
        }
    }

    @Test
    void otherMethodsAndPathsStillReachJavalin() {
        Response get = gw.get("/tools/invoke", developer);
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.json().at("/error/code").asString()).isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(gw.post("/tools/invoke/more", developer, SELECT).status()).isEqualTo(404);
        assertThat(gw.get("/servers", developer).status()).isEqualTo(200);
    }
}
