package dev.warden.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Opens MCP sessions with Warden's {@code /mcp} endpoint (initialize, initialized, tools/list) and returns the
 * {@code tools/call} of the echo tool as a repeatable {@link HttpTarget}, carrying the session id and the bearer
 * token. {@link #sessions} gives every client thread a session of its own, as 32 concurrent MCP clients would
 * have. Handshakes happen before measuring, so they use the JDK's HTTP client; the hot path stays on raw sockets.
 *
 * <pre>{@code
 * HttpTarget mcp = McpHandshake.open(URI.create("http://127.0.0.1:8080/mcp"), token, "warden-bench-ping");
 * }</pre>
 */
final class McpHandshake {

    static final String PROTOCOL_VERSION = "2025-11-25";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private McpHandshake() {}

    /**
     * A target whose every caller (client thread) first opens its own session, then repeats its {@code tools/call}
     * on it. One handshake runs here at once (retried for up to {@code ready}), so that a misconfigured Warden is
     * reported before measuring.
     */
    static Target sessions(URI endpoint, String token, String marker, Duration ready)
            throws IOException, InterruptedException {
        // Warden may still be connecting to its upstream, and lists no echo tool until it is: retry a while.
        long deadline = System.nanoTime() + ready.toNanos();
        while (true) {
            try {
                open(endpoint, token, marker);
                break;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) throw e;
                Thread.sleep(200);
            }
        }
        return new Target() {
            @Override
            public String label() { return "warden-mcp"; }

            @Override
            public Caller newCaller() {
                HttpTarget session;
                try {
                    session = open(endpoint, token, marker);
                } catch (IOException e) {
                    return failing("MCP handshake failed: " + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return failing("interrupted during the MCP handshake");
                }
                return session.newCaller();
            }
        };
    }

    private static Target.Caller failing(String why) {
        return new Target.Caller() {
            @Override
            public String call() { return why; }

            @Override
            public void close() { }
        };
    }

    /** Runs the handshake; throws {@link IOException} naming the step and the answer when one fails. */
    static HttpTarget open(URI endpoint, String token, String marker) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json, text/event-stream");
        headers.put("Authorization", "Bearer " + token);

        HttpResponse<String> init = post(http, endpoint, headers, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":"
                + "\"initialize\",\"params\":{\"protocolVersion\":\"" + PROTOCOL_VERSION + "\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"warden-bench\",\"version\":\"1\"}}}", "initialize");
        init.headers().firstValue("Mcp-Session-Id").ifPresent(id -> headers.put("Mcp-Session-Id", id));
        headers.put("MCP-Protocol-Version", PROTOCOL_VERSION);
        post(http, endpoint, headers, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "notifications/initialized");
        HttpResponse<String> list = post(http, endpoint, headers,
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}", "tools/list");
        String tool = echoTool(list.body());

        String call = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":{\"message\":\"" + marker + "\"}}}";
        return HttpTarget.post("warden-mcp", endpoint, headers, call, marker);
    }

    private static HttpResponse<String> post(HttpClient http, URI endpoint, Map<String, String> headers, String body,
                                             String step) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(step + " answered HTTP " + response.statusCode() + ": " + excerpt(response.body()));
        }
        return response;
    }

    /** The listed tool that is the upstream's {@code echo}, whatever namespacing Warden applies to it. */
    static String echoTool(String listBody) throws IOException {
        List<String> names = new ArrayList<>();
        for (JsonNode message : messages(listBody)) {
            for (JsonNode tool : message.path("result").path("tools")) {
                names.add(tool.path("name").asString(""));
            }
        }
        return names.stream()
                .filter(n -> n.equals(EchoUpstream.TOOL) || n.endsWith("__" + EchoUpstream.TOOL)
                        || n.endsWith("." + EchoUpstream.TOOL) || n.endsWith("/" + EchoUpstream.TOOL))
                .findFirst()
                .orElseThrow(() -> new IOException("tools/list does not offer the echo tool; it lists " + names));
    }

    /** The JSON-RPC messages of a body that is plain JSON or a server-sent event stream. */
    private static List<JsonNode> messages(String body) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        String trimmed = body.strip();
        try {
            if (trimmed.startsWith("{")) {
                out.add(JSON.readTree(trimmed));
            } else {
                for (String line : trimmed.split("\r?\n")) {
                    if (line.startsWith("data:")) {
                        out.add(JSON.readTree(line.substring(5).strip()));
                    }
                }
            }
        } catch (RuntimeException e) {
            throw new IOException("tools/list answer is not JSON-RPC: " + excerpt(body), e);
        }
        return out;
    }

    private static String excerpt(String body) {
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
    }
}
