package dev.warden.gateway.support;

import dev.warden.gateway.Gateway;
import dev.warden.gateway.audit.AuditEvent;
import dev.warden.gateway.audit.AuditQuery;
import dev.warden.gateway.audit.SqliteAuditStore;
import dev.warden.gateway.auth.Principal;
import dev.warden.gateway.auth.TokenMinter;
import dev.warden.gateway.authz.PolicyDecisionPoint;
import dev.warden.gateway.config.ConfigLoader;
import dev.warden.gateway.config.WardenConfig;
import dev.warden.gateway.upstream.Upstreams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A gateway started on a free port in a temporary directory, with an HTTP client and a token minter. */
public final class TestGateway implements AutoCloseable {
    public static final String SECRET = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public final Path dir;
    public final Gateway gateway;
    public final WardenConfig config;
    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    private TestGateway(Path dir, Gateway gateway, WardenConfig config) {
        this.dir = dir;
        this.gateway = gateway;
        this.config = config;
        this.port = gateway.port(); // kept: a stopped server no longer reports it
    }

    /**
     * Writes {@code warden.yaml} (with {@code extraYaml} appended) into {@code dir} and starts the gateway. A
     * {@code gateway:} block at the start of {@code extraYaml} sets or overrides keys of the test gateway's own.
     */
    public static TestGateway start(Path dir, Upstreams upstreams, PolicyDecisionPoint pdp, String extraYaml) {
        return start(dir, "package mcp.gateway\n", extraYaml, b -> b.upstreams(servers -> upstreams).policy(pdp));
    }

    /** With the given upstreams, the engine {@code extraYaml} configures, and {@code policy} as the Rego policy. */
    public static TestGateway startWithPolicy(Path dir, String policy, Upstreams upstreams, String extraYaml) {
        return start(dir, policy, extraYaml, b -> b.upstreams(servers -> upstreams));
    }

    /**
     * As {@link #startWithPolicy}, with the policy directory (and the registry file, when {@code extraYaml} names
     * one) watched every 100 ms, and real upstream connections when {@code upstreams} is null.
     */
    public static TestGateway startWatching(Path dir, String policy, Upstreams upstreams, String extraYaml) {
        return start(dir, policy, "  watch_interval: 100ms\n", extraYaml,
                b -> upstreams == null ? b : b.upstreams(servers -> upstreams));
    }

    /** The shipped {@code policies/gateway.rego}. */
    public static String shippedPolicy() {
        try {
            return Files.readString(Path.of("../policies/gateway.rego"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** With the shipped policy and real upstream connections from a registry named in {@code extraYaml}. */
    public static TestGateway startReal(Path dir, String extraYaml) {
        try {
            return start(dir, Files.readString(Path.of("../policies/gateway.rego")), extraYaml, b -> b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TestGateway start(Path dir, String policy, String extraYaml, UnaryOperator<Gateway.Builder> setup) {
        return start(dir, policy, "", extraYaml, setup);
    }

    private static TestGateway start(Path dir, String policy, String policyYaml, String extraYaml,
                                     UnaryOperator<Gateway.Builder> setup) {
        try {
            Files.createDirectories(dir.resolve("policies"));
            Files.writeString(dir.resolve("policies/gateway.rego"), policy);
            Map<String, String> gatewaySettings = new LinkedHashMap<>(Map.of("host", "127.0.0.1", "port", "0",
                    "environment", "test", "max_body_size", "4kb", "shutdown_grace", "10s"));
            String otherYaml = extraYaml;
            if (extraYaml.startsWith("gateway:\n")) { // settings of the test's own for the gateway section
                List<String> lines = extraYaml.lines().skip(1).toList();
                int n = 0;
                for (; n < lines.size() && lines.get(n).startsWith("  "); n++) {
                    String[] kv = lines.get(n).strip().split(":\\s*", 2);
                    gatewaySettings.put(kv[0], kv[1]);
                }
                otherYaml = lines.stream().skip(n).map(l -> l + "\n").collect(Collectors.joining());
            }
            StringBuilder gatewayYaml = new StringBuilder("gateway:\n");
            gatewaySettings.forEach((k, v) -> gatewayYaml.append("  ").append(k).append(": ").append(v).append('\n'));
            Files.writeString(dir.resolve("warden.yaml"), gatewayYaml + """
                    jwt:
                      algorithms: [HS256]
                      secret: %s
                      issuer: warden-test
                      audience: warden
                    policy:
                      dir: policies
                    %s\
                    audit:
                      db_path: data/audit.db
                    """.formatted(SECRET, policyYaml) + otherYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        WardenConfig config = new ConfigLoader(Map.of(), dir).load(Path.of("warden.yaml"));
        Gateway gateway = setup.apply(Gateway.builder(config)).start();
        return new TestGateway(dir, gateway, config);
    }

    public String token(String sub, String... roles) {
        return new TokenMinter(config.jwt(), Clock.systemUTC())
                .mint(new Principal(sub, sub + "@example.com", List.of(roles), List.of("eng")), Duration.ofMinutes(5));
    }

    public Response get(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) b.header("Authorization", "Bearer " + token);
        return send(b.build());
    }

    public Response post(String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return send(b.build());
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) { return URI.create("http://127.0.0.1:" + port + path); }

    /** The audit records of one request (by its request id), read from the gateway's store. */
    public List<AuditEvent> auditOf(String requestId) {
        try (SqliteAuditStore store = SqliteAuditStore.open(config.audit().dbPath())) {
            return store.query(new AuditQuery(null, null, null, null, 1000)).stream()
                    .filter(e -> requestId.equals(e.requestId())).toList();
        }
    }

    @Override
    public void close() { gateway.close(); }

    /** A response with its body parsed as JSON. */
    public record Response(int status, String body, Map<String, List<String>> headers) {
        public JsonNode json() { return JSON.readTree(body); }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }
}
