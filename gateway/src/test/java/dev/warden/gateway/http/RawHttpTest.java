package dev.warden.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.support.FakeUpstreams;
import dev.warden.gateway.support.RolePolicy;
import dev.warden.gateway.support.TestGateway;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * HTTP/1.1 written by hand, for what an HTTP client library would not send.
 *
 * <p>A request refused before its body was read must not leave a connection that the client will reuse but the
 * gateway closes: the client's next request on it would get no answer at all. Those tests send a request's head,
 * let the gateway decide, send the body a moment later, and then a second request on the same connection.
 *
 * <p>Requests Jetty refuses before any route sees them are answered in the gateway's error envelope too.
 */
@DisplayName("HTTP/1.1 by hand: refusals before the body, protocol errors")
class RawHttpTest {
    private static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
            "capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""";

    @TempDir
    static Path dir;
    static TestGateway gw;
    static String developer;

    @BeforeAll
    static void start() {
        gw = TestGateway.start(dir, new FakeUpstreams().server("postgres-mcp", true, Map.of(), "execute_query",
                "crash"), new RolePolicy(), "");
        developer = gw.token("alice", "developer");
    }

    @AfterAll
    static void stop() { gw.close(); }

    @Test
    void aWrongContentTypeOnMcpIsAnsweredAfterTheBodyAndTheConnectionServesTheNextRequest() throws Exception {
        try (Socket s = connect()) {
            Answer refused = exchangeWithLateBody(s, "POST /mcp", "Authorization: Bearer " + developer
                    + "\r\nContent-Type: text/plain\r\nAccept: application/json, text/event-stream", INITIALIZE);
            assertThat(refused.status()).isEqualTo(415);
            assertThat(refused.header("connection")).isNull();

            Answer next = exchange(s, "GET /health", "", null);
            assertThat(next.status()).isEqualTo(200);
        }
    }

    @Test
    void aMissingTokenOnARestRouteSaysTheConnectionWillCloseWhenTheBodyHasNotArrived() throws Exception {
        try (Socket s = connect()) {
            Answer refused = exchangeWithLateBody(s, "POST /admin/reload", "Content-Type: application/json", "{}");
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.header("connection")).isEqualTo("close");
        }
    }

    @Test
    void aMissingTokenOnARestRouteWithItsBodyAtHandKeepsTheConnection() throws Exception {
        try (Socket s = connect()) {
            Answer refused = exchange(s, "POST /admin/reload", "Content-Type: application/json", "{}");
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.header("connection")).isNull();

            Answer next = exchange(s, "GET /", "", null);
            assertThat(next.status()).isEqualTo(200);
            assertThat(next.body()).contains("\"status\"");
        }
    }

    @Test
    void aChunkedBodyOverTheLimitOnARefusedMcpRequestClosesTheConnectionAndSaysSo() throws Exception {
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /mcp HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String chunk = "x".repeat(2048);
            for (int i = 0; i < 4; i++) { // 8 KB, twice the test gateway's 4 KB limit
                out.write((Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();

            Answer refused = read(s.getInputStream());
            assertThat(refused.status()).isEqualTo(415);
            assertThat(refused.header("connection")).isEqualTo("close");
        }
    }

    @Test
    void aDeclaredBodyOverTheLimitIsRefusedWithConnectionCloseOnBothApis() throws Exception {
        String big = "{\"pad\":\"" + "x".repeat(5000) + "\"}";
        for (String target : new String[] {"POST /tools/invoke", "POST /mcp"}) {
            try (Socket s = connect()) {
                Answer refused = exchange(s, target, "Authorization: Bearer " + developer
                        + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream", big);
                assertThat(refused.status()).as(target).isEqualTo(413);
                assertThat(refused.header("connection")).as(target).isEqualTo("close");
            }
        }
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "a malformed percent-encoding in the path|GET /%zz HTTP/1.1\\r\\nHost: x|400|INVALID_REQUEST|Bad Request",
            "no Host header|GET / HTTP/1.1|400|INVALID_REQUEST|Bad Request: No Host",
            "an unknown HTTP version|GET / HTTP/3.7\\r\\nHost: x|505|INVALID_REQUEST|HTTP Version Not Supported: Unknown Version",
            "two Content-Length headers|POST /tools/invoke HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 2\\r\\n"
                    + "Content-Length: 3|400|INVALID_REQUEST|Bad Request: Multiple Content-Lengths",
    })
    void whatJettyRefusesBeforeAnyRouteIsAnsweredInTheEnvelope(String what, String head, int status, String code,
                                                                String message) throws Exception {
        try (Socket s = connect()) {
            s.getOutputStream().write((head.replace("\\r\\n", "\r\n") + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            Answer refused = read(s.getInputStream());
            assertThat(refused.status()).isEqualTo(status);
            assertThat(refused.header("content-type")).isEqualTo("application/json");
            assertThat(refused.body()).isEqualTo("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message
                    + "\",\"details\":{}}}");
        }
    }

    @Test
    void anErrorEscapingTheGatewayIsA500InTheEnvelopeThatDoesNotTellItsText() throws Exception {
        try (Socket s = connect()) {
            String admin = gw.token("root", "admin");
            Answer failed = exchange(s, "POST /tools/invoke", "Authorization: Bearer " + admin
                    + "\r\nContent-Type: application/json", "{\"server_name\":\"postgres-mcp\",\"tool_name\":\"crash\"}");
            assertThat(failed.status()).isEqualTo(500);
            assertThat(failed.body())
                    .isEqualTo("{\"error\":{\"code\":\"INTERNAL_ERROR\",\"message\":\"Server Error\",\"details\":{}}}");
        }
    }

    @Test
    void headerFieldsTooLargeAreAnsweredInTheEnvelope() throws Exception {
        try (Socket s = connect()) {
            Answer refused = exchange(s, "GET /", "X-Padding: " + "a".repeat(20_000), null);
            assertThat(refused.status()).isEqualTo(431);
            assertThat(refused.body()).contains("\"message\":\"Request Header Fields Too Large\"");
        }
    }

    @Test
    void aToolCallWhoseBodyStopsArrivingIsA408NamingTheIdleTimeout() throws Exception {
        try (TestGateway slow = TestGateway.start(dir.resolve("slow"), new FakeUpstreams().server("postgres-mcp",
                true, Map.of(), "execute_query"), new RolePolicy(), "gateway:\n  idle_timeout: 1s\n")) {
            for (String path : List.of("POST /tools/invoke")) {
                try (Socket s = new Socket("127.0.0.1", slow.gateway.port())) {
                    s.setSoTimeout(10_000);
                    OutputStream out = s.getOutputStream();
                    out.write(head(path, "Authorization: Bearer " + slow.token("root", "admin")
                            + "\r\nContent-Type: application/json", 72));
                    out.write("{\"server_".getBytes(StandardCharsets.UTF_8)); // 10 of the 72 bytes, then nothing
                    out.flush();
                    Answer answer = read(s.getInputStream());
                    assertThat(answer.status()).as(path).isEqualTo(408);
                    assertThat(answer.body()).as(path).contains("\"REQUEST_TIMEOUT\"")
                            .contains("the request body stopped arriving");
                }
            }
        }
    }

    private static Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", gw.gateway.port());
        s.setSoTimeout(10_000);
        return s;
    }

    /** Sends the head, waits long enough for a gateway that does not wait for the body to answer, then the body. */
    private static Answer exchangeWithLateBody(Socket s, String requestLine, String headers, String body)
            throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = s.getOutputStream();
        out.write(head(requestLine, headers, bytes.length));
        out.flush();
        Thread.sleep(300);
        out.write(bytes);
        out.flush();
        return read(s.getInputStream());
    }

    private static Answer exchange(Socket s, String requestLine, String headers, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(head(requestLine, headers, body == null ? -1 : bytes.length));
        request.writeBytes(bytes);
        OutputStream out = s.getOutputStream();
        out.write(request.toByteArray()); // in one segment, so the body is at hand when the head is
        out.flush();
        return read(s.getInputStream());
    }

    private static byte[] head(String requestLine, String headers, int length) {
        String text = requestLine + " HTTP/1.1\r\nHost: localhost\r\n" + (headers.isEmpty() ? "" : headers + "\r\n")
                + (length >= 0 ? "Content-Length: " + length + "\r\n" : "") + "\r\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** One HTTP/1.1 answer with a Content-Length body; fails when the connection ends before it. */
    private static Answer read(InputStream in) throws IOException {
        String statusLine = line(in);
        assertThat(statusLine).as("the gateway's answer").startsWith("HTTP/1.1 ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new Answer(Integer.parseInt(statusLine.substring(9, 12)), headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) return b.size() == 0 ? "<connection closed>" : b.toString(StandardCharsets.US_ASCII);
            if (c != '\r') b.write(c);
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    private record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) { return headers.get(name); }
    }
}
