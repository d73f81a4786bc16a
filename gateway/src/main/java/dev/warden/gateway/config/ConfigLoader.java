package dev.warden.gateway.config;

import dev.warden.gateway.config.WardenConfig.AuditSettings;
import dev.warden.gateway.config.WardenConfig.CorsSettings;
import dev.warden.gateway.config.WardenConfig.GatewaySettings;
import dev.warden.gateway.config.WardenConfig.JwtSettings;
import dev.warden.gateway.config.WardenConfig.PolicySettings;
import dev.warden.gateway.config.WardenConfig.SarkSettings;
import dev.warden.gateway.util.JacksonErrors;
import dev.warden.gateway.util.StrictYaml;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Loads {@code warden.yaml}, applies the tutorial's environment variables on top, and validates the result.
 * Precedence, highest first: the real environment, {@code .env} in the working directory, the YAML file, defaults.
 * Relative paths are resolved against the working directory.
 *
 * <pre>{@code
 * WardenConfig config = ConfigLoader.fromEnvironment().load(Path.of("examples/warden.yaml"));
 * }</pre>
 */
public final class ConfigLoader {
    /** Environment variable → YAML path it overrides. */
    static final Map<String, String> ENV_OVERRIDES = Map.of(
            "GATEWAY_HOST", "gateway.host", "GATEWAY_PORT", "gateway.port", "GATEWAY_ENV", "gateway.environment",
            "LOG_LEVEL", "gateway.log_level", "JWT_SECRET_KEY", "jwt.secret", "JWT_ALGORITHM", "jwt.algorithms",
            "JWT_ISSUER", "jwt.issuer", "MCP_SERVERS_CONFIG", "servers.config", "SARK_URL", "sark.url",
            "SARK_TIMEOUT", "sark.timeout");

    /** The parameter names whose values are redacted when {@code audit.redact_keys} is not set. */
    public static final Set<String> DEFAULT_REDACT_KEYS = Set.of("password", "passwd", "pwd", "passphrase", "secret",
            "secret_key", "access_key", "token", "api_key", "apikey", "authorization", "access_token", "refresh_token",
            "client_secret", "private_key", "credential", "credentials", "cookie");

    private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    private final Map<String, String> env;
    private final Path workDir;

    /**
     * @param env     environment variables (only the names in {@link #ENV_OVERRIDES} are read)
     * @param workDir where relative paths and the dev secret file are resolved
     */
    public ConfigLoader(Map<String, String> env, Path workDir) {
        this.env = Map.copyOf(env);
        this.workDir = workDir.toAbsolutePath().normalize();
    }

    /** The process environment over the working directory's {@code .env} (the real environment wins). */
    public static ConfigLoader fromEnvironment() {
        return withDotEnv(System.getenv(), Path.of("").toAbsolutePath());
    }

    /** {@code processEnv} over {@code workDir/.env}: a variable set in both takes the process's value. */
    public static ConfigLoader withDotEnv(Map<String, String> processEnv, Path workDir) {
        Map<String, String> merged = new HashMap<>(DotEnv.read(workDir.resolve(".env")));
        merged.putAll(processEnv);
        return new ConfigLoader(merged, workDir);
    }

    /** Reads, overrides and validates; throws {@link ConfigException} listing every problem found. */
    public WardenConfig load(Path yamlFile) {
        Path file = workDir.resolve(yamlFile);
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("config file " + file + " does not exist; pass --config with the path of a "
                    + "warden.yaml (see examples/warden.yaml)");
        }
        ObjectNode root = readYaml(file);
        applyEnvironment(root);
        List<String> problems = new ArrayList<>();
        WardenConfig config = read(new Fields(root, "", problems), problems);
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return config;
    }

    private static ObjectNode readYaml(Path file) {
        try {
            JsonNode tree = StrictYaml.MAPPER.readTree(file.toFile());
            if (tree == null || tree.isMissingNode() || tree.isNull()) return JsonNodeFactory.instance.objectNode();
            if (tree instanceof ObjectNode o) return o;
            throw new ConfigException(file + ": the top level must be a mapping (gateway:, jwt:, policy:, ...)");
        } catch (JacksonException e) {
            throw new ConfigException(file + ": not valid YAML: " + JacksonErrors.describe(e));
        }
    }

    private void applyEnvironment(ObjectNode root) {
        ENV_OVERRIDES.forEach((var, path) -> {
            String value = env.get(var);
            if (value == null || value.isBlank()) return;
            String[] parts = path.split("\\.");
            JsonNode section = root.get(parts[0]);
            ObjectNode target = section instanceof ObjectNode o ? o : root.putObject(parts[0]);
            target.put(parts[1], value.strip());
        });
    }

    private WardenConfig read(Fields root, List<String> problems) {
        root.allowOnly(Set.of("gateway", "jwt", "policy", "audit", "cors", "servers", "sark", "mcp", "authz",
                "sark_api"));
        GatewaySettings gateway = gateway(root.section("gateway"));
        JwtSettings jwt = new JwtReader(root.section("jwt"), workDir, gateway.isDevelopment()).read();
        PolicySettings policy = policy(root.section("policy"));
        AuditSettings audit = audit(root.section("audit"));
        CorsSettings cors = cors(root.section("cors"));
        Fields servers = root.section("servers");
        servers.allowOnly(Set.of("config"));
        Path serversConfig = existingFile(servers, "config", "set MCP_SERVERS_CONFIG or servers.config to the path "
                + "of your mcp_servers.yaml");
        SarkSettings sark = sark(root.section("sark"));
        return new WardenConfig(gateway, jwt, policy, audit, cors, serversConfig, sark,
                new McpReader(root.section("mcp")).read(),
                new AuthzReader(root.section("authz"), root.section("sark_api"), sark, workDir).read(), env::get);
    }

    private GatewaySettings gateway(Fields f) {
        f.allowOnly(Set.of("host", "port", "environment", "log_level", "max_body_size", "shutdown_grace",
                "idle_timeout"));
        String level = f.string("log_level", "INFO").toUpperCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(level)) {
            f.problem("log_level", "must be one of " + LOG_LEVELS.stream().sorted().toList() + " (LOG_LEVEL), got '"
                    + level + "'");
            level = "INFO";
        }
        return new GatewaySettings(f.string("host", "127.0.0.1"), f.integer("port", 8080, 0, 65535),
                f.string("environment", "production").toLowerCase(Locale.ROOT), level,
                f.size("max_body_size", 1024 * 1024), f.duration("shutdown_grace", Duration.ofSeconds(10)),
                idleTimeout(f));
    }

    /**
     * How long a client's kept-alive connection may sit unused before Warden closes it. It must outlast the clients'
     * and load balancers' own (the JDK's HTTP client keeps connections 30 s, AWS's load balancers 60 s): a side that
     * closes first races the other's next request on that connection, which then gets no answer.
     */
    private static Duration idleTimeout(Fields f) {
        Duration d = f.duration("idle_timeout", GatewaySettings.DEFAULT_IDLE_TIMEOUT);
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            f.problem("idle_timeout", "must be at least 1s, got " + d.toMillis() + "ms; keep it longer than the "
                    + "keep-alive of the clients and load balancers in front of Warden (default 75s)");
            return GatewaySettings.DEFAULT_IDLE_TIMEOUT;
        }
        return d;
    }

    private PolicySettings policy(Fields f) {
        f.allowOnly(Set.of("dir", "decision_timeout", "decision_cache_size", "allow_http_send", "watch",
                "watch_interval"));
        Path dir = workDir.resolve(f.string("dir", "policies"));
        if (!Files.isDirectory(dir)) {
            f.problem("dir", "policy directory " + dir + " does not exist; create it with your .rego files or "
                    + "point policy.dir at the shipped policies/ directory");
        }
        Duration watchInterval = f.duration("watch_interval", PolicySettings.DEFAULT_WATCH_INTERVAL);
        if (watchInterval.isNegative() || watchInterval.isZero()) {
            f.problem("watch_interval", "must be positive, e.g. 1s (set watch: false to stop watching)");
            watchInterval = PolicySettings.DEFAULT_WATCH_INTERVAL;
        }
        Duration decisionTimeout = f.duration("decision_timeout", Duration.ofMillis(250));
        if (decisionTimeout.isZero()) { // every decision would time out, and every call be denied
            f.problem("decision_timeout", "must be positive, e.g. 250ms");
        }
        return new PolicySettings(dir, decisionTimeout,
                f.integer("decision_cache_size", 10_000, 0, 10_000_000),
                f.bool("allow_http_send", false), f.bool("watch", true), watchInterval);
    }

    private AuditSettings audit(Fields f) {
        f.allowOnly(Set.of("db_path", "redact_keys"));
        Path db = workDir.resolve(f.string("db_path", "data/audit.db"));
        Set<String> keys = new LinkedHashSet<>();
        for (String k : f.strings("redact_keys", List.copyOf(DEFAULT_REDACT_KEYS))) keys.add(k.toLowerCase(Locale.ROOT));
        return new AuditSettings(db, keys);
    }

    private CorsSettings cors(Fields f) {
        f.allowOnly(Set.of("enabled", "allowed_origins", "allow_credentials"));
        CorsSettings cors = new CorsSettings(f.bool("enabled", false), f.strings("allowed_origins", List.of()),
                f.bool("allow_credentials", false));
        if (cors.enabled() && cors.allowedOrigins().isEmpty()) {
            f.problem("allowed_origins", "CORS is enabled but no origin is listed; add origins such as "
                    + "https://app.example.com or set cors.enabled: false");
        }
        if (cors.allowCredentials() && cors.allowedOrigins().contains("*")) {
            f.problem("allowed_origins", "'*' cannot be combined with allow_credentials: true; list the origins "
                    + "explicitly");
        }
        return cors;
    }

    private SarkSettings sark(Fields f) {
        f.allowOnly(Set.of("url", "timeout", "api_key", "csrf_token", "forward_audit", "audit_queue_size"));
        String url = f.string("url", null);
        URI uri = url == null ? null : httpUri(f, "url", url, "SARK_URL");
        return new SarkSettings(uri, f.duration("timeout", Duration.ofSeconds(5)), f.string("api_key", null),
                f.string("csrf_token", null), f.bool("forward_audit", true),
                f.integer("audit_queue_size", SarkSettings.DEFAULT_AUDIT_QUEUE, 1, 10_000_000));
    }

    private Path existingFile(Fields f, String key, String fix) {
        String value = f.string(key, null);
        if (value == null) return null;
        Path p = workDir.resolve(value);
        if (!Files.isRegularFile(p)) f.problem(key, "file " + p + " does not exist; " + fix);
        return p;
    }

    static URI httpUri(Fields f, String key, String value, String envName) {
        try {
            URI uri = URI.create(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        f.problem(key, "must be an http:// or https:// URL (" + envName + "), got '" + value + "'");
        return null;
    }
}
