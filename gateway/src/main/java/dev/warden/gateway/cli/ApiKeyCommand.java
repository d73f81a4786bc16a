package dev.warden.gateway.cli;

import dev.warden.gateway.config.ConfigLoader;
import dev.warden.gateway.config.WardenConfig;
import dev.warden.gateway.sark.ApiKeys;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code warden apikey create --name edge-gateway | list | revoke <id or name>}: the gateway API keys that other
 * gateways send to Warden's SARK API. The database ({@code sark_api.api_keys_db}) keeps only SHA-256 hashes; a
 * key is printed once, when created.
 */
@Command(name = "apikey", mixinStandardHelpOptions = true,
        description = "Create, list and revoke gateway API keys (sark_gw_...) for the SARK API.",
        subcommands = {ApiKeyCommand.Create.class, ApiKeyCommand.ListKeys.class, ApiKeyCommand.Revoke.class})
final class ApiKeyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

    static ApiKeys keys(ConfigOption config) {
        WardenConfig settings = ConfigLoader.fromEnvironment().load(config.resolve());
        return new ApiKeys(settings.authz().apiKeysDb(), Clock.systemUTC());
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a key and print it (once).")
    static final class Create implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ConfigOption config;

        @Option(names = "--name", required = true, description = "who the key is for, e.g. edge-gateway")
        String name;

        @Override
        public Integer call() {
            ApiKeys.Created created = keys(config).create(CliText.name("--name", name));
            PrintWriter out = spec.commandLine().getOut();
            out.println(created.key());
            spec.commandLine().getErr().println("created " + created.id() + " (" + created.name()
                    + "); the key is shown only now, store it safely");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys (never their secrets).")
    static final class ListKeys implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ConfigOption config;

        @Override
        public Integer call() {
            List<ApiKeys.Key> all = keys(config).list();
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-14s %-24s %-28s %s%n", "ID", "NAME", "CREATED", "STATUS");
            for (ApiKeys.Key k : all) {
                out.printf("%-14s %-24s %-28s %s%n", k.id(), k.name(), k.createdAt(),
                        k.active() ? "active" : "revoked " + k.revokedAt());
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key by id or name.")
    static final class Revoke implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ConfigOption config;

        @Parameters(paramLabel = "ID", description = "the key's id (from list) or name")
        String id;

        @Override
        public Integer call() {
            if (!keys(config).revoke(id)) {
                spec.commandLine().getErr().println("error: no active API key with id or name '" + id + "'");
                return 1;
            }
            spec.commandLine().getOut().println("revoked " + id);
            return 0;
        }
    }
}
