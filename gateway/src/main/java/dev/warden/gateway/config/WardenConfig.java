package dev.warden.gateway.config;

import dev.warden.gateway.routing.NamespaceMode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The gateway's validated configuration: {@code warden.yaml}, overridden by environment variables and {@code .env}.
 * Every field is checked by {@link ConfigLoader}; a {@code WardenConfig} that exists is one the gateway can run.
 *
 * <pre>{@code
 * WardenConfig config = ConfigLoader.fromEnvironment().load(Path.of("examples/warden.yaml"));
 * int port = config.gateway().port();
 * }</pre>
 *
 * @param environment the variables the server registry's {@code ${NAME}} references read: the process environment
 *                    over {@code .env}, as for the settings (a function, so that no variable's value can reach a
 *                    log line through this record's text)
 */
public record WardenConfig(GatewaySettings gateway, JwtSettings jwt, PolicySettings policy, AuditSettings audit,
                           CorsSettings cors, Path serversConfig, SarkSettings sark, McpSettings mcp,
                           AuthzSettings authz, UnaryOperator<String> environment) {

    /** The configuration read with the process environment alone. */
    public WardenConfig(GatewaySettings gateway, JwtSettings jwt, PolicySettings policy, AuditSettings audit,
                        CorsSettings cors, Path serversConfig, SarkSettings sark, McpSettings mcp,
                        AuthzSettings authz) {
        this(gateway, jwt, policy, audit, cors, serversConfig, sark, mcp, authz, System::getenv);
    }

    /** The configuration without an {@code authz:} or {@code sark_api:} section: the embedded engine, no SARK API. */
    public WardenConfig(GatewaySettings gateway, JwtSettings jwt, PolicySettings policy, AuditSettings audit,
                        CorsSettings cors, Path serversConfig, SarkSettings sark, McpSettings mcp) {
        this(gateway, jwt, policy, audit, cors, serversConfig, sark, mcp, AuthzSettings.DEFAULTS);
    }

    /** The configuration without an {@code mcp:} section: the MCP endpoint with its defaults. */
    public WardenConfig(GatewaySettings gateway, JwtSettings jwt, PolicySettings policy, AuditSettings audit,
                        CorsSettings cors, Path serversConfig, SarkSettings sark) {
        this(gateway, jwt, policy, audit, cors, serversConfig, sark, McpSettings.DEFAULTS);
    }

    /**
     * Where and how the HTTP server runs.
     *
     * @param environment  {@code development} or {@code production} (anything else is treated like production)
     * @param maxBodyBytes request bodies larger than this are refused with 413
     * @param idleTimeout  how long a client's kept-alive connection may sit unused before Warden closes it
     */
    public record GatewaySettings(String host, int port, String environment, String logLevel, long maxBodyBytes,
                                  Duration shutdownGrace, Duration idleTimeout) {
        /** Longer than the 30 s of the JDK's HTTP client and the 60 s of AWS's load balancers; nginx's default. */
        public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(75);

        public boolean isDevelopment() { return "development".equalsIgnoreCase(environment); }
    }

    /**
     * How bearer tokens are verified. Exactly one key source is set: {@code secret} (HS*), {@code publicKeyFile}
     * (RS*, ES*) or {@code jwksUrl} (RS*, ES*).
     *
     * @param algorithms the only algorithms accepted, e.g. {@code [HS256]}
     * @param issuer     required {@code iss} value (default {@code warden}); null only when built in code
     * @param audience   required {@code aud} value (default {@code warden-gateway}); null only when built in code
     * @param clockSkew  tolerance for {@code exp} and {@code nbf}
     */
    public record JwtSettings(List<String> algorithms, String secret, Path publicKeyFile, URI jwksUrl,
                              String issuer, String audience, Duration clockSkew) {
        public JwtSettings {
            algorithms = List.copyOf(algorithms);
        }

        @Override
        public String toString() { // never print the secret
            return "JwtSettings[algorithms=" + algorithms + ", secret=" + (secret == null ? "unset" : "***")
                    + ", publicKeyFile=" + publicKeyFile + ", jwksUrl=" + jwksUrl + ", issuer=" + issuer
                    + ", audience=" + audience + ", clockSkew=" + clockSkew + "]";
        }
    }

    /**
     * Where the Rego policies live, how long one decision may take before it counts as a denial, how many
     * allowed decisions are kept for their {@code cache_ttl} (0: no cache; denials are never cached), whether
     * the policies may call {@code http.send} ({@code allow_http_send}, off: a gateway policy makes no network
     * calls unless the operator says so), and whether the policy directory and the server registry are watched
     * and reloaded when they change ({@code watch}, checked every {@code watch_interval}).
     */
    public record PolicySettings(Path dir, Duration decisionTimeout, int decisionCacheSize, boolean allowHttpSend,
                                 boolean watch, Duration watchInterval) {
        public static final Duration DEFAULT_WATCH_INTERVAL = Duration.ofSeconds(1);

        public PolicySettings(Path dir, Duration decisionTimeout, int decisionCacheSize, boolean allowHttpSend) {
            this(dir, decisionTimeout, decisionCacheSize, allowHttpSend, true, DEFAULT_WATCH_INTERVAL);
        }

        public PolicySettings(Path dir, Duration decisionTimeout, int decisionCacheSize) {
            this(dir, decisionTimeout, decisionCacheSize, false);
        }
    }

    /** The audit store and which parameter keys are redacted (case-insensitive, at any depth). */
    public record AuditSettings(Path dbPath, Set<String> redactKeys) {
        public AuditSettings {
            redactKeys = Set.copyOf(redactKeys);
        }
    }

    /** Cross-origin access; off unless enabled, and never {@code *} together with credentials. */
    public record CorsSettings(boolean enabled, List<String> allowedOrigins, boolean allowCredentials) {
        public CorsSettings {
            allowedOrigins = List.copyOf(allowedOrigins);
        }
    }

    /**
     * An optional remote SARK-compatible authorization service ({@code authz.engine: sark}).
     *
     * @param apiKey    sent as {@code X-Gateway-Api-Key} (and as the bearer token when no other is set); null: none
     * @param csrfToken sent as {@code X-CSRF-Token} on POSTs; null: none
     * @param forwardAudit   in {@code sark} mode, also send this gateway's audit records to SARK's
     *                       {@code POST /api/v1/gateway/audit} ({@code forward_audit}, default on)
     * @param auditQueueSize records waiting to be forwarded beyond which new ones are dropped (and logged)
     */
    public record SarkSettings(URI url, Duration timeout, String apiKey, String csrfToken, boolean forwardAudit,
                               int auditQueueSize) {
        public static final int DEFAULT_AUDIT_QUEUE = 10_000;

        public SarkSettings(URI url, Duration timeout, String apiKey, String csrfToken) {
            this(url, timeout, apiKey, csrfToken, true, DEFAULT_AUDIT_QUEUE);
        }

        public SarkSettings(URI url, Duration timeout) { this(url, timeout, null, null); }

        @Override
        public String toString() { // never print the key
            return "SarkSettings[url=" + url + ", timeout=" + timeout + ", apiKey=" + (apiKey == null ? "unset" : "***")
                    + ", csrfToken=" + (csrfToken == null ? "unset" : "***") + ", forwardAudit=" + forwardAudit
                    + ", auditQueueSize=" + auditQueueSize + "]";
        }
    }

    /**
     * Which engine decides, and whether Warden serves the SARK API to other gateways. From {@code authz:} and
     * {@code sark_api:} in {@code warden.yaml}:
     *
     * <pre>{@code
     * authz:
     *   engine: embedded          # embedded | sark (the sark: section's url) | opa (opa_url below)
     *   opa_url: http://localhost:8181
     *   opa_timeout: 5s
     *   opa_token: ...            # sent as Authorization: Bearer (OPA's token authentication, or a Warden key)
     * sark_api:
     *   enabled: true             # serve /api/v1/gateway/* and /api/v1/version
     *   service_role: admin       # tokens with this role may ask about any user; others only about themselves
     *   api_keys_db: data/api-keys.db   # gateway API keys (sark_gw_...), stored as SHA-256 hashes
     *   login: true               # POST /api/v1/auth/login against users_file (off: use your identity provider)
     *   users_file: data/users.yaml     # written by `warden user add`; Argon2id hashes only
     * }</pre>
     */
    public record AuthzSettings(Engine engine, URI opaUrl, Duration opaTimeout, String opaToken,
                                boolean sarkApiEnabled, String serviceRole, Path apiKeysDb, boolean loginEnabled,
                                Path usersFile) {
        public static final AuthzSettings DEFAULTS = new AuthzSettings(Engine.EMBEDDED, null, Duration.ofSeconds(5),
                null, false, "admin", Path.of("data/api-keys.db"), true, Path.of("data/users.yaml"));

        @Override
        public String toString() { // never print the token
            return "AuthzSettings[engine=" + engine + ", opaUrl=" + opaUrl + ", opaTimeout=" + opaTimeout
                    + ", opaToken=" + (opaToken == null ? "unset" : "***") + ", sarkApiEnabled=" + sarkApiEnabled
                    + ", serviceRole=" + serviceRole + ", apiKeysDb=" + apiKeysDb + ", loginEnabled=" + loginEnabled
                    + ", usersFile=" + usersFile + "]";
        }

        /** The decision engines. */
        public enum Engine { EMBEDDED, SARK, OPA }
    }

    /**
     * The MCP endpoint ({@code /mcp}, Streamable HTTP), from the {@code mcp:} section of {@code warden.yaml}:
     *
     * <pre>{@code
     * mcp:
     *   enabled: true                  # serve /mcp and the protected resource metadata
     *   namespacing: always            # always | on-collision | never: when tool names get a server prefix
     *   separator: "__"                # between server and tool name: postgres-mcp__execute_query
     *   list_timeout: 2s               # per-upstream deadline of the tools/list fan-out
     *   denied_tools: hide             # hide: a denied tool reads as unknown; explain: "denied by policy: <reason>"
     *   stateless: false               # true: no Mcp-Session-Id (load balancers without stickiness)
     *   session_idle_timeout: 30m      # a session unused this long is forgotten (its id then answers 404)
     *   max_sessions: 10000            # beyond this, initialize is refused until sessions expire or end
     *   max_sessions_per_subject: 1000 # one token subject's share of them, so no one caller can take them all
     *   allowed_origins: []            # browser origins allowed to call /mcp (DNS rebinding protection)
     *   allowed_hosts: []              # Host header values accepted; empty: any, except loopback-only when bound
     *                                  # to a loopback address
     *   resource: https://warden.example.com/mcp   # RFC 9728 resource identifier; default: from the request
     *   authorization_servers: [https://idp.example.com]   # RFC 9728; default: jwt.issuer when it is a URL
     *   max_upstream_sessions_per_server: 1000   # clients with their own session at one stateful upstream;
     *                                  # the others share the gateway's session with it; 0: all share it
     * }</pre>
     */
    public record McpSettings(boolean enabled, NamespaceMode namespacing, String separator, Duration listTimeout,
                              DeniedTools deniedTools, boolean stateless, Duration sessionIdleTimeout,
                              int maxSessions, List<String> allowedOrigins, List<String> allowedHosts, URI resource,
                              List<URI> authorizationServers, int maxUpstreamSessionsPerServer,
                              int maxSessionsPerSubject) {
        public static final McpSettings DEFAULTS = new McpSettings(true, NamespaceMode.ALWAYS, "__",
                Duration.ofSeconds(2), DeniedTools.HIDE, false, Duration.ofMinutes(30), 10_000, List.of(), List.of(),
                null, List.of(), 1000, 1000);

        /** Settings with the defaults of {@code max_upstream_sessions_per_server} and {@code max_sessions_per_subject}. */
        public McpSettings(boolean enabled, NamespaceMode namespacing, String separator, Duration listTimeout,
                           DeniedTools deniedTools, boolean stateless, Duration sessionIdleTimeout, int maxSessions,
                           List<String> allowedOrigins, List<String> allowedHosts, URI resource,
                           List<URI> authorizationServers) {
            this(enabled, namespacing, separator, listTimeout, deniedTools, stateless, sessionIdleTimeout, maxSessions,
                    allowedOrigins, allowedHosts, resource, authorizationServers, 1000, 1000);
        }

        public McpSettings {
            allowedOrigins = List.copyOf(allowedOrigins);
            allowedHosts = List.copyOf(allowedHosts);
            authorizationServers = List.copyOf(authorizationServers);
        }

        /** How a tool the caller may not use answers {@code tools/call}. */
        public enum DeniedTools { HIDE, EXPLAIN }
    }
}
