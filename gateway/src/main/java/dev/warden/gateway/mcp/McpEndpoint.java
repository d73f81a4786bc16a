package dev.warden.gateway.mcp;

import dev.warden.gateway.config.WardenConfig;
import dev.warden.gateway.config.WardenConfig.McpSettings;
import dev.warden.gateway.http.ApiServices;
import dev.warden.gateway.http.Caller;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * Warden as one MCP server: mounts Streamable HTTP at {@code /mcp}, the legacy HTTP+SSE transport at {@code /sse}
 * and {@code /messages}, and the OAuth protected resource metadata in the same Jetty as the REST API, sharing its
 * authentication, policy, upstreams and audit trail.
 *
 * <pre>{@code
 * new RestApi(services, version, handler -> McpEndpoint.mount(handler, services, version));
 * // an MCP client then connects to http://host:port/mcp with "Authorization: Bearer <jwt>"
 * }</pre>
 *
 * <p>The endpoint is a plain servlet rather than a Javalin route so that its errors are JSON-RPC, not the REST
 * envelope, and rather than the MCP SDK's servlet transport because a gateway needs what that transport does not
 * do: per-caller tool lists, sessions bound to the caller, and the protocol checks the SDK skips (batches,
 * missing {@code protocolVersion}, unsupported {@code MCP-Protocol-Version}).
 */
public final class McpEndpoint {
    /** Where MCP clients connect. */
    public static final String PATH = "/mcp";
    /** How often the merged lists are compared for {@code notifications/…/list_changed}. */
    static final Duration LIST_CHANGED_INTERVAL = Duration.ofSeconds(2);

    private McpEndpoint() {}

    /** Half the idle timeout, between 1 s and 1 min: an idle session ends at most that late. */
    static Duration sweepInterval(Duration idleTimeout) {
        Duration half = idleTimeout.dividedBy(2);
        if (half.compareTo(Duration.ofSeconds(1)) < 0) return Duration.ofSeconds(1);
        return half.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : half;
    }

    /** Adds {@code /mcp} and the metadata paths to {@code handler}; does nothing when {@code mcp.enabled} is false. */
    public static void mount(ServletContextHandler handler, ApiServices services, String version) {
        WardenConfig config = services.config();
        McpSettings settings = config.mcp();
        if (!settings.enabled()) return;
        ResourceMetadata metadata = new ResourceMetadata(config);
        Federation federation = new Federation(services, settings);
        FederatedTools tools = new FederatedTools(federation);
        FederatedResources resources = new FederatedResources(federation);
        FederatedPrompts prompts = new FederatedPrompts(federation, resources);
        ClientRelays relays = new ClientRelays(services.upstreams());
        McpProtocol protocol = new McpProtocol(tools, resources, prompts, version, !settings.stateless(), relays);
        // Every way a session ends (DELETE, expiry) forgets its relay state and closes its upstream sessions.
        McpSessions sessions = new McpSessions(settings.sessionIdleTimeout(), settings.maxSessions(),
                settings.maxSessionsPerSubject(), services.clock(), relays::ended);
        if (!settings.stateless()) sessions.startSweeping(sweepInterval(settings.sessionIdleTimeout()));
        ClientStreams watcher = new ClientStreams(LIST_CHANGED_INTERVAL, List.of(
                new ClientStreams.Watched("notifications/tools/list_changed", tools::fingerprint),
                new ClientStreams.Watched("notifications/resources/list_changed", resources::fingerprint),
                new ClientStreams.Watched("notifications/prompts/list_changed", prompts::fingerprint)));
        if (!settings.stateless()) {
            // A legacy SSE session lives as long as its stream, a Streamable HTTP one until deleted or expired.
            ResourceSubscriptions subscriptions = new ResourceSubscriptions(services.upstreams(), watcher,
                    id -> sessions.live(id) || watcher.isOpen(id), resources::exposed);
            resources.subscriptions(subscriptions);
            services.upstreams().addListener(subscriptions);
        }
        McpServlet servlet = new McpServlet(protocol, sessions, new Caller(services),
                new OriginGuard(settings, config.gateway().host()), metadata, settings,
                config.gateway().maxBodyBytes(), watcher, relays);
        handler.addServlet(new ServletHolder("mcp", servlet), PATH);
        LegacySseServlet legacy = new LegacySseServlet(protocol, new Caller(services),
                new OriginGuard(settings, config.gateway().host()), metadata, config.gateway().maxBodyBytes(),
                settings.maxSessions(), settings.maxSessionsPerSubject(), watcher, relays);
        handler.addServlet(new ServletHolder("mcp-legacy-sse", legacy), LegacySseServlet.SSE_PATH);
        handler.addServlet(new ServletHolder("mcp-legacy-messages", legacy), LegacySseServlet.MESSAGES_PATH);
        MetadataServlet meta = new MetadataServlet(metadata);
        handler.addServlet(new ServletHolder("mcp-resource-metadata", meta), ResourceMetadata.WELL_KNOWN);
        handler.addServlet(new ServletHolder("mcp-resource-metadata-path", meta), ResourceMetadata.WELL_KNOWN + PATH);
    }
}
