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
     * Calls a tool. A tool-level error ({@code isError}) is a normal outcome, not an exception.
     *
     * @throws UpstreamException.Unavailable when the server cannot be reached or the connection broke
     * @throws UpstreamException.Timeout     when no answer came within {@code timeout}
     */
    ToolCallOutcome callTool(String server, String tool, ObjectNode arguments, Duration timeout);

    /**
     * Calls a tool for an MCP client: the upstream's progress, log messages and server-to-client requests about
     * this call go to {@code relay}, which may also cancel it. Implementations that cannot relay just call.
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
