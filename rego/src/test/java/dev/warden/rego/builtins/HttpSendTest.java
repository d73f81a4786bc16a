package dev.warden.rego.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.warden.rego.EvalOptions;
import dev.warden.rego.Rego;
import dev.warden.rego.RegoException;
import dev.warden.rego.ResultSet;
import dev.warden.rego.value.Json;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code http.send} against a real HTTP server on a loopback port: refused by default, OPA's semantics when allowed. */
class HttpSendTest {
    private static HttpServer server;
    private static ExecutorService pool;
    private static String base;
    private static final AtomicInteger counted = new AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/json", ex -> reply(ex, 200, "application/json; charset=utf-8",
                "{\"roles\": [\"admin\"], \"n\": 3}"));
        server.createContext("/echo", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String json = "{\"method\": " + q(ex.getRequestMethod()) + ", \"body\": " + q(body)
                    + ", \"x_token\": " + q(String.valueOf(ex.getRequestHeaders().getFirst("X-Token")))
                    + ", \"agent\": " + q(String.valueOf(ex.getRequestHeaders().getFirst("User-Agent"))) + "}";
            ex.getResponseHeaders().add("X-Multi", "one");
            ex.getResponseHeaders().add("X-Multi", "two");
            reply(ex, 201, "application/vnd.warden+json", json);
        });
        server.createContext("/missing", ex -> reply(ex, 404, "text/plain", "no such thing"));
        server.createContext("/text", ex -> reply(ex, 200, "text/plain", "{\"looks\": \"like json\"}"));
        server.createContext("/count", ex -> reply(ex, 200, "application/json", "" + counted.incrementAndGet()));
        server.createContext("/redirect", ex -> {
            ex.getResponseHeaders().add("Location", base + "/json");
            reply(ex, 302, "text/plain", "");
        });
        server.createContext("/slow", ex -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(ex, 200, "text/plain", "late");
        });
        pool = Executors.newCachedThreadPool();
        server.setExecutor(pool);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        pool.shutdownNow();
    }

    private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) ex.getResponseBody().write(bytes);
        ex.close();
    }

    private static String q(String s) {
        StringBuilder sb = new StringBuilder();
        Json.quote(s, sb);
        return sb.toString();
    }

    /** Evaluates {@code data.t.r} where {@code r := <expr>}. */
    private static Value eval(String expr, boolean allow, boolean strict) {
        return eval(expr, allow, strict, EvalOptions.NONE);
    }

    private static Value eval(String expr, boolean allow, boolean strict, EvalOptions opts) {
        Rego rego = Rego.builder().module("t.rego", "package t\nr := " + expr + "\n")
                .allowHttpSend(allow).strictBuiltinErrors(strict).build();
        ResultSet rs = rego.prepare("data.t.r").eval(opts);
        return rs.isUndefined() ? null : rs.firstValue();
    }

    private static Value field(Value obj, String... path) {
        Value v = obj;
        for (String p : path) v = ((ObjectValue) v).get(p);
        return v;
    }

    @Test
    void isRefusedByDefaultWithAnErrorNamingHowToEnableIt() {
        assertThatThrownBy(() -> eval("http.send({\"method\": \"get\", \"url\": \"" + base + "/json\"})", false, false))
                .isInstanceOf(RegoException.class)
                .hasMessageContaining("http.send: network calls are disabled")
                .hasMessageContaining("allowHttpSend(true)")
                .hasMessageContaining("--allow-http-send");
    }

    @Test
    void withMockingWorksWhileNetworkIsDisabled() {
        Rego rego = Rego.builder().module("t.rego", """
                package t
                allow if http.send({"method": "get", "url": "http://pdp.invalid/check"}).body.allowed
                test_allow if allow with http.send as {"status_code": 200, "body": {"allowed": true}}
                """).build();
        assertThat(rego.prepare("data.t.test_allow").eval(EvalOptions.NONE).isTrue()).isTrue();
    }

    @Test
    void getDecodesAJsonBodyAndReportsStatusAndHeaders() {
        Value resp = eval("http.send({\"method\": \"get\", \"url\": \"" + base + "/json\"})", true, true);
        assertThat(field(resp, "status_code")).isEqualTo(Json.parse("200"));
        assertThat(field(resp, "status")).isEqualTo(StringValue.of("200 OK"));
        assertThat(field(resp, "body")).isEqualTo(Json.parse("{\"roles\": [\"admin\"], \"n\": 3}"));
        assertThat(field(resp, "raw_body")).isEqualTo(StringValue.of("{\"roles\": [\"admin\"], \"n\": 3}"));
        assertThat(field(resp, "headers", "content-type")).isEqualTo(Json.parse("[\"application/json; charset=utf-8\"]"));
    }

    @Test
    void postSendsTheJsonEncodedBodyAndHeaders() {
        Value resp = eval("http.send({\"method\": \"post\", \"url\": \"" + base + "/echo\", \"body\": {\"a\": [1, 2]},"
                + " \"headers\": {\"X-Token\": \"t0k\"}})", true, true);
        assertThat(field(resp, "status_code")).isEqualTo(Json.parse("201"));
        assertThat(field(resp, "body", "method")).isEqualTo(StringValue.of("POST"));
        assertThat(Json.parse(((StringValue) field(resp, "body", "body")).value())).isEqualTo(Json.parse("{\"a\": [1, 2]}"));
        assertThat(field(resp, "body", "x_token")).isEqualTo(StringValue.of("t0k"));
        assertThat(((StringValue) field(resp, "body", "agent")).value()).startsWith("Warden/");
        assertThat(field(resp, "headers", "x-multi")).isEqualTo(Json.parse("[\"one\", \"two\"]"));
    }

    @Test
    void rawBodyIsSentAsIs() {
        Value resp = eval("http.send({\"method\": \"PUT\", \"url\": \"" + base + "/echo\", \"raw_body\": \"a=1&b=2\"})",
                true, true);
        assertThat(field(resp, "body", "method")).isEqualTo(StringValue.of("PUT"));
        assertThat(field(resp, "body", "body")).isEqualTo(StringValue.of("a=1&b=2"));
    }

    @Test
    void aNon2xxStatusIsAResponseNotAnError() {
        Value resp = eval("http.send({\"method\": \"get\", \"url\": \"" + base + "/missing\"})", true, true);
        assertThat(field(resp, "status_code")).isEqualTo(Json.parse("404"));
        assertThat(field(resp, "status")).isEqualTo(StringValue.of("404 Not Found"));
        assertThat(field(resp, "body")).isEqualTo(Json.parse("null"));
        assertThat(field(resp, "raw_body")).isEqualTo(StringValue.of("no such thing"));
    }

    @Test
    void forceJsonDecodeDecodesWhateverTheContentType() {
        String url = base + "/text";
        assertThat(field(eval("http.send({\"method\": \"get\", \"url\": \"" + url + "\"})", true, true), "body"))
                .isEqualTo(Json.parse("null"));
        assertThat(field(eval("http.send({\"method\": \"get\", \"url\": \"" + url + "\", \"force_json_decode\": true})",
                true, true), "body")).isEqualTo(Json.parse("{\"looks\": \"like json\"}"));
    }

    @Test
    void redirectsAreFollowedOnlyWhenEnabled() {
        String req = "{\"method\": \"get\", \"url\": \"" + base + "/redirect\"";
        assertThat(field(eval("http.send(" + req + "})", true, true), "status_code")).isEqualTo(Json.parse("302"));
        assertThat(field(eval("http.send(" + req + ", \"enable_redirect\": true})", true, true), "status_code"))
                .isEqualTo(Json.parse("200"));
    }

    @Test
    void identicalRequestsInOneEvaluationAreSentOnce() {
        String call = "http.send({\"method\": \"get\", \"url\": \"" + base + "/count\"}).body";
        Value pair = eval("[" + call + ", " + call + "]", true, true);
        Value first = ((dev.warden.rego.value.ArrayValue) pair).get(0);
        assertThat(((dev.warden.rego.value.ArrayValue) pair).get(1)).isEqualTo(first);
        Value next = eval(call, true, true);
        assertThat(next).isNotEqualTo(first); // a new evaluation asks again
    }

    @Test
    void connectionRefusedIsABuiltinErrorWhenRaisingErrors() throws IOException {
        String url = closedPortUrl();
        assertThatThrownBy(() -> eval("http.send({\"method\": \"get\", \"url\": \"" + url + "\"})", true, true))
                .isInstanceOfSatisfying(RegoException.class, e -> assertThat(e.code()).isEqualTo("eval_builtin_error"))
                .hasMessageContaining("http.send: Get \"" + url + "\"")
                .hasMessageContaining("connection refused");
        // Without strict builtin errors the call is undefined, as in OPA.
        assertThat(eval("http.send({\"method\": \"get\", \"url\": \"" + url + "\"})", true, false)).isNull();
    }

    @Test
    void connectionRefusedIsAStatusZeroResponseWithoutRaisingErrors() throws IOException {
        String url = closedPortUrl();
        Value resp = eval("http.send({\"method\": \"get\", \"url\": \"" + url + "\", \"raise_error\": false})", true, true);
        assertThat(field(resp, "status_code")).isEqualTo(Json.parse("0"));
        assertThat(field(resp, "error", "code")).isEqualTo(StringValue.of("eval_http_send_network_error"));
        assertThat(((StringValue) field(resp, "error", "message")).value()).contains("connection refused");
    }

    @Test
    void theRequestTimeoutIsHonoured() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> eval("http.send({\"method\": \"get\", \"url\": \"" + base + "/slow\", \"timeout\": \"200ms\"})",
                true, true))
                .isInstanceOfSatisfying(RegoException.class, e -> assertThat(e.code()).isEqualTo("eval_builtin_error"))
                .hasMessageContaining("request timed out");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2000);
    }

    @Test
    void theEvaluationDeadlineBoundsTheRequest() {
        long start = System.nanoTime();
        EvalOptions opts = EvalOptions.NONE.withDeadline(Instant.now().plusMillis(250));
        assertThatThrownBy(() -> eval("http.send({\"method\": \"get\", \"url\": \"" + base + "/slow\"})", true, false, opts))
                .isInstanceOfSatisfying(RegoException.class, e -> assertThat(e.code()).isEqualTo("eval_cancel_error"));
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2000);
    }

    @Test
    void unsupportedTlsOptionsAreRefusedByName() {
        assertThatThrownBy(() -> eval("http.send({\"method\": \"get\", \"url\": \"" + base + "/json\","
                + " \"tls_client_cert_file\": \"/tmp/c.pem\"})", true, true))
                .hasMessageContaining("\"tls_client_cert_file\" is not supported");
        Value resp = eval("http.send({\"method\": \"get\", \"url\": \"" + base + "/json\", \"cache\": true,"
                + " \"raise_error\": false})", true, true);
        assertThat(field(resp, "error", "code")).isEqualTo(StringValue.of("eval_http_send_internal_error"));
    }

    @Test
    void malformedTimeoutsNameTheValue() {
        assertThatThrownBy(() -> eval("http.send({\"method\": \"get\", \"url\": \"" + base + "/json\", \"timeout\": \"soon\"})",
                true, true))
                .hasMessageContaining("invalid timeout value \"soon\"");
    }

    /** A loopback URL nothing listens on: a port the OS just handed out and took back. */
    private static String closedPortUrl() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        return "http://127.0.0.1:" + port + "/x";
    }
}
