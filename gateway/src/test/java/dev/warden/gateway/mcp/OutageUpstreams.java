package dev.warden.gateway.mcp;

import dev.warden.gateway.config.ServerConfig;
import dev.warden.gateway.support.FakeUpstreams;
import dev.warden.gateway.upstream.UpstreamException;
import dev.warden.gateway.upstream.Upstreams;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link FakeUpstreams} whose tools named {@code offline} still list but whose calls fail as if the connection
 * broke mid-call: the case of an upstream that goes away between {@code tools/list} and {@code tools/call}.
 */
final class OutageUpstreams implements Upstreams {
    private final FakeUpstreams fake;
    private static final Set<String> BROKEN = Set.of("offline");

    OutageUpstreams(FakeUpstreams fake) { this.fake = fake; }

    @Override public List<ServerConfig> servers() { return fake.servers(); }

    @Override public Optional<ServerConfig> server(String name) { return fake.server(name); }

    @Override public UpstreamStatus status(String name) { return fake.status(name); }

    @Override public List<ToolInfo> tools(String server) { return fake.tools(server); }

    @Override
    public ToolCallOutcome callTool(String server, String tool, ObjectNode arguments, Duration timeout) {
        if (BROKEN.contains(tool)) throw new UpstreamException.Unavailable(server, "connection reset", null);
        return fake.callTool(server, tool, arguments, timeout);
    }

    @Override public void close() { fake.close(); }
}
