package dev.warden.gateway.testing;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncCompletionSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.CompleteRequest;
import io.modelcontextprotocol.spec.McpSchema.CompleteResult;
import io.modelcontextprotocol.spec.McpSchema.EmbeddedResource;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.Prompt;
import io.modelcontextprotocol.spec.McpSchema.PromptArgument;
import io.modelcontextprotocol.spec.McpSchema.PromptMessage;
import io.modelcontextprotocol.spec.McpSchema.PromptReference;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.ResourceReference;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real MCP server over HTTP for tests: Jetty with the SDK's servlet transports, serving Streamable HTTP at
 * {@code /mcp} and legacy SSE at {@code /sse} (messages at {@code /message}), on a free port of 127.0.0.1.
 * Tools: {@code echo} (text), {@code add} (structured {@code sum}), {@code slow} (sleeps {@code ms}),
 * {@code fail} (always {@code isError}). Resources: {@code docs://readme} (text naming the server's label, changed
 * by {@link #updateReadme}, which notifies subscribers) and {@code docs://secret}; a template
 * {@code docs://pages/{page}}; prompts {@code greet} (argument {@code name}) and {@code quote} (embeds
 * {@code docs://readme}); completions for greet's {@code name} and the template's {@code page}. It can be stopped and started again on the same port, and records the headers of every
 * request it receives.
 *
 * <pre>{@code
 * try (var server = HttpMcpTestServer.start()) {
 *     String url = server.streamableUrl();   // http://127.0.0.1:PORT/mcp
 * }
 * }</pre>
 */
public final class HttpMcpTestServer implements AutoCloseable {

    private final List<Map<String, String>> requestHeaders = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> forgotten = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final String label;
    private volatile String readme;
    private final java.util.concurrent.atomic.AtomicInteger streamsOpened = new java.util.concurrent.atomic.AtomicInteger();
    private int port;
    private Server jetty;
    private McpSyncServer streamable;
    private McpSyncServer sse;

    private HttpMcpTestServer(String label) {
        this.label = label;
        this.readme = "# readme of " + label;
    }

    /**
     * Makes the server answer 404 to every session it has handed out so far, as a server does after it expired
     * them; clients that initialize again get new sessions.
     */
    public void forgetSessions() {
        for (Map<String, String> headers : requestHeaders) {
            String session = headers.get("mcp-session-id");
            if (session != null) forgotten.add(session);
        }
    }

    /** Starts on a free port. */
    public static HttpMcpTestServer start() {
        return start("test");
    }

    /** Starts on a free port; {@code label} appears in its resources and prompts, to tell servers apart. */
    public static HttpMcpTestServer start(String label) {
        HttpMcpTestServer server = new HttpMcpTestServer(label);
        server.startOn(0);
        return server;
    }

    /** Changes {@code docs://readme} and sends {@code notifications/resources/updated} to its subscribers. */
    public void updateReadme(String text) {
        readme = text;
        var note = new io.modelcontextprotocol.spec.McpSchema.ResourcesUpdatedNotification("docs://readme");
        streamable.notifyResourcesUpdated(note);
        sse.notifyResourcesUpdated(note);
    }

    public String streamableUrl() {
        return "http://127.0.0.1:" + port + "/mcp";
    }

    public String sseUrl() {
        return "http://127.0.0.1:" + port + "/sse";
    }

    /** Headers (lower-case names) of every request received so far. */
    public List<Map<String, String>> requestHeaders() {
        return List.copyOf(requestHeaders);
    }

    /** How many server-to-client streams (GET on /mcp or /sse) clients have opened. */
    public int streamsOpened() {
        return streamsOpened.get();
    }

    /** Adds a tool at run time; connected clients get {@code notifications/tools/list_changed}. */
    public void addTool(String name) {
        SyncToolSpecification spec = tool(name, "added at run time", Map.of(),
                args -> text("I am " + name));
        streamable.addTool(spec);
        sse.addTool(spec);
    }

    /** Adds a prompt at run time; connected clients get {@code notifications/prompts/list_changed}. */
    public void addPrompt(String name) {
        SyncPromptSpecification spec = new SyncPromptSpecification(new Prompt(name, "added at run time", List.of()),
                (exchange, request) -> new GetPromptResult(name, List.of(new PromptMessage(Role.USER,
                        new TextContent("I am " + name)))));
        streamable.addPrompt(spec);
        sse.addPrompt(spec);
    }

    /** Stops serving (connections are refused until {@link #restart()}). */
    public synchronized void stop() {
        try {
            if (jetty != null) {
                streamable.closeGracefully();
                sse.closeGracefully();
                jetty.stop();
                jetty = null;
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the test MCP server", e);
        }
    }

    /** Starts again on the same port, with fresh sessions. */
    public synchronized void restart() {
        stop();
        startOn(port);
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void startOn(int requestedPort) {
        var streamableTransport = HttpServletStreamableServerTransportProvider.builder().mcpEndpoint("/mcp").build();
        var sseTransport = HttpServletSseServerTransportProvider.builder()
                .sseEndpoint("/sse").messageEndpoint("/message").build();
        streamable = server(McpServer.sync(streamableTransport).serverInfo("http-test-server", "1.0.0"));
        sse = server(McpServer.sync(sseTransport).serverInfo("sse-test-server", "1.0.0"));

        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(requestedPort);
        connector.setReuseAddress(true);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder streamableServlet = new ServletHolder(streamableTransport);
        streamableServlet.setAsyncSupported(true);
        context.addServlet(streamableServlet, "/mcp");
        ServletHolder sseServlet = new ServletHolder(sseTransport);
        sseServlet.setAsyncSupported(true);
        context.addServlet(sseServlet, "/sse");
        context.addServlet(sseServlet, "/message");
        Filter recorder = (request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            Map<String, String> headers = new TreeMap<>();
            for (String name : Collections.list(http.getHeaderNames())) {
                headers.put(name.toLowerCase(java.util.Locale.ROOT), http.getHeader(name));
            }
            requestHeaders.add(headers);
            if ("GET".equals(http.getMethod())) {
                streamsOpened.incrementAndGet();
            }
            String session = http.getHeader("Mcp-Session-Id");
            if (session != null && forgotten.contains(session)) {
                // What a server that restarted or expired the session answers, per the transport's specification.
                ((jakarta.servlet.http.HttpServletResponse) response).sendError(404, "Session not found");
                return;
            }
            chain.doFilter(request, response);
        };
        FilterHolder filter = new FilterHolder(recorder);
        filter.setAsyncSupported(true);
        context.addFilter(filter, "/*", EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
        jetty.setHandler(context);
        try {
            jetty.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test MCP server on port " + requestedPort, e);
        }
        port = connector.getLocalPort();
    }

    private McpSyncServer server(McpServer.SyncSpecification<?> spec) {
        return spec.capabilities(ServerCapabilities.builder().tools(true).resources(true, true).prompts(true)
                        .completions().build())
                .tools(tools()).resources(resources()).resourceTemplates(templates()).prompts(prompts())
                .completions(completions()).build();
    }

    /** Completes greet's {@code name} from a fixed list, and the template's {@code page} from the label. */
    private List<SyncCompletionSpecification> completions() {
        return List.of(
                new SyncCompletionSpecification(new PromptReference("greet"),
                        (exchange, request) -> completion(List.of("Ada", "Alan", "Bob"), request)),
                new SyncCompletionSpecification(new ResourceReference("docs://pages/{page}"),
                        (exchange, request) -> completion(List.of(label + "-intro", label + "-faq"), request)));
    }

    private static CompleteResult completion(List<String> all, CompleteRequest request) {
        List<String> values = all.stream().filter(v -> v.startsWith(request.argument().value())).toList();
        return new CompleteResult(new CompleteResult.CompleteCompletion(values, values.size(), false));
    }

    private List<SyncResourceSpecification> resources() {
        return List.of(
                new SyncResourceSpecification(Resource.builder("docs://readme", "readme").mimeType("text/markdown")
                        .description("The readme of " + label).build(),
                        (exchange, request) -> contents(request.uri(), readme)),
                new SyncResourceSpecification(Resource.builder("docs://secret", "secret").mimeType("text/plain").build(),
                        (exchange, request) -> contents(request.uri(), "the secret of " + label)));
    }

    private List<SyncResourceTemplateSpecification> templates() {
        return List.of(new SyncResourceTemplateSpecification(ResourceTemplate.builder()
                .uriTemplate("docs://pages/{page}").name("page").mimeType("text/plain").build(),
                (exchange, request) -> contents(request.uri(), "page " + request.uri().substring(
                        "docs://pages/".length()) + " of " + label)));
    }

    private List<SyncPromptSpecification> prompts() {
        return List.of(
                new SyncPromptSpecification(new Prompt("greet", "Greets someone",
                        List.of(new PromptArgument("name", "who to greet", true))),
                        (exchange, request) -> new GetPromptResult("greeting from " + label, List.of(new PromptMessage(
                                Role.USER, new TextContent("Hello, " + request.arguments().get("name") + ", from "
                                        + label))))),
                new SyncPromptSpecification(new Prompt("quote", "Quotes the readme", List.of()),
                        (exchange, request) -> new GetPromptResult("the readme", List.of(new PromptMessage(Role.USER,
                                new EmbeddedResource(null, new TextResourceContents("docs://readme", "text/markdown",
                                        readme)))))));
    }

    private static ReadResourceResult contents(String uri, String text) {
        return new ReadResourceResult(List.of(new TextResourceContents(uri, "text/plain", text)));
    }

    private static List<SyncToolSpecification> tools() {
        return List.of(
                tool("echo", "Returns its text", Map.of("text", Map.of("type", "string")),
                        args -> text(String.valueOf(args.get("text")))),
                tool("add", "Adds two numbers", Map.of("a", Map.of("type", "number"), "b", Map.of("type", "number")),
                        args -> {
                            double sum = ((Number) args.get("a")).doubleValue() + ((Number) args.get("b")).doubleValue();
                            return CallToolResult.builder().content(List.of(new TextContent(String.valueOf(sum))))
                                    .structuredContent(Map.of("sum", sum)).isError(false).build();
                        }),
                tool("slow", "Sleeps for ms milliseconds", Map.of("ms", Map.of("type", "integer")), args -> {
                    try {
                        Thread.sleep(((Number) args.getOrDefault("ms", 1000)).longValue());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return text("done");
                }),
                tool("fail", "Always fails", Map.of(), args -> CallToolResult.builder()
                        .content(List.of(new TextContent("this tool always fails"))).isError(true).build()));
    }

    private static SyncToolSpecification tool(String name, String description, Map<String, Object> properties,
                                              java.util.function.Function<Map<String, Object>, CallToolResult> body) {
        Tool tool = Tool.builder(name, Map.of("type", "object", "properties", properties)).description(description).build();
        return SyncToolSpecification.builder().tool(tool)
                .callHandler((exchange, request) -> body.apply(request.arguments() == null ? Map.of() : request.arguments()))
                .build();
    }

    private static CallToolResult text(String text) {
        return CallToolResult.builder().content(List.of(new TextContent(text))).isError(false).build();
    }
}
