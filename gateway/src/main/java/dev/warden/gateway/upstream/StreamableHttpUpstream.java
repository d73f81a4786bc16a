package dev.warden.gateway.upstream;

import dev.warden.gateway.config.ServerConfig;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import java.net.http.HttpRequest;
import java.time.Duration;

/** An upstream reached over Streamable HTTP; only the registry's configured headers are sent. */
record StreamableHttpUpstream(ServerConfig config, Duration connectTimeout) implements Upstream {

    @Override
    public Link open() {
        Endpoint endpoint = Endpoint.of(config.url());
        HttpRequest.Builder request = HttpRequest.newBuilder();
        config.headers().forEach(request::header);
        McpClientTransport transport = HttpClientStreamableHttpTransport.builder(endpoint.base())
                .endpoint(endpoint.path())
                .requestBuilder(request)
                .connectTimeout(connectTimeout)
                .build();
        return new HttpLink(transport, config.url());
    }

    /** HTTP links have no process to watch: a dead server shows up as failed requests and pings. */
    record HttpLink(McpClientTransport transport, String describe) implements Link {}
}
