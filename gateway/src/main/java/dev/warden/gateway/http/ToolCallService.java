package dev.warden.gateway.http;

import dev.warden.gateway.audit.AuditEvent;
import dev.warden.gateway.audit.AuditLog;
import dev.warden.gateway.audit.AuditEvent.Type;
import dev.warden.gateway.auth.Principal;
import dev.warden.gateway.authz.Decision;
import dev.warden.gateway.authz.DecisionRequest;
import dev.warden.gateway.config.ServerConfig;
import dev.warden.gateway.upstream.CallRelay;
import dev.warden.gateway.upstream.UpstreamException;
import dev.warden.gateway.upstream.Upstreams;
import dev.warden.gateway.upstream.Upstreams.ToolCallOutcome;
import dev.warden.gateway.upstream.Upstreams.ToolInfo;
import dev.warden.gateway.upstream.Upstreams.UpstreamStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * The pipeline of one authenticated tool call, independent of the transport it came in on: {@code POST
 * /tools/invoke} and MCP's {@code tools/call} both run exactly this. MCP's {@code resources/read} and
 * {@code prompts/get} run the same pipeline through {@link #forward}, with their own action and audit record type.
 *
 * <pre>{@code
 * ToolCallService calls = new ToolCallService(services);
 * Result r = calls.call(new Call(requestId, System.nanoTime(), principal, "postgres-mcp", "execute_query", args,
 *         new DecisionRequest.Context(requestId, clock.instant(), "10.0.0.7")));
 * }</pre>
 *
 * <p>The order is deliberate: routing first (an unknown or disabled server is a 404/503 before any policy runs),
 * then policy (fail closed), and the network last. Every refusal and every outcome is committed to the audit trail
 * before this method returns, so the caller's response always has its record.
 *
 * <p>The decision record of an allowed call is queued, not awaited, before the upstream is called, and committed
 * with (or before) the outcome's record: the audit store is waited for once per call. The trade-off: if the
 * gateway process dies during the upstream call, that call may have no record at all, where a synchronous write
 * would have left its decision. While the audit store is failing, records are written synchronously again, so a
 * broken store stops requests before any upstream is called.
 */
public final class ToolCallService {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final ApiServices services;

    public ToolCallService(ApiServices services) { this.services = services; }

    /**
     * One call, after the caller has been authenticated.
     *
     * @param startNanos when the request arrived ({@link System#nanoTime()}), for the latency in audit records
     * @param relay      where the upstream's progress, log messages and requests about the call go (MCP clients)
     */
    public record Call(String requestId, long startNanos, Principal who, String serverName, String toolName,
                       ObjectNode parameters, DecisionRequest.Context context, CallRelay relay) {

        /** A call with nobody to relay the upstream's messages to (the REST API). */
        public Call(String requestId, long startNanos, Principal who, String serverName, String toolName,
                    ObjectNode parameters, DecisionRequest.Context context) {
            this(requestId, startNanos, who, serverName, toolName, parameters, context, CallRelay.NONE);
        }
    }

    /** The upstream's answer and the id of the audit record of the call. */
    public record Result(ToolCallOutcome outcome, String auditId) {}

    /**
     * @throws ApiException         {@code SERVER_NOT_FOUND}, {@code TOOL_NOT_FOUND}, {@code SERVER_DISABLED}, or
     *                              {@code FORBIDDEN} with the policy's reason as message
     * @throws UpstreamException    when the upstream is unreachable or does not answer in time
     */
    public Result call(Call call) {
        Forwarded<ToolCallOutcome> done = forward(new Forwarding<>(call.requestId(), call.startNanos(), call.who(),
                DecisionRequest.INVOKE, Type.TOOL_CALL, call.serverName(), call.toolName(), call.parameters(),
                call.context(), (upstreams, arguments, timeout) -> call.relay() == CallRelay.NONE
                        ? upstreams.callTool(call.serverName(), call.toolName(), arguments, timeout)
                        : upstreams.callTool(call.serverName(), call.toolName(), arguments, timeout, call.relay()),
                outcome -> outcome.isError() ? "tool_error" : "ok"));
        return new Result(done.outcome(), done.auditId());
    }

    /**
     * Any request forwarded to one upstream on behalf of a caller: what it is to the policy ({@code action},
     * {@code target}, {@code parameters}) and to the audit trail ({@code outcomeType}), how to send it, and how to
     * name its outcome in the audit record.
     *
     * @param target the tool name, resource URI or prompt name, at the upstream
     */
    public record Forwarding<T>(String requestId, long startNanos, Principal who, String action, Type outcomeType,
                                String serverName, String target, ObjectNode parameters,
                                DecisionRequest.Context context, Send<T> send, Function<T, String> status) {}

    /** Sends a forwarded request, with the parameters the policy approved. */
    @FunctionalInterface
    public interface Send<T> {
        T send(Upstreams upstreams, ObjectNode parameters, Duration timeout);
    }

    /** What the upstream answered, and the id of the audit record of the outcome. */
    public record Forwarded<T>(T outcome, String auditId) {}

    /**
     * Runs the pipeline for any forwarded request: routing, policy (fail closed), the upstream with the server's
     * timeout, an audit record at each step. Only {@code gateway:tool:invoke} also checks that the tool exists.
     *
     * @throws ApiException      as {@link #call}
     * @throws UpstreamException when the upstream is unreachable or does not answer in time
     */
    public <T> Forwarded<T> forward(Forwarding<T> call) {
        AuditEvent.Builder decisionRecord = AuditEvent.builder(Type.DECISION, call.requestId()).principal(call.who())
                .target(call.action(), call.serverName(), call.target()).parameters(call.parameters());

        // 1. Routing.
        ServerConfig server = route(call);

        // 2. Policy.
        Decision decision = services.pdp().decide(new DecisionRequest(call.action(), call.serverName(),
                call.target(), call.parameters(), call.who(), server.metadata(), call.context()));
        // The decision record is queued now and committed, at the latest, with the outcome's record: one wait for
        // the audit store per call instead of two. Every answer, refusal or error waits for it (finally).
        AuditLog.Pending decisionWrite = services.audit().begin(decisionRecord.decision(decision.auditName(),
                decision.reason(), decision.policyVersion()), call.startNanos());
        try {
            String decisionId = decisionWrite.auditId();
            if (decision.unavailable()) { // the decision service failed, not the caller: 503, and denied
                throw new ApiException(ErrorCode.GATEWAY_NOT_ENABLED, decision.reason(),
                        Map.of("audit_id", decisionId, "policy_version", decision.policyVersion()));
            }
            if (!decision.allow()) {
                throw new ApiException(ErrorCode.FORBIDDEN, decision.reason(),
                        Map.of("audit_id", decisionId, "policy_version", decision.policyVersion()));
            }

            // 3. The call, with the arguments the policy approved.
            ObjectNode arguments = decision.filteredParameters() != null ? decision.filteredParameters()
                    : call.parameters();
            AuditEvent.Builder callRecord = AuditEvent.builder(call.outcomeType(), call.requestId())
                    .principal(call.who()).target(call.action(), call.serverName(), call.target())
                    .parameters(arguments).decision(decision.auditName(), decision.reason(), decision.policyVersion());
            T outcome;
            try {
                Duration timeout = server.timeout() != null ? server.timeout() : DEFAULT_TIMEOUT;
                outcome = call.send().send(services.upstreams(), arguments, timeout);
            } catch (UpstreamException e) {
                String status = e instanceof UpstreamException.Timeout ? "timeout" : "unavailable";
                services.audit().record(callRecord.upstreamStatus(status), call.startNanos());
                throw e;
            }
            String auditId = services.audit().record(callRecord.upstreamStatus(call.status().apply(outcome)),
                    call.startNanos());
            return new Forwarded<>(outcome, auditId);
        } finally {
            decisionWrite.await();
        }
    }

    /** The registered, enabled server; 404 for an unknown server or tool, 503 for a disabled server. */
    private ServerConfig route(Forwarding<?> call) {
        String serverName = call.serverName();
        String toolName = call.target();
        AuditEvent.Builder refusal = AuditEvent.builder(Type.ROUTING, call.requestId()).principal(call.who())
                .target(call.action(), serverName, toolName).parameters(call.parameters());
        ServerConfig server = services.upstreams().server(serverName).orElse(null);
        if (server == null) {
            services.audit().record(refusal.decision("deny", "unknown server", null).upstreamStatus("not_found"),
                    call.startNanos());
            throw new ApiException(ErrorCode.SERVER_NOT_FOUND, "no MCP server named '" + serverName
                    + "' is registered; GET /servers lists the servers you may use", Map.of("server_name", serverName));
        }
        if (!server.enabled() || services.upstreams().status(serverName).state() == UpstreamStatus.State.DISABLED) {
            services.audit().record(refusal.decision("deny", "server disabled", null).upstreamStatus("disabled"),
                    call.startNanos());
            throw new ApiException(ErrorCode.SERVER_DISABLED, "MCP server '" + serverName + "' is disabled",
                    Map.of("server_name", serverName));
        }
        if (!call.action().equals(DecisionRequest.INVOKE)) {
            return server; // resources and prompts were resolved against the server's own list by the caller
        }
        List<ToolInfo> tools;
        try {
            tools = services.upstreams().tools(serverName);
        } catch (UpstreamException.Unavailable e) {
            return server; // cannot check the tool now; policy still decides, and the call reports the outage
        }
        if (tools.stream().noneMatch(t -> t.name().equals(toolName))) {
            services.audit().record(refusal.decision("deny", "unknown tool", null).upstreamStatus("not_found"),
                    call.startNanos());
            throw new ApiException(ErrorCode.TOOL_NOT_FOUND, "MCP server '" + serverName + "' has no tool named '"
                    + toolName + "'", Map.of("server_name", serverName, "tool_name", toolName));
        }
        return server;
    }
}
