package dev.warden.gateway.upstream;

import dev.warden.gateway.config.ServerConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The gateway's view of all registered upstream MCP servers: their state, their tools, and calls to them.
 * One failing upstream never affects calls to the others. Thread-safe.
 *
 * <pre>{@code
 * ToolCallOutcome out = upstreams.callTool("postgres-mcp", "execute_query", args, Duration.ofSeconds(30));
 * }</pre>
 */
public interface Upstreams extends AutoCloseable {

    /** Every registered server, enabled or not, in registry order. */
    List<ServerConfig> servers();

    Optional<ServerConfig> server(String name);

    /** Current state of one server (connected, connecting, down, disabled). */
    UpstreamStatus status(String name);

    /**
     * The server's tools, from the cache kept fresh by {@code notifications/tools/list_changed}.
     *
     * @throws UpstreamException.Unavailable when the server is down or disabled
     */
    List<ToolInfo> tools(String server);

    /**
     * Whether {@link #tools} always answers from memory, never waiting on a server. Then the federated tool list of
     * an MCP request reads every server's tools on the request's own thread, rather than asking each on a thread of
     * its own under a deadline ({@code routing.FanOut}): that fan-out, made for every {@code tools/call}, was about a
     * tenth of the gateway's CPU per call on {@code /mcp}.
     */
    default boolean toolsFromMemory() { return false; }

    /**
     * Calls a tool. A tool-level error ({@code isError}) is a normal outcome, not an exception.
     *
     * @throws UpstreamException.Unavailable when the server cannot be reached or the connection broke
     * @throws UpstreamException.Timeout     when no answer came within {@code timeout}
     */
    ToolCallOutcome callTool(String server, String tool, ObjectNode arguments, Duration timeout);

    /**
     * The server's resources, from the cache kept fresh by {@code notifications/resources/list_changed} and the
     * periodic check; empty when the server does not offer resources.
     *
     * @throws UpstreamException.Unavailable when the server is down or disabled
     */
    default List<ResourceInfo> resources(String server) { return List.of(); }

    /** The server's resource templates (cached like {@link #resources}); empty when it offers none. */
    default List<ResourceTemplateInfo> resourceTemplates(String server) { return List.of(); }

    /** The server's prompts (cached, refreshed on {@code notifications/prompts/list_changed}). */
    default List<PromptInfo> prompts(String server) { return List.of(); }

    /**
     * {@code resources/read} on the server. A JSON-RPC error it answers (e.g. resource not found) is a
     * {@link Answer.Refused}, not an exception.
     *
     * @throws UpstreamException.Unavailable when the server cannot be reached or the connection broke
     * @throws UpstreamException.Timeout     when no answer came within {@code timeout}
     */
    default Answer readResource(String server, String uri, Duration timeout) {
        return Answer.Refused.unsupported(server, "resources");
    }

    /**
     * {@code resources/read} for a client of the gateway: on that client's own upstream session when the server is
     * stateful ({@code gatewaySession} is the gateway's MCP session id; null means the shared session).
     */
    default Answer readResource(String server, String uri, Duration timeout, String gatewaySession) {
        return readResource(server, uri, timeout);
    }

    /** {@code prompts/get} with the prompt's arguments (strings); errors as for {@link #readResource}. */
    default Answer getPrompt(String server, String prompt, ObjectNode arguments, Duration timeout) {
        return Answer.Refused.unsupported(server, "prompts");
    }

    /** {@code prompts/get} for a client of the gateway, as {@link #readResource(String, String, Duration, String)}. */
    default Answer getPrompt(String server, String prompt, ObjectNode arguments, Duration timeout,
                             String gatewaySession) {
        return getPrompt(server, prompt, arguments, timeout);
    }

    /**
     * {@code resources/subscribe}: from now on the server announces changes of {@code uri} to every
     * {@link Listener}. The subscription is renewed when the connection is re-established.
     */
    default Answer subscribeResource(String server, String uri, Duration timeout) {
        return Answer.Refused.unsupported(server, "resource subscriptions");
    }

    /** {@code resources/unsubscribe}, the reverse of {@link #subscribeResource}. */
    default Answer unsubscribeResource(String server, String uri, Duration timeout) {
        return Answer.Refused.unsupported(server, "resource subscriptions");
    }

    /**
     * {@code completion/complete} with the client's params ({@code ref}, {@code argument}, {@code context}) as
     * the server must see them.
     */
    default Answer complete(String server, ObjectNode params, Duration timeout) {
        return Answer.Refused.unsupported(server, "completions");
    }

    /** {@code completion/complete} for a client of the gateway, as {@link #readResource(String, String, Duration, String)}. */
    default Answer complete(String server, ObjectNode params, Duration timeout, String gatewaySession) {
        return complete(server, params, timeout);
    }

    /**
     * The gateway's MCP session {@code gatewaySession} ended (deleted, expired, its legacy stream closed): the
     * upstream sessions opened for it are closed. Returns at once.
     */
    default void sessionEnded(String gatewaySession) {}

    /** Registers a listener for notifications upstream servers send on their own (resource updates). */
    default void addListener(Listener listener) {}

    /**
     * Calls a tool for an MCP client: the upstream's progress, log messages and server-to-client requests about
     * this call go to {@code relay}, which may also cancel it; the call runs on the client's own upstream session
     * when the server is stateful and {@link CallRelay#gatewaySession()} names one. Implementations that cannot
     * relay just call.
     */
    default ToolCallOutcome callTool(String server, String tool, ObjectNode arguments, Duration timeout,
                                     CallRelay relay) {
        return callTool(server, tool, arguments, timeout);
    }

    /** Forwards a client's {@code logging/setLevel} to every connected server that offers logging. */
    default void setLoggingLevel(String level) {}

    /** Stops every child process and closes every connection. */
    @Override
    void close();

    /** Told of notifications an upstream sends outside any call; must return quickly (no blocking I/O). */
    interface Listener {
        /** The server announced that the resource {@code uri}, to which the gateway subscribed, changed. */
        void resourceUpdated(String server, String uri);
    }

    /**
     * A resource as the upstream describes it.
     *
     * @param descriptor the whole description as the server sent it ({@code uri}, {@code name}, {@code title},
     *                   {@code mimeType}, {@code size}, {@code annotations}, …)
     */
    record ResourceInfo(String uri, String name, ObjectNode descriptor) {}

    /** A resource template (RFC 6570 {@code uriTemplate}) as the upstream describes it. */
    record ResourceTemplateInfo(String uriTemplate, String name, ObjectNode descriptor) {}

    /** A prompt as the upstream describes it; {@code descriptor} includes its {@code arguments}. */
    record PromptInfo(String name, String description, ObjectNode descriptor) {}

    /** What an upstream answered to a request other than {@code tools/call}: a result, or a JSON-RPC error. */
    sealed interface Answer {
        /** The result object, as the server sent it. */
        record Result(ObjectNode result) implements Answer {}

        /** The JSON-RPC error the server answered with ({@code data} may be null). */
        record Refused(int code, String message, tools.jackson.databind.JsonNode data) implements Answer {
            /** JSON-RPC "method not found", answered for a feature the server did not declare. */
            public static final int METHOD_NOT_FOUND = -32601;

            static Refused unsupported(String server, String feature) {
                return new Refused(METHOD_NOT_FOUND, "upstream '" + server + "' does not offer " + feature, null);
            }
        }
    }

    /** A tool as the upstream describes it. */
    record ToolInfo(String name, String description, ObjectNode inputSchema) {}

    /**
     * The result of a tool call, in MCP's shape.
     *
     * @param content           the MCP content array, as JSON
     * @param structuredContent structured result, or null
     * @param isError           true for a tool-level error
     */
    record ToolCallOutcome(tools.jackson.databind.JsonNode content, tools.jackson.databind.JsonNode structuredContent,
                           boolean isError) {}

    /** A server's state and, when down, why. */
    record UpstreamStatus(State state, String detail) {
        public enum State { CONNECTED, CONNECTING, DOWN, DISABLED }
    }
}
