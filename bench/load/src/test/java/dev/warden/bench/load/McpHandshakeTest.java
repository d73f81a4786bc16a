package dev.warden.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class McpHandshakeTest {

    @Test
    void findsTheNamespacedEchoToolInAJsonAnswer() throws IOException {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"tools\":[{\"name\":\"other__echo_twice\"},"
                + "{\"name\":\"bench-echo__echo\",\"inputSchema\":{\"properties\":{\"name\":{}}}}]}}";

        assertThat(McpHandshake.echoTool(body)).isEqualTo("bench-echo__echo");
    }

    @Test
    void findsTheEchoToolInAnEventStreamAnswer() throws IOException {
        String body = "event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"tools\":[{\"name\":\"echo\"}]}}\n\n";

        assertThat(McpHandshake.echoTool(body)).isEqualTo("echo");
    }

    @Test
    void namesTheToolsOfferedWhenEchoIsMissing() {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"tools\":[{\"name\":\"sql__execute_query\"}]}}";

        assertThatThrownBy(() -> McpHandshake.echoTool(body))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("does not offer the echo tool")
                .hasMessageContaining("sql__execute_query");
    }
}
