package dev.warden.gateway.mcp;

import dev.warden.gateway.audit.AuditEvent;
import dev.warden.gateway.audit.AuditLog;
import dev.warden.gateway.audit.AuditStoreException;
import dev.warden.gateway.authz.Decision;
import dev.warden.gateway.authz.DecisionRequest;
import dev.warden.gateway.config.ServerConfig;
import dev.warden.gateway.config.WardenConfig.McpSettings;
import dev.warden.gateway.http.ApiException;
import dev.warden.gateway.http.ApiServices;
import dev.warden.gateway.http.ToolCallService;
import dev.warden.gateway.routing.FanOut;
import dev.warden.gateway.upstream.UpstreamException;
import dev.warden.gateway.upstream.Upstreams.Answer;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What tools, resources and prompts federate alike: the listing decision that hides what a caller may not see, the
 * forwarding of one request through {@link ToolCallService}'s pipeline, and the mapping of its refusals and upstream
 * failures to JSON-RPC errors (hide, or explain, per {@code mcp.denied_tools}).
 *
 * <pre>{@code
 * Federation f = new Federation(services, settings);
 * if (!f.visible(ex, DecisionRequest.PROMPT_LIST, "docs", "summarize")) throw unknown;
 * Answer a = f.forward(ex, DecisionRequest.PROMPT_GET, AuditEvent.Type.PROMPT_GET, "docs", "summarize", args,
 *         (upstreams, approved, timeout) -> upstreams.getPrompt("docs", "summarize", approved, timeout), unknown);
 * }</pre>
 */
final class Federation {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ApiServices services;
    private final McpSettings settings;
    private final FanOut fanOut;
    private final ToolCallService pipeline;

    Federation(ApiServices services, McpSettings settings) {
        this.services = services;
        this.settings = settings;
        this.fanOut = new FanOut(services.upstreams(), settings.listTimeout());
        this.pipeline = new ToolCallService(services);
    }

    FanOut fanOut() { return fanOut; }

    McpSettings settings() { return settings; }

    ApiServices services() { return services; }

    /** A listing decision ({@code gateway:tool:list}, {@code gateway:resource:list}…), recorded like every one. */
    Decision listing(Exchange ex, String action, String server, String target) {
        Listed listed = decideListing(ex, action, server, target);
        listed.record().await();
        return listed.decision();
    }

    /**
     * As {@link #listing}, with the decision's audit record queued rather than committed: the caller awaits it before
     * it answers, so that the records of one request (a whole {@code tools/list}, or the listing and invoke decisions
     * and outcome of a {@code tools/call}) are committed together, with one wait for the audit store instead of one
     * each. While the store is failing, the record is written at once and the failure thrown here.
     */
    Listed decideListing(Exchange ex, String action, String server, String target) {
        Map<String, Object> metadata = services.upstreams().server(server).map(ServerConfig::metadata)
                .orElse(Map.of());
        Decision d = services.pdp().decide(new DecisionRequest(action, server, target, NODES.objectNode(), ex.who(),
                metadata, ex.decisionContext(services.clock())));
        AuditLog.Pending record = services.audit().begin(AuditEvent.builder(AuditEvent.Type.DECISION, ex.requestId())
                .principal(ex.who()).target(action, server, target).decision(d.auditName(), d.reason(),
                        d.policyVersion()), ex.startNanos());
        return new Listed(d, record);
    }

    /** A listing decision and its audit record, queued until {@code record().await()}. */
    record Listed(Decision decision, AuditLog.Pending record) {}

    boolean visible(Exchange ex, String action, String server, String target) {
        return listing(ex, action, server, target).allow();
    }

    /**
     * Before acting on an entry the caller named: hidden ones answer {@code unknown}; a decision service that failed
     * is said so, not disguised as an unknown entry.
     */
    void requireVisible(Exchange ex, String action, String server, String target, Supplier<McpError> unknown) {
        Decision d = listing(ex, action, server, target);
        if (d.unavailable()) throw new McpError(McpError.INTERNAL_ERROR, d.reason());
        if (!d.allow()) throw unknown.get();
    }

    /**
     * Runs one resource or prompt request through the tool-call pipeline: routing, policy with {@code parameters},
     * the upstream, audit records. An upstream's JSON-RPC error is returned as {@link Answer.Refused}.
     *
     * @param unknown the error for a denied request when denials are hidden, or a target that vanished
     */
    Answer forward(Exchange ex, String action, AuditEvent.Type type, String server, String target,
                   ObjectNode parameters, ToolCallService.Send<Answer> send, Supplier<McpError> unknown) {
        try {
            return pipeline.forward(new ToolCallService.Forwarding<>(ex.requestId(), ex.startNanos(), ex.who(),
                    action, type, server, target, parameters, ex.decisionContext(services.clock()), send,
                    answer -> answer instanceof Answer.Refused ? "upstream_error" : "ok")).outcome();
        } catch (ApiException e) {
            throw refused(action.startsWith("gateway:prompt:") ? "prompt" : "uri", target, e, unknown);
        } catch (UpstreamException e) {
            throw upstreamError(e);
        } catch (AuditStoreException e) {
            throw new McpError(McpError.INTERNAL_ERROR, "the audit record could not be written, so the request was "
                    + "not completed");
        }
    }

    /**
     * A refusal of the pipeline as the client sees it: hidden as unknown, or explained, per configuration.
     *
     * @param kind names the target in the error's data: {@code tool}, {@code uri} or {@code prompt}
     */
    McpError refused(String kind, String target, ApiException e, Supplier<McpError> unknown) {
        return switch (e.code()) {
            case FORBIDDEN -> settings.deniedTools() == McpSettings.DeniedTools.HIDE ? unknown.get()
                    : new McpError(McpError.DENIED_BY_POLICY, "denied by policy: " + e.getMessage(),
                            NODES.objectNode().put(kind, target).put("reason", e.getMessage()));
            case SERVER_DISABLED -> new McpError(McpError.UPSTREAM_UNAVAILABLE, e.getMessage());
            // A remote decision service (authz.engine sark/opa) failed: denied, and said so rather than hidden.
            case GATEWAY_NOT_ENABLED -> new McpError(McpError.INTERNAL_ERROR, e.getMessage());
            default -> unknown.get(); // the server or entry vanished between listing and using it
        };
    }

    /** An unreachable or slow upstream, as the gateway's own JSON-RPC error codes. */
    static McpError upstreamError(UpstreamException e) {
        return switch (e) {
            case UpstreamException.Unavailable u -> new McpError(McpError.UPSTREAM_UNAVAILABLE, "upstream server '"
                    + u.server() + "' is unavailable: " + u.getMessage(), NODES.objectNode().put("server", u.server()));
            case UpstreamException.Timeout t -> new McpError(McpError.UPSTREAM_TIMEOUT, "upstream server '"
                    + t.server() + "' did not answer in time: " + t.getMessage(),
                    NODES.objectNode().put("server", t.server()));
        };
    }

    /** An upstream's JSON-RPC error, passed on to the client with its code, message and data. */
    static McpError upstreamRefusal(String server, Answer.Refused r) {
        ObjectNode data = r.data() instanceof ObjectNode o ? o.deepCopy() : NODES.objectNode();
        if (r.data() != null && !(r.data() instanceof ObjectNode)) data.set("upstreamData", r.data());
        data.put("server", server);
        return new McpError(r.code(), r.message(), data);
    }
}
