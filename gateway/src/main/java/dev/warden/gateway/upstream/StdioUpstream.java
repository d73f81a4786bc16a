package dev.warden.gateway.upstream;

import dev.warden.gateway.config.ServerConfig;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.File;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

/**
 * An upstream that is a child process speaking MCP on its stdin/stdout. The child gets a minimal environment
 * ({@code PATH}, {@code HOME}, {@code LANG} and the registry's {@code env}), runs in the registry's {@code cwd}
 * (default: the gateway's), and its stderr lines go to the gateway log tagged with the server name. The command
 * {@code java} means the JVM running the gateway, so Java servers run on the same JDK.
 */
record StdioUpstream(ServerConfig config) implements Upstream {

    private static final Logger log = LoggerFactory.getLogger(StdioUpstream.class);
    private static final Logger stderrLog = LoggerFactory.getLogger("dev.warden.gateway.upstream.stderr");
    private static final List<String> INHERITED = List.of("PATH", "HOME", "LANG");

    @Override
    public Link open() {
        List<String> command = commandLine();
        Map<String, String> env = environment();
        ServerParameters params = ServerParameters.builder(command.get(0)).args(command.subList(1, command.size())).build();
        // ServerParameters always adds the SDK's own list of inherited variables; replace them with ours.
        params.getEnv().clear();
        params.getEnv().putAll(env);
        File cwd = config.cwd() == null ? null : new File(config.cwd());
        // Log the launch with the names of the configured variables, never their values (they may be secrets).
        log.info("starting upstream '{}': {} (cwd {}, env {})", config.name(), String.join(" ", command),
                cwd == null ? Path.of("").toAbsolutePath() : cwd.getAbsoluteFile(), config.env().keySet());
        if (cwd != null && !cwd.isDirectory()) {
            throw new IllegalStateException("cwd '" + config.cwd() + "' is not a directory (" + cwd.getAbsolutePath() + ")");
        }
        requireExecutable(command.get(0), cwd, env.get("PATH"));
        ChildTransport transport = new ChildTransport(params, cwd);
        StderrTail tail = new StderrTail();
        transport.setStdErrorHandler(line -> {
            tail.add(line);
            stderrLog.info("[{}] {}", config.name(), line);
        });
        return new ChildLink(config.name(), transport, tail,
                new java.util.concurrent.atomic.AtomicReference<>(java.util.List.of()));
    }

    /** Fails fast and clearly when the program does not exist, instead of waiting for an answer that never comes. */
    private static void requireExecutable(String program, File cwd, String path) {
        if (program.contains(File.separator)) {
            File file = new File(program);
            File resolved = file.isAbsolute() || cwd == null ? file : new File(cwd, program);
            if (!resolved.canExecute()) {
                throw new IllegalStateException("command '" + program + "' is not an executable file ("
                        + resolved.getAbsolutePath() + ")");
            }
            return;
        }
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            if (!dir.isEmpty() && new File(dir, program).canExecute()) {
                return;
            }
        }
        throw new IllegalStateException("command '" + program + "' not found on PATH");
    }

    /** The configured command line, with {@code java} resolved to the running JVM's launcher. */
    List<String> commandLine() {
        List<String> line = new ArrayList<>();
        line.add("java".equals(config.command()) ? currentJava() : config.command());
        line.addAll(config.args());
        return line;
    }

    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : INHERITED) {
            String value = System.getenv(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        env.putAll(config.env());
        return env;
    }

    private static String currentJava() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** The SDK's stdio transport, started from an empty environment in the configured directory. */
    static final class ChildTransport extends StdioClientTransport {

        private final File cwd;

        ChildTransport(ServerParameters params, File cwd) {
            super(params, McpJsonDefaults.getMapper());
            this.cwd = cwd;
        }

        @Override
        protected ProcessBuilder getProcessBuilder() {
            ProcessBuilder builder = new ProcessBuilder();
            // The SDK adds its parameters' environment to this builder: start from nothing, not the gateway's.
            builder.environment().clear();
            if (cwd != null) {
                builder.directory(cwd);
            }
            return builder;
        }

        /**
         * A write to a child that has died fails the SDK's outbound stream, which it subscribes without an error
         * handler, so Reactor logs the drop as an ERROR with a stack trace. The death is already reported (the
         * child's exit), so end the stream quietly instead; the SDK then closes the transport as on completion.
         */
        @Override
        protected void handleOutbound(Function<Flux<McpSchema.JSONRPCMessage>, Flux<McpSchema.JSONRPCMessage>> consumer) {
            super.handleOutbound(consumer.andThen(messages -> messages.onErrorResume(e -> {
                log.debug("writing to a child process failed (it has exited): {}", e.toString());
                return Flux.empty();
            })));
        }

        /**
         * The child process, once started. The SDK keeps it private and offers only a blocking wait, but
         * supervision needs its exit as an event and a forcible kill when SIGTERM is ignored, so it is read here.
         */
        Process process() {
            try {
                Field field = StdioClientTransport.class.getDeclaredField("process");
                field.setAccessible(true);
                return (Process) field.get(this);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("cannot supervise the child process (unexpected MCP SDK version): " + e, e);
            }
        }
    }

    /** The last few stderr lines of a child, quoted when it dies so the status says why. */
    static final class StderrTail {
        private static final int LINES = 5;
        private final java.util.ArrayDeque<String> lines = new java.util.ArrayDeque<>();

        synchronized void add(String line) {
            if (lines.size() == LINES) {
                lines.removeFirst();
            }
            lines.addLast(line);
        }

        private long deadSeenAt;

        /**
         * Whether the child's death has been known long enough for its last stderr lines, read on another thread,
         * to have arrived.
         */
        synchronized boolean settledAfterExit() {
            long now = System.nanoTime();
            if (deadSeenAt == 0) {
                deadSeenAt = now;
            }
            return now - deadSeenAt >= 200_000_000L;
        }

        synchronized String last() {
            return lines.isEmpty() ? "" : " (stderr: " + String.join(" | ", lines) + ")";
        }
    }

    /** A started child: its exit is the loss signal, and it can be killed if it ignores SIGTERM. */
    /** @param family the child's descendants when its stop began, while it still had them (see {@link #stopped}) */
    record ChildLink(String server, ChildTransport child, StderrTail stderr,
                     java.util.concurrent.atomic.AtomicReference<java.util.List<ProcessHandle>> family)
            implements Link {

        @Override
        public McpClientTransport transport() {
            return child;
        }

        @Override
        public void watch(Consumer<String> lost) {
            Process process = child.process();
            process.onExit().thenAccept(p -> lost.accept(exited(p)));
        }

        @Override
        public String failure() {
            Process process = processOrNull();
            return process == null || process.isAlive() || !stderr.settledAfterExit() ? null : exited(process);
        }

        private String exited(Process p) {
            return "process " + p.pid() + " exited with code " + p.exitValue() + stderr.last();
        }

        @Override
        public String describe() {
            Process process = processOrNull();
            return process == null ? "stdio (not started)" : "stdio pid " + process.pid();
        }

        @Override
        public void closeInput(java.time.Duration wait) {
            Process process = processOrNull();
            if (process == null || !process.isAlive()) {
                return;
            }
            family.set(process.descendants().toList()); // once the child exits, its orphans are nobody's descendants
            try {
                process.getOutputStream().close();
            } catch (java.io.IOException e) {
                return; // already closed: the SDK's close sends SIGTERM next
            }
            Durations.awaitQuietly(process.onExit(), wait);
        }

        @Override
        public void forceStop() {
            Process process = processOrNull();
            if (process != null && process.isAlive()) {
                log.warn("upstream '{}': pid {} ignored SIGTERM, killing it", server, process.pid());
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }

        @Override
        public void stopped() {
            for (ProcessHandle p : family.get()) { // a handle checks the process's start time: a reused pid is safe
                if (p.isAlive()) {
                    log.info("upstream '{}': stopping pid {}, which its server left running", server, p.pid());
                    p.destroy();
                }
            }
            for (ProcessHandle p : family.get()) {
                if (!Durations.awaitQuietly(p.onExit(), java.time.Duration.ofSeconds(2))) p.destroyForcibly();
            }
        }

        private Process processOrNull() {
            try {
                return child.process();
            } catch (IllegalStateException e) {
                return null;
            }
        }
    }
}
