package dev.warden.gateway.testing;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncCompletionSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.AudioContent;
import io.modelcontextprotocol.spec.McpSchema.BlobResourceContents;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.CompleteResult;
import io.modelcontextprotocol.spec.McpSchema.CompleteResult.CompleteCompletion;
import io.modelcontextprotocol.spec.McpSchema.Content;
import io.modelcontextprotocol.spec.McpSchema.CreateMessageRequest;
import io.modelcontextprotocol.spec.McpSchema.CreateMessageResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitFormRequest;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import io.modelcontextprotocol.spec.McpSchema.EmbeddedResource;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.ImageContent;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import io.modelcontextprotocol.spec.McpSchema.LoggingMessageNotification;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import io.modelcontextprotocol.spec.McpSchema.Prompt;
import io.modelcontextprotocol.spec.McpSchema.PromptArgument;
import io.modelcontextprotocol.spec.McpSchema.PromptMessage;
import io.modelcontextprotocol.spec.McpSchema.PromptReference;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.SamplingMessage;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiFunction;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The upstream the official conformance suite's server scenarios are run against, through Warden: an MCP server
 * built with the SDK's server API, over Streamable HTTP at {@code /mcp} on a free port of 127.0.0.1, offering exactly
 * the fixture tools, resources and prompts those scenarios call (names and contents as the scenarios specify
 * them), with logging and completions.
 *
 * <p>Tools: {@code test_simple_text}, {@code test_image_content}, {@code test_audio_content},
 * {@code test_embedded_resource}, {@code test_multiple_content_types}, {@code test_error_handling},
 * {@code test_tool_with_logging} (three info messages 50 ms apart), {@code test_tool_with_progress} (0, 50, 100 of
 * 100 on the request's progress token), {@code test_sampling} and {@code test_elicitation} (a server-to-client request
 * while the call runs; also as {@code test_missing_capability} and {@code test_streaming_elicitation}, and logging as
 * {@code test_logging_tool}, the names the 2026-07-28 scenarios call), {@code test_elicitation_sep1034_defaults}, {@code test_elicitation_sep1330_enums},
 * {@code json_schema_2020_12_tool}; and for Warden's own relay tests {@code test_slow} (waits {@code ms}, records
 * whether it was cancelled) and {@code test_roots} (asks the client for its roots). Resources {@code test://static-text}, {@code test://static-binary},
 * {@code test://watched-resource}, template {@code test://template/{id}/data}; prompts {@code test_simple_prompt},
 * {@code test_prompt_with_arguments}, {@code test_prompt_with_embedded_resource}, {@code test_prompt_with_image}.
 *
 * <pre>{@code
 * try (var fixture = ConformanceFixtureServer.start()) {
 *     String url = fixture.url();   // http://127.0.0.1:PORT/mcp, registered as an upstream of Warden
 * }
 * }</pre>
 */
public final class ConformanceFixtureServer implements AutoCloseable {
    /** A 1x1 red PNG. */
    static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJ"
            + "RU5ErkJggg==";
    /** A WAV header with two bytes of silence. */
    static final String WAV = "UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA=";

    private final Server jetty;
    private final McpSyncServer server;
    private final int port;
    private final Queue<String> events;
    private final Queue<String> bodies;

    private ConformanceFixtureServer(Server jetty, McpSyncServer server, int port, Queue<String> events,
                                     Queue<String> bodies) {
        this.events = events;
        this.bodies = bodies;
        this.jetty = jetty;
        this.server = server;
        this.port = port;
    }

    /** Starts on a free port of 127.0.0.1. */
    public static ConformanceFixtureServer start() {
        var transport = HttpServletStreamableServerTransportProvider.builder().mcpEndpoint("/mcp").build();
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder holder = new ServletHolder(transport);
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/mcp");
        Queue<String> events = new ConcurrentLinkedQueue<>();
        Queue<String> bodies = new ConcurrentLinkedQueue<>();
        FilterHolder recorder = new FilterHolder((Filter) (request, response, chain) ->
                chain.doFilter(BodyRecorder.wrap((HttpServletRequest) request, bodies), response));
        recorder.setAsyncSupported(true);
        context.addFilter(recorder, "/*", EnumSet.of(DispatcherType.REQUEST));
        jetty.setHandler(context);
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo("conformance-fixture", "1.0.0")
                .capabilities(ServerCapabilities.builder().tools(true).resources(true, true).prompts(true).logging()
                        .completions().build())
                .tools(Tools.all(events))
                .resources(Resources.fixed())
                .resourceTemplates(Resources.templates())
                .prompts(Prompts.all())
                .completions(new SyncCompletionSpecification(new PromptReference("test_prompt_with_arguments"),
                        (ex, req) -> new CompleteResult(new CompleteCompletion(
                                List.of("paris", "park", "party").stream()
                                        .filter(v -> v.startsWith(req.argument().value())).toList(), null, false))))
                .build();
        try {
            jetty.start();
        } catch (Exception e) {
            server.close();
            throw new IllegalStateException("cannot start the conformance fixture server", e);
        }
        return new ConformanceFixtureServer(jetty, server, connector.getLocalPort(), events, bodies);
    }

    /** The Streamable HTTP endpoint. */
    public String url() { return "http://127.0.0.1:" + port + "/mcp"; }

    /** The body of every POST the fixture received (JSON-RPC messages from Warden), in order. */
    public List<String> received() { return List.copyOf(bodies); }

    /** What the fixture's tools observed (e.g. {@code "test_slow:cancelled"}), in order. */
    public List<String> events() { return List.copyOf(events); }

    @Override
    public void close() {
        try {
            server.closeGracefully();
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the conformance fixture server", e);
        }
    }

    /** Keeps a copy of each POST body, then lets the transport read it as usual. */
    private static final class BodyRecorder {
        static HttpServletRequest wrap(HttpServletRequest request, Queue<String> bodies) throws IOException {
            if (!"POST".equals(request.getMethod())) return request;
            byte[] body = request.getInputStream().readAllBytes();
            bodies.add(new String(body, StandardCharsets.UTF_8));
            return new HttpServletRequestWrapper(request) {
                @Override
                public ServletInputStream getInputStream() {
                    ByteArrayInputStream in = new ByteArrayInputStream(body);
                    return new ServletInputStream() {
                        @Override public int read() { return in.read(); }

                        @Override public int read(byte[] b, int off, int len) { return in.read(b, off, len); }

                        @Override public boolean isFinished() { return in.available() == 0; }

                        @Override public boolean isReady() { return true; }

                        @Override public void setReadListener(ReadListener listener) {
                            throw new UnsupportedOperationException("the fixture reads bodies blocking");
                        }
                    };
                }

                @Override
                public BufferedReader getReader() {
                    return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
                }
            };
        }
    }

    /** The fixture tools. */
    private static final class Tools {
        static List<SyncToolSpecification> all(Queue<String> events) {
            return List.of(
                    tool("test_simple_text", "Tests simple text content response", Map.of(),
                            (ex, req) -> result(false, new TextContent("This is a simple text response for testing."))),
                    tool("test_image_content", "Tests image content response", Map.of(),
                            (ex, req) -> result(false, new ImageContent(null, PNG, "image/png"))),
                    tool("test_audio_content", "Tests audio content response", Map.of(),
                            (ex, req) -> result(false, new AudioContent(null, WAV, "audio/wav"))),
                    tool("test_embedded_resource", "Tests embedded resource content response", Map.of(),
                            (ex, req) -> result(false, new EmbeddedResource(null, new TextResourceContents(
                                    "test://embedded-resource", "text/plain",
                                    "This is an embedded resource content.")))),
                    tool("test_multiple_content_types", "Tests a response with text, image and resource content",
                            Map.of(), (ex, req) -> result(false, new TextContent("Multiple content types test:"),
                                    new ImageContent(null, PNG, "image/png"),
                                    new EmbeddedResource(null, new TextResourceContents("test://mixed-content-resource",
                                            "application/json", "{\"test\":\"data\",\"value\":123}")))),
                    tool("test_error_handling", "Tests error response handling", Map.of(), (ex, req) -> result(true,
                            new TextContent("This tool intentionally returns an error for testing"))),
                    tool("test_tool_with_logging", "Tests a tool that emits log messages while it runs", Map.of(),
                            Tools::logging),
                    tool("test_tool_with_progress", "Tests a tool that reports progress", Map.of(), Tools::progress),
                    tool("test_sampling", "Tests server-initiated sampling (an LLM completion request)",
                            Map.of("prompt", Map.of("type", "string", "description", "The prompt to send to the LLM")),
                            Tools::sampling),
                    tool("test_elicitation", "Tests server-initiated elicitation (a request for user input)",
                            Map.of("message", Map.of("type", "string", "description", "The message to show the user")),
                            (ex, req) -> elicit(ex, String.valueOf(req.arguments().get("message")), ConformanceFixtureSchemas.user())),
                    tool("test_elicitation_sep1034_defaults", "Tests elicitation with default values (SEP-1034)",
                            Map.of(), (ex, req) -> elicit(ex, "Please review and update the form fields with defaults",
                                    ConformanceFixtureSchemas.defaults())),
                    tool("test_elicitation_sep1330_enums", "Tests elicitation with every enum variant (SEP-1330)",
                            Map.of(), (ex, req) -> elicit(ex, "Please select options from the enum fields",
                                    ConformanceFixtureSchemas.enums())),
                    SyncToolSpecification.builder().tool(Tool.builder("json_schema_2020_12_tool",
                                    ConformanceFixtureSchemas.jsonSchema2020()).description("Tool with JSON Schema 2020-12 features "
                                    + "(SEP-1613)").build())
                            .callHandler((ex, req) -> result(false, new TextContent("JSON Schema 2020-12 tool called "
                                    + "with: " + req.arguments()))).build(),
                    tool("test_slow", "Waits ms milliseconds (default 10000); records whether it was cancelled",
                            Map.of("ms", Map.of("type", "integer")), (ex, req) -> slow(events, req)),
                    tool("test_roots", "Asks the client for its roots (roots/list) and returns their URIs", Map.of(),
                            Tools::roots),
                    // The diagnostic tools of the 2026-07-28 scenarios: one that needs sampling, one that asks
                    // for input while its answer streams, one that logs.
                    tool("test_missing_capability", "Needs the client's sampling capability", Map.of(),
                            Tools::sampling),
                    tool("test_streaming_elicitation", "Asks the client for input while it runs", Map.of(),
                            (ex, req) -> elicit(ex, "Please confirm", ConformanceFixtureSchemas.user())),
                    tool("test_logging_tool", "Emits log messages while it runs", Map.of(), Tools::logging));
        }

        private static CallToolResult roots(McpSyncServerExchange ex, CallToolRequest req) {
            try {
                return result(false, new TextContent("roots: " + ex.listRoots().roots().stream()
                        .map(io.modelcontextprotocol.spec.McpSchema.Root::uri).toList()));
            } catch (RuntimeException e) {
                return result(true, new TextContent("roots/list failed: " + e.getMessage()));
            }
        }

        private static CallToolResult logging(McpSyncServerExchange ex, CallToolRequest req) {
            for (String message : List.of("Tool execution started", "Tool processing data",
                    "Tool execution completed")) {
                ex.loggingNotification(LoggingMessageNotification.builder().level(LoggingLevel.INFO)
                        .logger("conformance-fixture").data(message).build());
                pause(50);
            }
            return result(false, new TextContent("Tool with logging executed successfully"));
        }

        private static CallToolResult progress(McpSyncServerExchange ex, CallToolRequest req) {
            Object token = req.progressToken();
            for (int step : new int[] {0, 50, 100}) {
                if (token != null) {
                    ex.progressNotification(new ProgressNotification(token, step, 100.0,
                            "Completed step " + step + " of 100"));
                }
                if (step < 100) pause(50);
            }
            return result(false, new TextContent(String.valueOf(token)));
        }

        private static CallToolResult sampling(McpSyncServerExchange ex, CallToolRequest req) {
            String prompt = String.valueOf(req.arguments().get("prompt"));
            try {
                CreateMessageResult answer = ex.createMessage(CreateMessageRequest.builder()
                        .messages(List.of(new SamplingMessage(Role.USER, new TextContent(prompt)))).maxTokens(100)
                        .build());
                String text = answer.content() instanceof TextContent t ? t.text() : String.valueOf(answer.content());
                return result(false, new TextContent("LLM response: " + text));
            } catch (RuntimeException e) {
                return result(true, new TextContent("Sampling not supported or error: " + e.getMessage()));
            }
        }

        private static CallToolResult elicit(McpSyncServerExchange ex, String message, Map<String, Object> schema) {
            try {
                ElicitResult answer = ex.createElicitation(ElicitFormRequest.builder(message, schema).build());
                return result(false, new TextContent("Elicitation completed: action="
                        + answer.action().name().toLowerCase(java.util.Locale.ROOT) + ", content=" + answer.content()));
            } catch (RuntimeException e) {
                return result(true, new TextContent("Elicitation not supported or error: " + e.getMessage()));
            }
        }

        private static CallToolResult slow(Queue<String> sink, CallToolRequest req) {
            long ms = req.arguments().get("ms") instanceof Number n ? n.longValue() : 10_000;
            sink.add("test_slow:started");
            try {
                Thread.sleep(ms);
                sink.add("test_slow:finished");
            } catch (InterruptedException e) {
                sink.add("test_slow:cancelled");
                Thread.currentThread().interrupt();
            }
            return result(false, new TextContent("waited " + ms + " ms"));
        }
    }

    /** The fixture resources. */
    private static final class Resources {
        static List<SyncResourceSpecification> fixed() {
            return List.of(
                    resource("test://static-text", "static-text", "text/plain", "A static text resource",
                            new TextResourceContents("test://static-text", "text/plain",
                                    "This is the content of the static text resource.")),
                    resource("test://static-binary", "static-binary", "image/png", "A static binary resource (image)",
                            new BlobResourceContents("test://static-binary", "image/png", PNG)),
                    resource("test://watched-resource", "watched-resource", "text/plain", "A resource to subscribe to",
                            new TextResourceContents("test://watched-resource", "text/plain",
                                    "Watched resource content")));
        }

        static List<SyncResourceTemplateSpecification> templates() {
            ResourceTemplate template = ResourceTemplate.builder("test://template/{id}/data", "template")
                    .description("A resource template with parameter substitution").mimeType("application/json")
                    .build();
            return List.of(new SyncResourceTemplateSpecification(template, (ex, req) -> {
                String uri = req.uri();
                String id = uri.substring("test://template/".length(), uri.length() - "/data".length());
                return new ReadResourceResult(List.of(new TextResourceContents(uri, "application/json",
                        "{\"id\":\"" + id + "\",\"templateTest\":true,\"data\":\"Data for ID: " + id + "\"}")));
            }));
        }

        private static SyncResourceSpecification resource(String uri, String name, String mimeType,
                                                          String description,
                                                          io.modelcontextprotocol.spec.McpSchema.ResourceContents c) {
            Resource r = Resource.builder(uri, name).mimeType(mimeType).description(description).build();
            return new SyncResourceSpecification(r, (ex, req) -> new ReadResourceResult(List.of(c)));
        }
    }

    /** The fixture prompts. */
    private static final class Prompts {
        static List<SyncPromptSpecification> all() {
            return List.of(
                    prompt("test_simple_prompt", "A simple prompt without arguments", List.of(),
                            args -> List.of(user(new TextContent("This is a simple prompt for testing.")))),
                    prompt("test_prompt_with_arguments", "A prompt with required arguments",
                            List.of(new PromptArgument("arg1", "First test argument", true),
                                    new PromptArgument("arg2", "Second test argument", true)),
                            args -> List.of(user(new TextContent("Prompt with arguments: arg1='" + args.get("arg1")
                                    + "', arg2='" + args.get("arg2") + "'")))),
                    prompt("test_prompt_with_embedded_resource", "A prompt that includes an embedded resource",
                            List.of(new PromptArgument("resourceUri", "URI of the resource to embed", true)),
                            args -> List.of(user(new EmbeddedResource(null, new TextResourceContents(
                                            String.valueOf(args.get("resourceUri")), "text/plain",
                                            "Embedded resource content for testing."))),
                                    user(new TextContent("Please process the embedded resource above.")))),
                    prompt("test_prompt_with_image", "A prompt that includes image content", List.of(),
                            args -> List.of(user(new ImageContent(null, PNG, "image/png")),
                                    user(new TextContent("Please analyze the image above.")))));
        }

        private static PromptMessage user(Content content) { return new PromptMessage(Role.USER, content); }

        private static SyncPromptSpecification prompt(String name, String description, List<PromptArgument> arguments,
                                                      java.util.function.Function<Map<String, Object>,
                                                              List<PromptMessage>> body) {
            return new SyncPromptSpecification(new Prompt(name, description, arguments), (ex, req) ->
                    new GetPromptResult(description, body.apply(req.arguments() == null ? Map.of()
                            : req.arguments())));
        }
    }

    private static SyncToolSpecification tool(String name, String description, Map<String, Object> properties,
                                              BiFunction<McpSyncServerExchange, CallToolRequest, CallToolResult> body) {
        Tool tool = Tool.builder(name, Map.of("type", "object", "properties", properties)).description(description)
                .build();
        return SyncToolSpecification.builder().tool(tool).callHandler((ex, req) -> body.apply(ex,
                req.arguments() == null ? new CallToolRequest(req.name(), Map.of(), req.meta()) : req)).build();
    }

    private static CallToolResult result(boolean error, Content... content) {
        return CallToolResult.builder().content(List.of(content)).isError(error).build();
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
