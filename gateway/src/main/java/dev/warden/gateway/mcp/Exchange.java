package dev.warden.gateway.mcp;

import dev.warden.gateway.auth.Principal;
import dev.warden.gateway.authz.DecisionRequest;
import java.time.Clock;

/**
 * What every handler of one MCP message knows about it: the request id (logs and audit), when it arrived, who
 * sent it, from where, and its session (null in stateless mode and for {@code initialize}).
 */
record Exchange(String requestId, long startNanos, Principal who, String sourceIp, McpSession session) {

    /** The gateway's view of the request, as policy sees it in {@code input.gateway_metadata}. */
    DecisionRequest.Context decisionContext(Clock clock) {
        return new DecisionRequest.Context(requestId, clock.instant(), sourceIp);
    }
}
