package dev.warden.gateway.mcp;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * One client's MCP session: who it belongs to and what was agreed at {@code initialize}.
 *
 * @param id              the {@code Mcp-Session-Id}: 256 random bits, base64url
 * @param owner           the principal the session is bound to ({@link McpSessions#ownerKey}); a request with
 *                        another principal's token does not find it
 * @param protocolVersion the negotiated revision, e.g. {@code 2025-11-25}
 * @param clientInfo      the client's {@code clientInfo}, for logs
 */
record McpSession(String id, String owner, String protocolVersion, JsonNode clientInfo, Instant created) {}
