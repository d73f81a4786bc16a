package dev.warden.gateway.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the configured log level ({@code LOG_LEVEL}) to Warden's own loggers at startup. */
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
