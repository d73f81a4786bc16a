package dev.warden.bench.load;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The upstream called through the official MCP Java SDK client (Streamable HTTP transport), the way Warden
 * calls its upstreams: one shared async client, each call awaited as a future. Comparing it with {@code direct}
 * (the same request over a bare socket) shows what the SDK client alone costs, a floor under Warden's figures.
 *
 * <pre>{@code
 * try (SdkClientTarget sdk = SdkClientTarget.connect(URI.create("http://127.0.0.1:8081/mcp"), "ping")) {
 *     String failure = sdk.newCaller().call();
 * }
 * }</pre>
 */
final class SdkClientTarget implements Target, AutoCloseable {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final McpAsyncClient client;
    private final String marker;

    private SdkClientTarget(McpAsyncClient client, String marker) {
        this.client = client;
        this.marker = marker;
    }

    /** Connects and runs the MCP handshake; fails with the SDK's reason when the server does not answer. */
    static SdkClientTarget connect(URI endpoint, String marker) {
        if (!"http".equals(endpoint.getScheme()) || endpoint.getPort() <= 0) {
            throw new IllegalArgumentException("sdk-client: need an http:// URL with a port, got " + endpoint);
        }
        String base = endpoint.getScheme() + "://" + endpoint.getHost() + ":" + endpoint.getPort();
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(base)
                .endpoint(endpoint.getRawPath())
                .connectTimeout(CALL_TIMEOUT)
                .build();
        McpAsyncClient client = McpClient.async(transport)
                .clientInfo(new McpSchema.Implementation("warden-bench", "1"))
                .requestTimeout(CALL_TIMEOUT)
                .initializationTimeout(CALL_TIMEOUT)
                .build();
        client.initialize().block(CALL_TIMEOUT);
        return new SdkClientTarget(client, marker);
    }

    @Override
    public String label() { return "sdk-client"; }

    @Override
    public Caller newCaller() {
        McpSchema.CallToolRequest request = new McpSchema.CallToolRequest(EchoUpstream.TOOL, Map.of("message", marker));
        return new Caller() {
            @Override
            public String call() {
                try {
                    McpSchema.CallToolResult result = client.callTool(request).toFuture()
                            .get(CALL_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
                    return failureOf(result);
                } catch (ExecutionException e) {
                    return "SDK call failed: " + e.getCause();
                } catch (TimeoutException e) {
                    return "SDK call timed out after " + CALL_TIMEOUT.toSeconds() + " s";
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return "interrupted";
                }
            }

            @Override
            public void close() {
                // The client is shared by all callers and closed with the target.
            }
        };
    }

    private String failureOf(McpSchema.CallToolResult result) {
        if (Boolean.TRUE.equals(result.isError())) {
            return "tool reported an error: " + result.content();
        }
        boolean echoed = result.content().stream()
                .anyMatch(c -> c instanceof McpSchema.TextContent text && text.text().contains(marker));
        return echoed ? null : "result lacks the echoed message: " + result.content();
    }

    @Override
    public void close() {
        client.closeGracefully().block(Duration.ofSeconds(5));
    }
}
