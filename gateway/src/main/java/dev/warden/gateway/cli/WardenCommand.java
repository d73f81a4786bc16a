package dev.warden.gateway.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code warden} command line: {@code warden policy eval|test|conformance}, plus the server commands.
 *
 * <pre>{@code
 * int exit = WardenCommand.run("policy", "eval", "-d", "policies/", "data.mcp.gateway.allow");
 * }</pre>
 */
@Command(name = "warden", mixinStandardHelpOptions = true, version = "warden 0.1.0",
        description = "An MCP gateway that authenticates, authorizes with Rego, routes and audits tool calls.",
        subcommands = {PolicyCommand.class, ServeCommand.class, TokenCommand.class, ApiKeyCommand.class,
                UserCommand.class})
public final class WardenCommand implements Runnable {
    @Spec CommandSpec spec;

    /** Runs the command line with standard output and error; returns the exit status. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line writing to the given streams (for tests and embedding); returns the exit status. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new WardenCommand());
        cli.setOut(out);
        cli.setErr(err);
        // Bad input is reported as a message, never as a stack trace.
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + e.getMessage());
            return 1;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
