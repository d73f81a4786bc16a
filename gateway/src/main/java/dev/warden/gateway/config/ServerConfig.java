package dev.warden.gateway.config;

import dev.warden.gateway.util.Urls;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One upstream MCP server from the registry file ({@code mcp_servers.yaml}).
 *
 * @param name        unique server name, e.g. {@code postgres-mcp}
 * @param transport   how to reach it
 * @param command     stdio: the program to start (never built from request data)
 * @param args        stdio: its arguments
 * @param env         stdio: extra environment variables (the child otherwise gets a minimal environment)
 * @param cwd         stdio: working directory, or null for the gateway's
 * @param url         streamable-http / sse: the endpoint URL
 * @param headers     streamable-http / sse: extra request headers (the upstream's own credentials)
 * @param description shown in server listings
 * @param enabled     disabled servers are listed as such and answer 503
 * @param metadata    free-form metadata passed to policy as {@code input.server.metadata} (e.g. sensitivity_level)
 * @param timeout     per-call timeout
 */
public record ServerConfig(String name, Transport transport, String command, List<String> args,
                           Map<String, String> env, String cwd, String url, Map<String, String> headers,
                           String description, boolean enabled, Map<String, Object> metadata, Duration timeout) {

    public ServerConfig {
        args = args == null ? List.of() : List.copyOf(args);
        env = env == null ? Map.of() : Map.copyOf(env);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        description = description == null ? "" : description;
    }

    /** The transports Warden speaks to upstream servers. */
    public enum Transport {
        STDIO("stdio"), STREAMABLE_HTTP("streamable-http"), SSE("sse");

        private final String yamlName;

        Transport(String yamlName) { this.yamlName = yamlName; }

        public String yamlName() { return yamlName; }
    }

    /**
     * The address shown to users: the URL without what may be a credential (user information, query and fragment,
     * such as {@code ?api_key=…}), or {@code stdio:command}.
     */
    public String displayUrl() {
        return transport == Transport.STDIO ? "stdio:" + command : Urls.withoutCredentials(url);
    }

}
