package dev.warden.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    static final String GOOD_SECRET = "a-perfectly-random-secret-of-more-than-32-chars";

    @TempDir
    Path dir;

    @BeforeEach
    void policies() throws IOException {
        Files.createDirectories(dir.resolve("policies"));
    }

    private WardenConfig load(String yaml, Map<String, String> env) throws IOException {
        Files.writeString(dir.resolve("warden.yaml"), yaml);
        return new ConfigLoader(env, dir).load(Path.of("warden.yaml"));
    }

    private List<String> problems(String yaml, Map<String, String> env) {
        try {
            load(yaml, env);
        } catch (ConfigException e) {
            return e.problems();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected the configuration to be refused");
    }

    @Test
    void readsEveryFieldWithDefaults() throws IOException {
        WardenConfig c = load("jwt:\n  secret: " + GOOD_SECRET + "\n  issuer: me\n", Map.of());
        assertThat(c.gateway().host()).isEqualTo("127.0.0.1");
        assertThat(c.gateway().port()).isEqualTo(8080);
        assertThat(c.gateway().isDevelopment()).isFalse();
        assertThat(c.gateway().idleTimeout()).isEqualTo(Duration.ofSeconds(75));
        assertThat(c.jwt().algorithms()).containsExactly("HS256");
        assertThat(c.jwt().clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.jwt().audience()).isEqualTo("warden-gateway");
        assertThat(c.policy().dir()).isEqualTo(dir.resolve("policies"));
        assertThat(c.audit().dbPath()).isEqualTo(dir.resolve("data/audit.db"));
        assertThat(c.audit().redactKeys()).contains("password", "api_key", "authorization");
        assertThat(c.cors().enabled()).isFalse();
        assertThat(c.jwt().toString()).doesNotContain(GOOD_SECRET);
    }

    @Test
    void theTutorialsEnvironmentVariablesOverrideTheFile() throws IOException {
        Files.writeString(dir.resolve("servers.yaml"), "servers: {}\n");
        Map<String, String> env = Map.of("GATEWAY_HOST", "0.0.0.0", "GATEWAY_PORT", "9000", "GATEWAY_ENV",
                "production", "LOG_LEVEL", "debug", "JWT_SECRET_KEY", GOOD_SECRET, "JWT_ALGORITHM", "HS512",
                "JWT_ISSUER", "sark", "MCP_SERVERS_CONFIG", "servers.yaml", "SARK_URL", "http://sark:8000",
                "SARK_TIMEOUT", "7");
        WardenConfig c = load("gateway:\n  port: 8080\njwt:\n  secret: short\n", env);
        assertThat(c.gateway().host()).isEqualTo("0.0.0.0");
        assertThat(c.gateway().port()).isEqualTo(9000);
        assertThat(c.gateway().logLevel()).isEqualTo("DEBUG");
        assertThat(c.jwt().secret()).isEqualTo(GOOD_SECRET);
        assertThat(c.jwt().algorithms()).containsExactly("HS512");
        assertThat(c.jwt().issuer()).isEqualTo("sark");
        assertThat(c.serversConfig()).isEqualTo(dir.resolve("servers.yaml"));
        assertThat(c.sark().url()).hasToString("http://sark:8000");
        assertThat(c.sark().timeout()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void refusesAnUnsetSecretNamingTheVariableAndTheFix() {
        assertThat(problems("gateway:\n  environment: production\n", Map.of())).singleElement().asString()
                .startsWith("jwt.secret: not set").contains("JWT_SECRET_KEY").contains("openssl rand");
    }

    @Test
    void refusesAPlaceholderOrShortSecret() {
        assertThat(problems("", Map.of("JWT_SECRET_KEY", "your-secret-key-here-change-in-production-please")))
                .singleElement().asString().contains("placeholder");
        assertThat(problems("", Map.of("JWT_SECRET_KEY", "only-twenty-chars-xx"))).singleElement().asString()
                .contains("20 characters, shorter than 32");
    }

    @Test
    void refusesUnknownAlgorithmsNoneAndMixedFamilies() {
        assertThat(problems("", Map.of("JWT_SECRET_KEY", GOOD_SECRET, "JWT_ALGORITHM", "HS257")))
                .anySatisfy(p -> assertThat(p).contains("jwt.algorithms: unknown algorithm 'HS257'"));
        assertThat(problems("", Map.of("JWT_SECRET_KEY", GOOD_SECRET, "JWT_ALGORITHM", "none")))
                .anySatisfy(p -> assertThat(p).contains("'none' is never accepted"));
        assertThat(problems("jwt:\n  algorithms: [HS256, RS256]\n  secret: " + GOOD_SECRET + "\n", Map.of()))
                .anySatisfy(p -> assertThat(p).contains("algorithm-confusion"));
        assertThat(problems("jwt:\n  algorithms: [RS256]\n", Map.of()))
                .anySatisfy(p -> assertThat(p).contains("jwt.public_key_file").contains("jwks_url"));
    }

    @Test
    void refusesAMissingPolicyDirectoryAndReportsEveryProblemAtOnce() {
        List<String> problems = problems("gateway:\n  port: 70000\npolicy:\n  dir: nowhere\njwt:\n  secret: x\n"
                + "  clock_skew: 1h\ncors:\n  enabled: true\n  allowed_origins: ['*']\n  allow_credentials: true\n"
                + "typo: 1\n", Map.of());
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("gateway.port: must be a whole number from 0"))
                .anySatisfy(p -> assertThat(p).startsWith("policy.dir: policy directory").contains("nowhere"))
                .anySatisfy(p -> assertThat(p).startsWith("jwt.secret:"))
                .anySatisfy(p -> assertThat(p).startsWith("jwt.clock_skew: must be at most 5m"))
                .anySatisfy(p -> assertThat(p).contains("'*' cannot be combined with allow_credentials"))
                .anySatisfy(p -> assertThat(p).startsWith("typo: unknown setting"));
    }

    @Test
    void durationsAndSizesTooLargeToServeAndAZeroDecisionTimeoutAreRefusedNamingTheField() {
        String secret = "jwt:\n  secret: " + GOOD_SECRET + "\n";
        assertThat(problems("gateway:\n  shutdown_grace: 99999999999999999999s\n" + secret, Map.of()))
                .singleElement().asString().startsWith("gateway.shutdown_grace: must be a duration")
                .contains("at most 365 days");
        assertThat(problems("gateway:\n  idle_timeout: 9999999999999h\n" + secret, Map.of()))
                .singleElement().asString().startsWith("gateway.idle_timeout: must be a duration");
        assertThat(problems("gateway:\n  max_body_size: 17592186044417m\n" + secret, Map.of()))
                .singleElement().asString().startsWith("gateway.max_body_size: must be a positive size")
                .contains("at most 1024mb");
        assertThat(problems("policy:\n  decision_timeout: 0ms\n" + secret, Map.of()))
                .singleElement().asString().isEqualTo("policy.decision_timeout: must be positive, e.g. 250ms");
    }

    @Test
    void anIdleTimeoutIsReadAndOneUnderASecondIsRefusedWithTheReason() throws IOException {
        String secret = "jwt:\n  secret: " + GOOD_SECRET + "\n";
        assertThat(load("gateway:\n  idle_timeout: 2m\n" + secret, Map.of()).gateway().idleTimeout())
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(problems("gateway:\n  idle_timeout: 500ms\n" + secret, Map.of())).singleElement().asString()
                .startsWith("gateway.idle_timeout: must be at least 1s, got 500ms")
                .contains("longer than the keep-alive of the clients and load balancers");
    }

    @Test
    void aKeyGivenTwiceIsRefusedNamingItAndItsLineInsteadOfTheLastOneWinning() throws IOException {
        Files.writeString(dir.resolve("twice.yaml"), "gateway:\n  port: 9000\njwt:\n  secret: " + GOOD_SECRET
                + "\ngateway:\n  host: 0.0.0.0\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of(), dir).load(Path.of("twice.yaml")))
                .hasMessageContaining("twice.yaml: not valid YAML")
                .hasMessageContaining("\"gateway\"")
                .hasMessageContaining("line 5");
    }

    @Test
    void refusesAMissingServerRegistryFile() {
        assertThat(problems("servers:\n  config: missing.yaml\n", Map.of("JWT_SECRET_KEY", GOOD_SECRET)))
                .singleElement().asString().startsWith("servers.config: file").contains("MCP_SERVERS_CONFIG");
    }

    @Test
    void inDevelopmentAGeneratedSecretIsKeptAcrossRestarts() throws IOException {
        String yaml = "gateway:\n  environment: development\njwt:\n  dev_secret_file: data/dev-secret\n";
        WardenConfig first = load(yaml, Map.of());
        WardenConfig second = load(yaml, Map.of());
        assertThat(first.jwt().secret()).hasSizeGreaterThanOrEqualTo(32).isEqualTo(second.jwt().secret());
        assertThat(Files.readString(dir.resolve("data/dev-secret")).strip()).isEqualTo(first.jwt().secret());
        assertThat(problems(yaml.replace("development", "production"), Map.of())).singleElement().asString()
                .startsWith("jwt.secret: not set");
    }

    @Test
    void aMissingOrInvalidFileIsNamed() throws IOException {
        assertThatThrownBy(() -> new ConfigLoader(Map.of(), dir).load(Path.of("nope.yaml")))
                .hasMessageContaining("nope.yaml does not exist");
        Files.writeString(dir.resolve("bad.yaml"), "gateway: [unclosed\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of(), dir).load(Path.of("bad.yaml")))
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void dotEnvSuppliesVariablesButTheRealEnvironmentWins() throws IOException {
        Files.writeString(dir.resolve(".env"), "JWT_SECRET_KEY=" + GOOD_SECRET + "\nJWT_ISSUER=from-file\n");
        Files.writeString(dir.resolve("warden.yaml"), "");
        WardenConfig c = ConfigLoader.withDotEnv(Map.of("JWT_ISSUER", "from-env"), dir).load(Path.of("warden.yaml"));
        assertThat(c.jwt().secret()).isEqualTo(GOOD_SECRET);
        assertThat(c.jwt().issuer()).isEqualTo("from-env");
    }

    @Test
    void theServerRegistrysReferencesReadDotEnvAsTheSettingsDo() throws IOException {
        Files.writeString(dir.resolve(".env"), "JWT_SECRET_KEY=" + GOOD_SECRET + "\nDOCS_TOKEN=from-dotenv\n");
        Files.writeString(dir.resolve("warden.yaml"), "");
        Path registry = Files.writeString(dir.resolve("servers.yaml"), """
                servers:
                  docs: {url: "http://127.0.0.1:9/mcp", headers: {Authorization: "Bearer ${DOCS_TOKEN}"}}
                """);
        WardenConfig c = ConfigLoader.withDotEnv(Map.of(), dir).load(Path.of("warden.yaml"));
        assertThat(ServerRegistryLoader.load(registry, c.environment()).get(0).headers())
                .containsEntry("Authorization", "Bearer from-dotenv");
        assertThat(c.toString()).as("no variable's value in the configuration's text").doesNotContain("from-dotenv");
    }

    @Test
    void dotEnvLinesAreParsedLiterally() {
        Map<String, String> vars = DotEnv.parse(List.of("# comment", "export JWT_ISSUER=from-file",
                "JWT_SECRET_KEY=\"quoted value # kept\"", "LOG_LEVEL=debug # trailing", ""), ".env");
        assertThat(vars).containsEntry("JWT_ISSUER", "from-file").containsEntry("JWT_SECRET_KEY", "quoted value # kept")
                .containsEntry("LOG_LEVEL", "debug");
        assertThatThrownBy(() -> DotEnv.parse(List.of("NOT A PAIR"), ".env"))
                .hasMessageContaining(".env line 1: expected KEY=VALUE");
    }
}
