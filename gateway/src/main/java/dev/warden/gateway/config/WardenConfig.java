package dev.warden.gateway.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The gateway's validated configuration: {@code warden.yaml}, overridden by environment variables and {@code .env}.
 * Every field is checked by {@link ConfigLoader}; a {@code WardenConfig} that exists is one the gateway can run.
 *
 * <pre>{@code
 * WardenConfig config = ConfigLoader.fromEnvironment().load(Path.of("examples/warden.yaml"));
 * int port = config.gateway().port();
 * }</pre>
 */
public record WardenConfig(GatewaySettings gateway, JwtSettings jwt, PolicySettings policy, AuditSettings audit,
                           CorsSettings cors, Path serversConfig, SarkSettings sark) {

    /**
     * Where and how the HTTP server runs.
     *
     * @param environment  {@code development} or {@code production} (anything else is treated like production)
     * @param maxBodyBytes request bodies larger than this are refused with 413
     */
    public record GatewaySettings(String host, int port, String environment, String logLevel, long maxBodyBytes,
                                  Duration shutdownGrace) {
        public boolean isDevelopment() { return "development".equalsIgnoreCase(environment); }
    }

    /**
     * How bearer tokens are verified. Exactly one key source is set: {@code secret} (HS*), {@code publicKeyFile}
     * (RS*, ES*) or {@code jwksUrl} (RS*, ES*).
     *
     * @param algorithms the only algorithms accepted, e.g. {@code [HS256]}
     * @param audience   required {@code aud} value, or null to not check it
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

    /** Where the Rego policies live and how long one decision may take before it counts as a denial. */
    public record PolicySettings(Path dir, Duration decisionTimeout) {}

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

    /** An optional remote SARK-compatible authorization service. */
    public record SarkSettings(URI url, Duration timeout) {}
}
