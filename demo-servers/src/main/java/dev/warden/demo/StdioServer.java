package dev.warden.demo;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs an MCP server over this process's stdin/stdout until the client closes stdin. */
final class StdioServer {

    private static final Logger log = LoggerFactory.getLogger(StdioServer.class);

    private StdioServer() {}

    static void run(String name, List<SyncToolSpecification> tools) throws InterruptedException {
        // stdout is the protocol: keep the real stream for the transport and send stray prints to stderr.
        PrintStream protocolOut = System.out;
        System.setOut(System.err);
        CountDownLatch stdinClosed = new CountDownLatch(1);
        var transport = new StdioServerTransportProvider(McpJsonDefaults.getMapper(),
                new EofSignal(System.in, stdinClosed), protocolOut);
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo(name, "0.1.0")
                .capabilities(ServerCapabilities.builder().tools(false).build())
                .tools(tools)
                .build();
        log.info("{} ready on stdio with tools {}", name, tools.stream().map(t -> t.tool().name()).toList());
        // The transport reads stdin on a non-daemon thread and never ends the JVM itself: stop on end of input.
        stdinClosed.await();
        log.info("{}: stdin closed, shutting down", name);
        server.closeGracefully();
    }

    /** Counts down a latch when the wrapped stream reaches end of input. */
    private static final class EofSignal extends FilterInputStream {
        private final CountDownLatch latch;

        EofSignal(InputStream in, CountDownLatch latch) {
            super(in);
            this.latch = latch;
        }

        @Override
        public int read() throws IOException {
            return signal(super.read());
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return signal(super.read(b, off, len));
        }

        private int signal(int n) {
            if (n < 0) {
                latch.countDown();
            }
            return n;
        }
    }
}
