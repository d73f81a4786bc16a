package dev.warden.gateway.upstream;

import static dev.warden.gateway.upstream.Registry.args;
import static dev.warden.gateway.upstream.Registry.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.gateway.config.ServerConfig;
import dev.warden.gateway.upstream.Upstreams.ToolCallOutcome;
import dev.warden.gateway.upstream.Upstreams.ToolInfo;
import dev.warden.gateway.upstream.Upstreams.UpstreamStatus.State;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StdioUpstreamTest {

    @TempDir
    Path dir;

    private static long pid(Upstreams upstreams, String server) {
        Matcher m = Pattern.compile("pid (\\d+)").matcher(upstreams.status(server).detail());
        assertThat(m.find()).as("status names the child's pid: %s", upstreams.status(server)).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void talksToTheDemoSqlServerAsAChildProcess() {
        try (McpUpstreams upstreams = new McpUpstreams(List.of(Registry.demoSql("postgres-mcp", dir.resolve("demo.db"))),
                Registry.fastOptions()).start()) {
            assertThat(upstreams.awaitFirstAttempts(Duration.ofSeconds(30))).isTrue();
            assertThat(upstreams.status("postgres-mcp").state()).isEqualTo(State.CONNECTED);
            assertThat(upstreams.tools("postgres-mcp")).extracting(ToolInfo::name).containsExactly("execute_query", "list_tables");
            assertThat(upstreams.tools("postgres-mcp").get(0).inputSchema().get("required").toString()).isEqualTo("[\"query\"]");

            ToolCallOutcome out = upstreams.callTool("postgres-mcp", "execute_query",
                    args("query", "SELECT username FROM users WHERE role = 'admin'"), Duration.ofSeconds(10));
            assertThat(out.isError()).isFalse();
            assertThat(out.structuredContent().get("rows").get(0).get("username").asString()).isEqualTo("carol");
            assertThat(out.content().get(0).get("type").asString()).isEqualTo("text");

            ToolCallOutcome bad = upstreams.callTool("postgres-mcp", "execute_query", args("query", "DROP TABLE nope"),
                    Duration.ofSeconds(10));
            assertThat(bad.isError()).isTrue();
            assertThat(bad.content().get(0).get("text").asString()).contains("no such table: nope");
        }
    }

    @Test
    void aKilledChildIsUnavailableThenRestarted() {
        try (McpUpstreams upstreams = new McpUpstreams(List.of(Registry.demoSql("sql", dir.resolve("demo.db"))),
                Registry.fastOptions()).start()) {
            assertThat(upstreams.awaitFirstAttempts(Duration.ofSeconds(30))).isTrue();
            long first = pid(upstreams, "sql");
            ProcessHandle.of(first).orElseThrow().destroyForcibly();

            eventually(Duration.ofSeconds(10), "the exit is noticed", () -> upstreams.status("sql").state() != State.CONNECTED);
            assertThatThrownBy(() -> upstreams.callTool("sql", "list_tables", args(), Duration.ofSeconds(5)))
                    .isInstanceOf(UpstreamException.Unavailable.class)
                    .hasMessageStartingWith("upstream 'sql' is down: ")
                    .satisfies(e -> assertThat(((UpstreamException) e).server()).isEqualTo("sql"));
            assertThat(upstreams.status("sql").state()).isEqualTo(State.DOWN);
            assertThat(upstreams.status("sql").detail()).contains("process " + first + " exited with code 137");

            eventually(Duration.ofSeconds(30), "the server is restarted", () -> upstreams.status("sql").state() == State.CONNECTED);
            assertThat(pid(upstreams, "sql")).isNotEqualTo(first);
            assertThat(upstreams.callTool("sql", "list_tables", args(), Duration.ofSeconds(10)).isError()).isFalse();
        }
    }

    @Test
    void aCallInFlightWhenTheChildDiesFailsAsUnavailableAtOnce() throws Exception {
        try (McpUpstreams upstreams = new McpUpstreams(List.of(Registry.demoSql("sql", dir.resolve("demo.db"))),
                Registry.fastOptions()).start()) {
            assertThat(upstreams.awaitFirstAttempts(Duration.ofSeconds(30))).isTrue();
            String slowQuery = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 500000000) "
                    + "SELECT count(*) FROM c";
            var call = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> upstreams.callTool("sql", "execute_query", args("query", slowQuery), Duration.ofSeconds(60)));
            Thread.sleep(500);
            ProcessHandle.of(pid(upstreams, "sql")).orElseThrow().destroyForcibly();
            assertThatThrownBy(() -> call.get(10, java.util.concurrent.TimeUnit.SECONDS))
                    .cause().isInstanceOf(UpstreamException.Unavailable.class)
                    .hasMessageContaining("upstream 'sql' failed during tools/call 'execute_query'")
                    .hasMessageContaining("exited with code 137");
        }
    }

    @Test
    void aCallMadeJustAsTheChildDiesFailsAsUnavailableAtOnceNotAtItsTimeout() throws Exception {
        try (McpUpstreams upstreams = new McpUpstreams(List.of(Registry.demoSql("sql", dir.resolve("demo.db"))),
                Registry.fastOptions()).start()) {
            assertThat(upstreams.awaitFirstAttempts(Duration.ofSeconds(30))).isTrue();
            ProcessHandle.of(pid(upstreams, "sql")).orElseThrow().destroyForcibly();
            // Sent at once: to the dead child's session, or refused as down; either way answered within seconds.
            var call = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> upstreams.callTool("sql", "list_tables", args(), Duration.ofSeconds(60)));
            assertThatThrownBy(() -> call.get(10, java.util.concurrent.TimeUnit.SECONDS))
                    .cause().isInstanceOf(UpstreamException.Unavailable.class)
                    .hasMessageContaining("upstream 'sql'");
        }
    }

    @Test
    void aServerThatPrintsOtherThanJsonOnStdoutGetsOneWarningPerLineAndNoStackTrace() {
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
                new ch.qos.logback.core.read.ListAppender<>();
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        logs.start();
        root.addAppender(logs);
        ServerConfig noisy = Registry.stdio("noisy", "sh", List.of("-c", "echo 'Starting server v1.2...'; sleep 30"),
                Map.of());
        try (McpUpstreams upstreams = new McpUpstreams(List.of(noisy), Registry.fastOptions()).start()) {
            eventually(Duration.ofSeconds(10), "the line is reported", () -> logs.list.stream()
                    .anyMatch(e -> e.getFormattedMessage().contains("'Starting server v1.2...'")));
            assertThat(logs.list).filteredOn(e -> e.getFormattedMessage().contains("Starting server"))
                    .allSatisfy(e -> {
                        assertThat(e.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
                        assertThat(e.getLoggerName()).startsWith("dev.warden");
                        assertThat(e.getThrowableProxy()).isNull();
                    });
        } finally {
            root.detachAppender(logs);
        }
    }

    @Test
    void closeStopsTheChild() {
        McpUpstreams upstreams = new McpUpstreams(List.of(Registry.demoSql("sql", dir.resolve("demo.db"))),
                Registry.fastOptions()).start();
        assertThat(upstreams.awaitFirstAttempts(Duration.ofSeconds(30))).isTrue();
        ProcessHandle child = ProcessHandle.of(pid(upstreams, "sql")).orElseThrow();
        upstreams.close();
        assertThat(child.isAlive()).isFalse();
    }

    @Test
    void aChildThatDiesAtOnceIsDownWithItsExitCodeAndStderr() {
        ServerConfig broken = Registry.stdio("broken", "sh", List.of("-c", "sleep 0.3; echo 'cannot open database' >&2; exit 3"), Map.of());
        try (McpUpstreams upstreams = new McpUpstreams(List.of(broken), Registry.fastOptions()).start()) {
            upstreams.awaitFirstAttempts(Duration.ofSeconds(10));
            assertThat(upstreams.status("broken").state()).isEqualTo(State.DOWN);
            assertThat(upstreams.status("broken").detail()).startsWith("connect failed: process ")
                    .contains("exited with code 3 (stderr: cannot open database) before answering initialize; retrying in");
            assertThatThrownBy(() -> upstreams.tools("broken")).isInstanceOf(UpstreamException.Unavailable.class);
        }
    }

    @Test
    void aMissingCommandIsNamed() {
        ServerConfig missing = Registry.stdio("ghost", "warden-no-such-command", List.of(), Map.of());
        try (McpUpstreams upstreams = new McpUpstreams(List.of(missing), Registry.fastOptions()).start()) {
            upstreams.awaitFirstAttempts(Duration.ofSeconds(5));
            assertThat(upstreams.status("ghost").state()).isEqualTo(State.DOWN);
            assertThat(upstreams.status("ghost").detail()).contains("command 'warden-no-such-command' not found on PATH");
        }
    }

    @Test
    void aMissingWorkingDirectoryIsNamed() {
        ServerConfig c = Registry.stdio("lost", "sh", List.of("-c", "cat"), Map.of());
        ServerConfig elsewhere = new ServerConfig(c.name(), c.transport(), c.command(), c.args(), c.env(),
                dir.resolve("no-such-dir").toString(), null, Map.of(), "", true, Map.of(), c.timeout());
        try (McpUpstreams upstreams = new McpUpstreams(List.of(elsewhere), Registry.fastOptions()).start()) {
            upstreams.awaitFirstAttempts(Duration.ofSeconds(5));
            assertThat(upstreams.status("lost").detail()).contains("no-such-dir' is not a directory");
        }
    }

    @Test
    void aChildIgnoringSigtermIsKilledAfterTheGracePeriod() {
        // Never answers initialize and ignores SIGTERM: the connect attempt times out and the child must not linger.
        ServerConfig stubborn = Registry.stdio("stubborn", "sh", List.of("-c", "trap '' TERM; while true; do sleep 1; done"), Map.of());
        var options = oneSecondToInitialize();
        try (McpUpstreams upstreams = new McpUpstreams(List.of(stubborn), options).start()) {
            upstreams.awaitFirstAttempts(Duration.ofSeconds(10));
            assertThat(upstreams.status("stubborn").detail()).contains("no answer to initialize within 1s");
            eventually(Duration.ofSeconds(5), "the child is gone", () -> ProcessHandle.current().children()
                    .noneMatch(p -> p.info().commandLine().orElse("").contains("trap")));
        }
    }

    @Test
    void whatAStoppedChildLeftRunningIsStoppedWithIt() {
        // A wrapper that starts a helper and then becomes something that never answers initialize: the connect
        // attempt times out, the wrapper is stopped, and its helper (an orphan once the wrapper is gone) too.
        ServerConfig wrapper = Registry.stdio("wrapper", "sh", List.of("-c", "sleep 301 & exec sleep 302"), Map.of());
        var options = oneSecondToInitialize();
        java.util.List<ProcessHandle> started = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (McpUpstreams upstreams = new McpUpstreams(List.of(wrapper), options).start()) {
            eventually(Duration.ofSeconds(5), "the helper runs", () -> {
                ProcessHandle.current().descendants().filter(p -> p.info().commandLine().orElse("").contains("sleep 301"))
                        .forEach(started::add);
                return !started.isEmpty();
            });
            upstreams.awaitFirstAttempts(Duration.ofSeconds(10));
            assertThat(upstreams.status("wrapper").detail()).contains("no answer to initialize within 1s");
        }
        eventually(Duration.ofSeconds(5), "the helper is gone", () -> started.stream().noneMatch(ProcessHandle::isAlive));
    }

    /** A connect attempt gets 1 s to initialize (and 1 s to stop); no retry within a test. */
    private static McpUpstreams.Options oneSecondToInitialize() {
        return new McpUpstreams.Options(java.time.Clock.systemUTC(), Duration.ofSeconds(1),
                new Backoff(Duration.ofSeconds(30), Duration.ofSeconds(30)), Duration.ofMinutes(1), Duration.ofSeconds(1),
                Duration.ofMillis(500), CallBreaker.Settings.defaults());
    }

    @Test
    void childrenGetAMinimalEnvironmentAndJavaMeansThisJvm() {
        StdioUpstream upstream = new StdioUpstream(Registry.stdio("env", "java", List.of("-version"), Map.of("DB_URL", "x")));
        assertThat(upstream.environment().keySet()).containsAnyOf("PATH").contains("DB_URL")
                .allMatch(k -> List.of("PATH", "HOME", "LANG", "DB_URL").contains(k));
        assertThat(upstream.commandLine().get(0)).isEqualTo(ProcessHandle.current().info().command().orElseThrow());
        assertThat(upstream.commandLine()).endsWith("-version");
    }
}
