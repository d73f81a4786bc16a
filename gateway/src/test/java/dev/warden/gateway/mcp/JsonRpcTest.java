package dev.warden.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@DisplayName("JSON-RPC messages as MCP allows them")
class JsonRpcTest {
    private static JsonNode json(String s) { return Wire.JSON.readTree(s); }

    @Test
    void classifiesRequestsNotificationsAndClientResponses() {
        assertThat(JsonRpc.read(json("{\"jsonrpc\":\"2.0\",\"id\":\"a-1\",\"method\":\"ping\"}")))
                .isInstanceOfSatisfying(JsonRpc.Request.class, r -> {
                    assertThat(r.id().asString()).isEqualTo("a-1");
                    assertThat(r.params().isEmpty()).isTrue();
                });
        assertThat(JsonRpc.read(json("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")))
                .isInstanceOf(JsonRpc.Notification.class);
        assertThat(JsonRpc.read(json("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}")))
                .isInstanceOf(JsonRpc.Response.class);
    }

    @Test
    void refusesWhatJsonRpcOrMcpForbidsWithHttp400() {
        for (String bad : new String[] {"{\"jsonrpc\":2.0,\"id\":1,\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}",
                "{\"jsonrpc\":\"2.0\",\"id\":1}", "[]", "\"ping\""}) {
            assertThatThrownBy(() -> JsonRpc.read(json(bad))).as(bad).isInstanceOfSatisfying(McpError.class, e -> {
                assertThat(e.code()).isEqualTo(McpError.INVALID_REQUEST);
                assertThat(e.httpStatus()).isEqualTo(400);
            });
        }
    }

    @Test
    void errorsCarryTheRequestIdOrNull() {
        JsonNode withId = JsonRpc.error(json("5"), new McpError(McpError.METHOD_NOT_FOUND, "Method not found: x"));
        assertThat(withId.toString()).isEqualTo(
                "{\"jsonrpc\":\"2.0\",\"id\":5,\"error\":{\"code\":-32601,\"message\":\"Method not found: x\"}}");
        assertThat(JsonRpc.error(null, new McpError(McpError.PARSE_ERROR, "Parse error")).get("id").isNull()).isTrue();
    }
}
