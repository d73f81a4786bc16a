package dev.warden.gateway.mcp;

import dev.warden.gateway.support.TestGateway;
import dev.warden.gateway.support.TestGateway.Response;
import java.net.http.HttpRequest;

/** Raw Streamable HTTP exchanges with a test gateway's {@code /mcp}: what a client sends, byte for byte. */
final class McpHttp {
    static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
             "capabilities":{},"clientInfo":{"name":"raw-test","version":"1"}}}""";

    private final TestGateway gw;

    McpHttp(TestGateway gw) { this.gw = gw; }

    HttpRequest.Builder request(String token, String session) {
        HttpRequest.Builder b = HttpRequest.newBuilder(gw.uri("/mcp"))
                .header("Accept", "application/json, text/event-stream");
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (session != null) b.header("Mcp-Session-Id", session);
        return b;
    }

    Response post(String token, String session, String body) {
        return gw.send(request(token, session).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Sends without waiting for the answer: for a call that is to be cancelled, or overlapped, while it runs. */
    java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>> postAsync(String token, String session,
                                                                                        String body) {
        return java.net.http.HttpClient.newHttpClient().sendAsync(request(token, session)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** Initializes and returns the new session id. */
    String initialize(String token) {
        Response r = post(token, null, INITIALIZE);
        if (r.status() != 200) throw new AssertionError("initialize failed: " + r.status() + " " + r.body());
        String session = r.header("Mcp-Session-Id");
        post(token, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return session;
    }

    /**
     * A request of protocol revision 2026-07-28, as its clients send it: no session; the revision and the client's
     * capabilities in {@code _meta} (put before {@code params}' own members), the revision and method in headers, and
     * {@code headers} besides (e.g. {@code Mcp-Name}).
     */
    Response modern(String token, int id, String method, String params, String... headers) {
        return modernDeclaring(token, id, method, "{}", params, headers);
    }

    /** As {@link #modern(String, int, String, String, String...)}, declaring the client's {@code capabilities}. */
    Response modernDeclaring(String token, int id, String method, String capabilities, String params,
                             String... headers) {
        String meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":" + capabilities + "}";
        String merged = params.strip().equals("{}") ? "{" + meta + "}" : "{" + meta + "," + params.strip().substring(1);
        HttpRequest.Builder b = request(token, null).header("Content-Type", "application/json")
                .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", method);
        if (headers.length > 0) b.headers(headers);
        return gw.send(b.POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":" + id
                + ",\"method\":\"" + method + "\",\"params\":" + merged + "}")).build());
    }

    Response call(String token, String session, int id, String method, String params) {
        return post(token, session, "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":"
                + params + "}");
    }
}
