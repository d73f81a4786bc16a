package dev.warden.gateway.upstream;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * How every SDK client Warden opens to an upstream is configured, the connection's shared session and a gateway
 * client's own ({@link ScopedSession}) alike.
 *
 * <pre>{@code
 * McpAsyncClient client = SdkClients.spec(new RelayTransport(link.transport(), "docs"), options).build();
 * }</pre>
 */
final class SdkClients {
    /** Effectively off: each call brings its own deadline, and the SDK's own timeout would leave it pending. */
    private static final Duration SDK_REQUEST_TIMEOUT = Duration.ofHours(1);

    private SdkClients() {}

    static McpClient.AsyncSpec spec(RelayTransport relays, McpUpstreams.Options options) {
        return McpClient.async(relays)
                // Offered so that upstreams may ask; each request is relayed to the client whose call it belongs to.
                // The handlers below only see what could not be attributed to a call.
                .capabilities(McpSchema.ClientCapabilities.builder().sampling().elicitation().roots(false).build())
                .sampling(request -> Mono.error(unattributed("sampling/createMessage")))
                .elicitation(request -> Mono.error(unattributed("elicitation/create")))
                .clientInfo(new McpSchema.Implementation("warden", "Warden MCP gateway", McpUpstreams.VERSION))
                .requestTimeout(SDK_REQUEST_TIMEOUT)
                // Longer than our own bound on each handshake step, which reports more clearly what was missing.
                .initializationTimeout(options.connectTimeout().multipliedBy(2));
    }

    private static McpError unattributed(String method) {
        return McpError.builder(McpSchema.ErrorCodes.INVALID_REQUEST).message("Warden relays " + method + " only "
                + "during a tool call of a client that supports it; this request could not be tied to one").build();
    }
}
