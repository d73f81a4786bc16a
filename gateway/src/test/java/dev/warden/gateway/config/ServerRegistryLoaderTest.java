package dev.warden.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.gateway.config.ServerConfig.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerRegistryLoaderTest {

    private static List<ServerConfig> parse(String yaml) {
        return ServerRegistryLoader.parse(yaml, "mcp_servers.yaml", Map.of("GH_TOKEN", "t0k3n")::get);
    }

    private static List<String> problemsOf(String yaml) {
        try {
            parse(yaml);
        } catch (ServerRegistryException e) {
            return e.problems();
        }
        throw new AssertionError("expected the registry to be rejected");
    }

    @Test
    void readsTheMapFormWithEveryTransport() {
        List<ServerConfig> servers = parse("""
                servers:
                  postgres-mcp:
                    transport: stdio
                    command: java
                    args: ["-jar", "demo.jar", "sql", "--db", "data/demo.db"]
                    env: {LOG: debug}
                    description: "PostgreSQL database access"
                    timeout: 45s
                    metadata: {sensitivity_level: high, owners: [data-team]}
                  docs-mcp:
                    transport: streamable-http
                    url: http://127.0.0.1:9001/mcp
                    headers: {Authorization: "Bearer ${GH_TOKEN}"}
                    enabled: false
                  legacy:
                    transport: sse
                    url: https://legacy.example.com/sse
                    timeout: 1500ms
                """);
        assertThat(servers).extracting(ServerConfig::name).containsExactly("postgres-mcp", "docs-mcp", "legacy");
        ServerConfig pg = servers.get(0);
        assertThat(pg.transport()).isEqualTo(Transport.STDIO);
        assertThat(pg.args()).containsExactly("-jar", "demo.jar", "sql", "--db", "data/demo.db");
        assertThat(pg.env()).containsEntry("LOG", "debug");
        assertThat(pg.cwd()).isNull();
        assertThat(pg.enabled()).isTrue();
        assertThat(pg.timeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(pg.metadata()).containsEntry("sensitivity_level", "high").containsEntry("owners", List.of("data-team"));
        ServerConfig docs = servers.get(1);
        assertThat(docs.transport()).isEqualTo(Transport.STREAMABLE_HTTP);
        assertThat(docs.headers()).containsEntry("Authorization", "Bearer t0k3n");
        assertThat(docs.enabled()).isFalse();
        assertThat(docs.timeout()).isEqualTo(ServerRegistryLoader.DEFAULT_TIMEOUT);
        assertThat(servers.get(2).transport()).isEqualTo(Transport.SSE);
        assertThat(servers.get(2).timeout()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void readsTheTutorialListFormAndInfersTheTransport() {
        List<ServerConfig> servers = parse("""
                servers:
                  - name: postgres-mcp
                    url: http://localhost:8001/mcp
                    description: PostgreSQL
                    metadata: {sensitivity_level: high}
                  - name: local
                    command: npx
                    args: [-y, "@modelcontextprotocol/server-memory"]
                """);
        assertThat(servers).extracting(ServerConfig::transport).containsExactly(Transport.STREAMABLE_HTTP, Transport.STDIO);
        assertThat(servers.get(0).displayUrl()).isEqualTo("http://localhost:8001/mcp");
    }

    @Test
    void theAddressShownToUsersLeavesOutWhatMayBeACredential() {
        List<ServerConfig> servers = parse("""
                servers:
                  - name: keyed
                    url: http://robot:URLPASS@127.0.0.1:9/mcp%20v2?api_key=S3CR3T#frag
                  - name: v6
                    url: https://[::1]:8443/mcp?token=T0K3N
                """);
        assertThat(servers.get(0).displayUrl()).isEqualTo("http://127.0.0.1:9/mcp%20v2");
        assertThat(servers.get(1).displayUrl()).isEqualTo("https://[::1]:8443/mcp");
        assertThat(servers.get(0).url()).as("the real URL is kept for calls").contains("api_key=S3CR3T");
    }

    @Test
    void namesTheServerAndFieldOfEveryProblem() {
        List<String> problems = problemsOf("""
                servers:
                  a:
                    transport: grpc
                    url: http://x/mcp
                  b:
                    transport: stdio
                  c:
                    transport: streamable-http
                    url: "ftp://files.example.com"
                  d:
                    transport: sse
                  e:
                    command: java
                    timeout: soon
                  f:
                    command: java
                    colour: blue
                    enabled: "maybe"
                """);
        assertThat(problems).containsExactly(
                "server 'a': field 'transport': unknown transport 'grpc' (expected stdio, streamable-http or sse)",
                "server 'b': field 'command': required for transport stdio",
                "server 'c': field 'url': 'ftp://files.example.com' must be an absolute http:// or https:// URL with a host",
                "server 'd': field 'url': required for transport sse",
                "server 'e': field 'timeout': 'soon' is not a duration (examples: 30s, 500ms, 2m; a bare number means seconds)",
                "server 'f': field 'colour': unknown field (known: args, command, cwd, description, enabled, env, headers, "
                        + "metadata, name, timeout, transport, url)",
                "server 'f': field 'enabled': must be true or false");
    }

    @Test
    void rejectsDuplicateNamesInTheListForm() {
        assertThat(problemsOf("""
                servers:
                  - {name: twin, command: a}
                  - {name: twin, command: b}
                """)).containsExactly("server 'twin': field 'name': duplicate server name");
    }

    @Test
    void rejectsATimeoutLongerThanAYear() {
        assertThat(problemsOf("""
                servers:
                  slow: {command: sql-mcp, timeout: 9999999999999h}
                """)).containsExactly("server 'slow': field 'timeout': '9999999999999h' is longer than the 365 days allowed");
    }

    @Test
    void rejectsAnUnsetEnvironmentReference() {
        assertThat(problemsOf("""
                servers:
                  gh: {command: gh-mcp, env: {TOKEN: "${MISSING_TOKEN}"}}
                """)).containsExactly("server 'gh': field 'env.TOKEN': environment variable MISSING_TOKEN is not set");
    }

    @Test
    void reportsMissingServersAndBrokenYamlWithoutAStackTrace() {
        assertThatThrownBy(() -> parse("gateway: {}")).isInstanceOf(ServerRegistryException.class)
                .hasMessageContaining("missing top-level 'servers'");
        assertThatThrownBy(() -> parse("servers: [unclosed")).isInstanceOf(ServerRegistryException.class)
                .hasMessageContaining("mcp_servers.yaml").hasMessageContaining("not valid YAML");
    }

    @Test
    void aServerListedTwiceIsRefusedRatherThanTheLastEntryWinning() {
        assertThatThrownBy(() -> parse("""
                servers:
                  postgres-mcp: {command: safe-sql-server}
                  postgres-mcp: {command: other-server}
                """)).isInstanceOf(ServerRegistryException.class)
                .hasMessageContaining("not valid YAML").hasMessageContaining("\"postgres-mcp\"")
                .hasMessageContaining("line 3");
    }

    @Test
    void loadsAFileAndNamesAMissingOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mcp_servers.yaml");
        Files.writeString(file, "servers:\n  docs: {url: 'http://127.0.0.1:9001/mcp', timeout: 2}\n");
        assertThat(ServerRegistryLoader.load(file)).singleElement()
                .satisfies(s -> assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(2)));
        assertThatThrownBy(() -> ServerRegistryLoader.load(dir.resolve("nope.yaml")))
                .isInstanceOf(ServerRegistryException.class).hasMessageContaining("nope.yaml").hasMessageContaining("file not found");
    }

    @Test
    void theShippedExampleRegistryIsValid() {
        List<ServerConfig> servers = ServerRegistryLoader.load(Path.of("../examples/mcp_servers.yaml"));
        assertThat(servers).extracting(ServerConfig::name).containsExactly("postgres-mcp", "github-mcp", "docs-mcp");
        assertThat(servers.get(0).command()).isEqualTo("java");
        assertThat(servers.get(0).args()).endsWith("-jar", "demo-servers/target/warden-demo-servers.jar", "sql",
                "--db", "data/demo.db");
        assertThat(servers.get(0).metadata()).containsEntry("sensitivity_level", "high");
        assertThat(servers.get(2).enabled()).isFalse();
    }
}
