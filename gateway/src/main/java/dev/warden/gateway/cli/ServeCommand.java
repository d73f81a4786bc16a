package dev.warden.gateway.cli;

import dev.warden.gateway.Gateway;
import dev.warden.gateway.config.ConfigLoader;
import dev.warden.gateway.config.WardenConfig;
import java.util.concurrent.Callable;
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
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "warden-shutdown"));
        gateway.awaitStop();
        return 0;
    }
}
