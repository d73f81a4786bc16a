package dev.warden.gateway.audit;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One audit record: every authentication failure, routing rejection, policy decision and tool-call outcome.
 * All record kinds are declared here, in {@link Type}.
 *
 * <pre>{@code
 * String auditId = auditLog.record(AuditEvent.builder(Type.DECISION, requestId).principal(p)
 *         .target(action, server, tool).parameters(args).decision("deny", reason, policyVersion), startNanos);
 * }</pre>
 *
 * @param decision       {@code allow}, {@code deny} or {@code error}
 * @param parameters     the tool arguments after redaction, or null
 * @param upstreamStatus for tool calls: {@code ok}, {@code tool_error}, {@code unavailable}, {@code timeout}
 *                       (resource reads and prompt gets: {@code upstream_error} instead of {@code tool_error});
 *                       for routing rejections: {@code not_found}, {@code disabled}
 * @param latencyMs      time from the request's arrival to this record
 */
public record AuditEvent(String auditId, Instant time, Type type, String requestId, String subject, String email,
                         List<String> roles, String action, String server, String tool, JsonNode parameters,
                         String decision, String reason, String policyVersion, String upstreamStatus,
                         long latencyMs) {

    public AuditEvent {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    /** Starts a record of the given kind for one request. */
    public static Builder builder(Type type, String requestId) { return new Builder(type, requestId); }

    /** Fills a record step by step as the request moves along the pipeline. */
    public static final class Builder {
        private final Type type;
        private final String requestId;
        private String subject;
        private String email;
        private List<String> roles = List.of();
        private String action;
        private String server;
        private String tool;
        private JsonNode parameters;
        private String decision;
        private String reason;
        private String policyVersion;
        private String upstreamStatus;

        private Builder(Type type, String requestId) {
            this.type = type;
            this.requestId = requestId;
        }

        public Builder principal(dev.warden.gateway.auth.Principal p) {
            if (p != null) {
                subject = p.subject();
                email = p.email();
                roles = p.roles();
            }
            return this;
        }

        public Builder target(String action, String server, String tool) {
            this.action = action;
            this.server = server;
            this.tool = tool;
            return this;
        }

        /** The arguments; {@link AuditLog} redacts them before anything is stored or logged. */
        public Builder parameters(JsonNode parameters) {
            this.parameters = parameters;
            return this;
        }

        public Builder decision(String decision, String reason, String policyVersion) {
            this.decision = decision;
            this.reason = reason;
            this.policyVersion = policyVersion;
            return this;
        }

        public Builder upstreamStatus(String status) {
            this.upstreamStatus = status;
            return this;
        }

        AuditEvent build(String auditId, Instant time, JsonNode redacted, long latencyMs) {
            return new AuditEvent(auditId, time, type, requestId, subject, email, roles, action, server, tool,
                    redacted, decision, reason, policyVersion, upstreamStatus, latencyMs);
        }

        JsonNode parameters() { return parameters; }
    }

    /** The kinds of audit record. */
    public enum Type {
        /** A request whose credentials were refused (no principal). */
        AUTHENTICATION,
        /** A request for a server or tool that is unknown or disabled, refused before any policy ran. */
        ROUTING,
        /** A policy decision, allow or deny. */
        DECISION,
        /** The outcome of a call to an upstream tool. */
        TOOL_CALL,
        /** The outcome of reading an upstream resource (MCP {@code resources/read}). */
        RESOURCE_READ,
        /** The outcome of getting an upstream prompt (MCP {@code prompts/get}). */
        PROMPT_GET,
        /** An event another gateway reported through the SARK API ({@code POST /api/v1/gateway/audit}). */
        GATEWAY_REPORT;

        private final String wireName = name().toLowerCase(java.util.Locale.ROOT);

        /** The name in the store, the log lines and the APIs: {@code tool_call}, ... */
        public String wireName() { return wireName; }
    }
}
