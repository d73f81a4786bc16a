package dev.warden.bench.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Command line of the load benchmark. {@code bench/load/run.sh} drives it; by hand:
 *
 * <pre>
 * java -jar warden-bench-load.jar upstream --port-file /tmp/up.port &amp;
 * java -jar warden-bench-load.jar run --direct http://127.0.0.1:$(cat /tmp/up.port)/mcp --clients 1,32
 * </pre>
 */
@Command(name = "warden-bench-load", mixinStandardHelpOptions = true,
        description = "Gateway load benchmark: a zero-latency MCP upstream called directly, through nginx and through Warden.",
        subcommands = {Main.Upstream.class, Main.FreePort.class, LoadCommand.class, DecisionCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: upstream, free-port, run or decisions");
    }

    /** Runs the zero-latency echo MCP server until the process is stopped. */
    @Command(name = "upstream", description = "Serve the zero-latency MCP echo server on 127.0.0.1 until killed.")
    static final class Upstream implements Callable<Integer> {
        @Option(names = "--port", description = "TCP port, 0 for a free one (default: ${DEFAULT-VALUE})")
        int port = 0;

        @Option(names = "--port-file", description = "write the bound port to this file once serving")
        Path portFile;

        @Override
        public Integer call() throws Exception {
            EchoUpstream upstream = EchoUpstream.start(port);
            Runtime.getRuntime().addShutdownHook(new Thread(upstream::close));
            if (portFile != null) {
                // Write then rename, so a reader polling for the file never sees it half-written.
                Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
                Files.writeString(tmp, Integer.toString(upstream.port()));
                Files.move(tmp, portFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            System.err.println("echo MCP upstream serving at " + upstream.endpoint());
            upstream.join();
            return 0;
        }
    }

    /** Prints a currently free loopback port (for nginx and Warden configs written by the script). */
    @Command(name = "free-port", description = "Print a TCP port that is free on 127.0.0.1 right now.")
    static final class FreePort implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                System.out.println(socket.getLocalPort());
            }
            return 0;
        }
    }
}
