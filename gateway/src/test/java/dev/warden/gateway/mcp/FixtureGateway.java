package dev.warden.gateway.mcp;

import dev.warden.gateway.config.ServerRegistryLoader;
import dev.warden.gateway.support.RolePolicy;
import dev.warden.gateway.support.TestGateway;
import dev.warden.gateway.testing.ConformanceFixtureServer;
import dev.warden.gateway.upstream.McpUpstreams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A test gateway in front of one {@link ConformanceFixtureServer} (registered as {@code name}, over Streamable HTTP,
 * 20 s timeout) with namespacing off, so the fixture's tool names are the gateway's.
 *
 * <pre>{@code
 * FixtureGateway fg = FixtureGateway.start(dir, "fixture");
 * fg.gw().token("alice", "admin");
 * }</pre>
 */
record FixtureGateway(ConformanceFixtureServer fixture, TestGateway gw) implements AutoCloseable {

    static FixtureGateway start(Path dir, String name) throws IOException {
        ConformanceFixtureServer fixture = ConformanceFixtureServer.start();
        Path registry = Files.writeString(dir.resolve("mcp_servers.yaml"), """
                servers:
                  %s:
                    transport: streamable-http
                    url: %s
                    timeout: 20s
                """.formatted(name, fixture.url()));
        McpUpstreams upstreams = new McpUpstreams(ServerRegistryLoader.load(registry)).start();
        upstreams.awaitFirstAttempts(Duration.ofSeconds(10));
        return new FixtureGateway(fixture, TestGateway.start(dir, upstreams, new RolePolicy(),
                "mcp:\n  namespacing: never\n"));
    }

    @Override
    public void close() {
        gw.close();
        fixture.close();
    }
}
