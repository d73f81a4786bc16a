package dev.warden.gateway.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the configured log level ({@code LOG_LEVEL}) at startup: to Warden's own loggers as given, and to the
 * libraries only when it is WARN or quieter (so that DEBUG shows Warden's detail without Jetty's flood).
 */
public final class Logging {
    private Logging() {}

    public static void setLevel(String level) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
            ctx.getLogger("dev.warden").setLevel(Level.toLevel(level, Level.INFO));
            ctx.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(
                    Level.toLevel(level, Level.INFO).isGreaterOrEqual(Level.WARN) ? Level.toLevel(level) : Level.INFO);
        }
    }
}
