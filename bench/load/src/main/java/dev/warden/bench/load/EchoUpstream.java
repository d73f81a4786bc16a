package dev.warden.bench.load;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The zero-latency upstream: an MCP server over Streamable HTTP (the SDK's stateless transport on Jetty) with
 * one tool, {@code echo}, that answers at once with its {@code message} argument as text.
 *
 * <p>Stateless, so a {@code tools/call} needs no prior {@code initialize} and no session header: every scenario
 * can post the same request bytes. Tool handlers run on the request thread ({@code immediateExecution}) so the
 * upstream adds no hop of its own.
 *
 * <pre>{@code
 * try (EchoUpstream up = EchoUpstream.start(0)) {
 *     URI mcp = up.endpoint();   // http://127.0.0.1:<port>/mcp
 * }
 * }</pre>
 */
final class EchoUpstream implements AutoCloseable {

    static final String PATH = "/mcp";
    static final String TOOL = "echo";

    private final Server jetty;
    private final McpStatelessSyncServer mcp;
    private final int port;

    private EchoUpstream(Server jetty, McpStatelessSyncServer mcp, int port) {
        this.jetty = jetty;
        this.mcp = mcp;
        this.port = port;
    }

    /** Starts on 127.0.0.1 at {@code port} (0 picks a free one); returns when it accepts connections. */
    static EchoUpstream start(int port) throws Exception {
        HttpServletStatelessServerTransport transport = HttpServletStatelessServerTransport.builder()
                .messageEndpoint(PATH)
                .build();
        McpStatelessSyncServer mcp = McpServer.sync(transport)
                .serverInfo("warden-bench-echo", "1")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .immediateExecution(true)
                .tools(echoTool())
                .build();

        Server jetty = new Server(new InetSocketAddress("127.0.0.1", port));
        ServletContextHandler context = new ServletContextHandler();
        ServletHolder holder = new ServletHolder(transport);
        holder.setAsyncSupported(true);
        context.addServlet(holder, PATH);
        jetty.setHandler(context);
        jetty.start();
        int bound = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
        return new EchoUpstream(jetty, mcp, bound);
    }

    private static McpStatelessServerFeatures.SyncToolSpecification echoTool() {
        McpSchema.Tool tool = McpSchema.Tool.builder()
                .name(TOOL)
                .description("Returns its message argument unchanged, immediately.")
                .inputSchema(Map.of(
                        "type", "object",
                        "properties", Map.of("message", Map.of("type", "string")),
                        "required", List.of("message")))
                .build();
        return McpStatelessServerFeatures.SyncToolSpecification.builder()
                .tool(tool)
                .callHandler((context, request) -> {
                    Object message = request.arguments() == null ? null : request.arguments().get("message");
                    return McpSchema.CallToolResult.builder()
                            .addTextContent(message == null ? "" : message.toString())
                            .isError(false)
                            .build();
                })
                .build();
    }

    int port() { return port; }

    String endpoint() { return "http://127.0.0.1:" + port + PATH; }

    /** Blocks until the server stops (used when it runs as its own process). */
    void join() throws InterruptedException { jetty.join(); }

    @Override
    public void close() {
        mcp.close();
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the echo upstream: " + e.getMessage(), e);
        }
    }
}
