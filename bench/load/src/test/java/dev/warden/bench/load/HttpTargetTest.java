package dev.warden.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpTargetTest {

    private static final String BODY = "{\"msg\":\"ping-é\"}";

    @Test
    void buildsAKeepAlivePostWithTheExactByteLengthOfTheBody() {
        HttpTarget target = HttpTarget.post("direct", URI.create("http://127.0.0.1:8081/mcp?x=1"),
                Map.of("Accept", "application/json"), BODY, "ping");

        String request = new String(target.request(), StandardCharsets.UTF_8);

        assertThat(request).startsWith("POST /mcp?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8081\r\n");
        assertThat(request).contains("Accept: application/json\r\n");
        assertThat(request).contains("Content-Length: " + BODY.getBytes(StandardCharsets.UTF_8).length + "\r\n");
        assertThat(request).endsWith("\r\n\r\n" + BODY);
        assertThat(target.port()).isEqualTo(8081);
    }

    @Test
    void refusesHostsOutsideLoopback() {
        assertThatThrownBy(() -> HttpTarget.post("warden", URI.create("http://192.0.2.1:80/tools/invoke"),
                Map.of(), BODY, "ping"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loopback");
    }

    @Test
    void refusesHttpsAndMissingPorts() {
        assertThatThrownBy(() -> HttpTarget.post("x", URI.create("https://127.0.0.1:8443/"), Map.of(), BODY, "p"))
                .hasMessageContaining("only http://");
        assertThatThrownBy(() -> HttpTarget.post("x", URI.create("http://localhost/mcp"), Map.of(), BODY, "p"))
                .hasMessageContaining("explicit port");
    }

    @Test
    void acceptsOnlySuccessfulResponsesThatEchoTheMarker() {
        HttpTarget target = HttpTarget.post("direct", URI.create("http://localhost:1/mcp"), Map.of(), BODY, "ping");

        assertThat(target.failureOf(response(200, "{\"text\":\"ping\",\"isError\":false}"))).isNull();
        assertThat(target.failureOf(response(403, "{\"error\":\"denied\"}"))).startsWith("HTTP 403");
        assertThat(target.failureOf(response(200, "{\"text\":\"pong\"}"))).contains("lacks the echoed message");
        assertThat(target.failureOf(response(200, "{\"text\":\"ping\",\"isError\":true}")))
                .contains("tool reported an error");
    }

    private static HttpResponse response(int status, String body) {
        return new HttpResponse(status, body.getBytes(StandardCharsets.UTF_8), false);
    }
}
