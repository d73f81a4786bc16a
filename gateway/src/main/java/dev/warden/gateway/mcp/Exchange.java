package dev.warden.gateway.mcp;

import dev.warden.gateway.auth.Principal;
import dev.warden.gateway.authz.DecisionRequest;
import dev.warden.gateway.upstream.CallRelay;
import java.time.Clock;

/**
 * What every handler of one MCP message knows about it: the request id (logs and audit), when it arrived, who
 * sent it, from where, its session (null in stateless mode and for {@code initialize}), and for a
 * {@code tools/call} over Streamable HTTP, where the upstream's messages about the call go (else null).
 */
record Exchange(String requestId, long startNanos, Principal who, String sourceIp, McpSession session,
                CallRelay call) {

    Exchange(String requestId, long startNanos, Principal who, String sourceIp, McpSession session) {
        this(requestId, startNanos, who, sourceIp, session, null);
    }

    /** The id of the client's session, or null (stateless mode): names its own sessions at stateful upstreams. */
    String sessionId() {
        return session == null ? null : session.id();
    }

    /** Where the upstream's progress, log messages and requests about this exchange's tool call go. */
    CallRelay relay() {
        return call != null ? call : CallRelay.NONE;
    }

    /** The gateway's view of the request, as policy sees it in {@code input.gateway_metadata}. */
    DecisionRequest.Context decisionContext(Clock clock) {
        return new DecisionRequest.Context(requestId, clock.instant(), sourceIp);
    }
}
