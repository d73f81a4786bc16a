package dev.warden.gateway.support;

import dev.warden.gateway.config.ServerConfig;
import dev.warden.gateway.upstream.UpstreamException;
import dev.warden.gateway.upstream.Upstreams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An in-test {@link Upstreams} for tests whose subject is the gateway's own pipeline, not MCP: servers with fixed
 * tools whose calls echo their arguments, except tools named {@code fail} (tool-level error), {@code slow}
 * (timeout) and servers marked down (unavailable).
 */
public final class FakeUpstreams implements Upstreams {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Map<String, ServerConfig> servers = new LinkedHashMap<>();
    private final Map<String, List<ToolInfo>> tools = new LinkedHashMap<>();
    private final Map<String, UpstreamStatus> status = new LinkedHashMap<>();
    public final List<ObjectNode> calls = new CopyOnWriteArrayList<>();
    /** Counted down when a call to the tool {@code sleep} starts; that call then sleeps {@code ms} milliseconds. */
    public final java.util.concurrent.CountDownLatch sleeping = new java.util.concurrent.CountDownLatch(1);
    public volatile boolean closed;

    public FakeUpstreams server(String name, boolean enabled, Map<String, Object> metadata, String... toolNames) {
        servers.put(name, new ServerConfig(name, ServerConfig.Transport.STDIO, "demo-" + name, List.of(), Map.of(),
                null, null, Map.of(), "the " + name + " server", enabled, metadata, Duration.ofSeconds(2)));
        List<ToolInfo> list = new ArrayList<>();
        for (String t : toolNames) list.add(new ToolInfo(t, "tool " + t, JSON.createObjectNode().put("type", "object")));
        tools.put(name, list);
        status.put(name, new UpstreamStatus(enabled ? UpstreamStatus.State.CONNECTED : UpstreamStatus.State.DISABLED,
                null));
        return this;
    }

    public void down(String name) {
        status.put(name, new UpstreamStatus(UpstreamStatus.State.DOWN, "process exited with code 1"));
    }

    @Override public List<ServerConfig> servers() { return List.copyOf(servers.values()); }

    @Override public Optional<ServerConfig> server(String name) { return Optional.ofNullable(servers.get(name)); }

    @Override public UpstreamStatus status(String name) { return status.get(name); }

    @Override
    public List<ToolInfo> tools(String server) {
        if (status.get(server).state() != UpstreamStatus.State.CONNECTED) {
            throw new UpstreamException.Unavailable(server, "not connected", null);
        }
        return tools.get(server);
    }

    @Override
    public ToolCallOutcome callTool(String server, String tool, ObjectNode arguments, Duration timeout) {
        if (status.get(server).state() != UpstreamStatus.State.CONNECTED) {
            throw new UpstreamException.Unavailable(server, "connection refused", null);
        }
        if (tool.equals("slow")) throw new UpstreamException.Timeout(server, "no answer within " + timeout, null);
        if (tool.equals("crash")) throw new AssertionError("a bug's own words, with internal.detail");
        calls.add(arguments);
        if (tool.equals("sleep")) {
            sleeping.countDown();
            try {
                Thread.sleep(arguments.path("ms").asLong(500));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (tool.equals("fail")) {
            return new ToolCallOutcome(JSON.readTree("[{\"type\":\"text\",\"text\":\"table missing\"}]"), null, true);
        }
        var content = JSON.createArrayNode();
        content.addObject().put("type", "text").put("text", "echo " + arguments);
        return new ToolCallOutcome(content, JSON.createObjectNode().set("echo", arguments), false);
    }

    @Override public void close() { closed = true; }
}
