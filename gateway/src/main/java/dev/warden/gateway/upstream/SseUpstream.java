package dev.warden.gateway.upstream;

import dev.warden.gateway.config.ServerConfig;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import java.net.http.HttpRequest;
import java.time.Duration;

/** An upstream reached over the legacy HTTP+SSE transport (2024-11-05); only the configured headers are sent. */
record SseUpstream(ServerConfig config, Duration connectTimeout) implements Upstream {

    @Override
    public Link open() {
        Endpoint endpoint = Endpoint.of(config.url());
        HttpRequest.Builder request = HttpRequest.newBuilder();
        config.headers().forEach(request::header);
        return new SseLink(HttpClientSseClientTransport.builder(endpoint.base())
                .sseEndpoint(endpoint.path())
                .requestBuilder(request)
                .connectTimeout(connectTimeout)
                .build(), config.url());
    }

    /** The legacy transport's link: health shows up as failed requests and pings. */
    record SseLink(McpClientTransport transport, String describe) implements Link {}
}
