package dev.warden.gateway.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * A stdio MCP server that prints something other than JSON-RPC on stdout (a banner, a progress line: servers must
 * log to stderr) makes the MCP SDK log an ERROR with a stack trace for every such line. This filter turns each into
 * one WARN line of Warden's that quotes the start of the line, and drops the SDK's. Registered in
 * {@code logback.xml}.
 */
public final class StdioNoiseFilter extends TurboFilter {
    /** The SDK's stdio client transport, which reads the servers' stdout. */
    static final String SDK_STDIO = "io.modelcontextprotocol.client.transport.StdioClientTransport";
    private static final String SDK_MESSAGE = "Error processing inbound message";
    private static final int QUOTED = 200;
    private static final org.slf4j.Logger log = LoggerFactory.getLogger("dev.warden.gateway.upstream.StdioUpstream");

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        if (format == null || !format.startsWith(SDK_MESSAGE) || !logger.getName().equals(SDK_STDIO)) {
            return FilterReply.NEUTRAL;
        }
        String line = params != null && params.length > 0 ? String.valueOf(params[0]) : "";
        log.warn("a stdio MCP server wrote a line to stdout that is not a JSON-RPC message (ignored; servers must "
                + "write logs to stderr): {}", quote(line));
        return FilterReply.DENY;
    }

    private static String quote(String line) {
        String shown = line.length() > QUOTED ? line.substring(0, QUOTED) + "…" : line;
        StringBuilder out = new StringBuilder(shown.length() + 2).append('\'');
        shown.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) out.append(String.format("\\u%04x", c));
            else out.appendCodePoint(c);
        });
        return out.append('\'').toString();
    }
}
