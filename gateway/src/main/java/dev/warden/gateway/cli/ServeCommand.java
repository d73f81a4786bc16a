package dev.warden.gateway.cli;

import dev.warden.gateway.Gateway;
import dev.warden.gateway.config.ConfigLoader;
import dev.warden.gateway.config.WardenConfig;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code warden serve [--config warden.yaml]}: starts the gateway and runs until SIGINT/SIGTERM, then shuts down
 * gracefully (in-flight requests finish, upstream servers are stopped, the audit store is closed).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the gateway (REST API, upstream MCP servers, policy, audit).")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws InterruptedException {
        WardenConfig settings = ConfigLoader.fromEnvironment().load(config.resolve());
        Gateway gateway = Gateway.builder(settings).start();
        // The logs are stopped (their queues written out) only after the gateway has stopped: with logback's own
        // shutdown hook, which runs beside this one, every line of a graceful stop was lost, the audit lines of the
        // calls that were finishing among them.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                gateway.close();
            } finally {
                if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logs) logs.stop();
            }
        }, "warden-shutdown"));
        gateway.awaitStop();
        return 0;
    }
}
