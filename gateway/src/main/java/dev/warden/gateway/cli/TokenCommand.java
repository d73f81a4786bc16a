package dev.warden.gateway.cli;

import dev.warden.gateway.auth.Principal;
import dev.warden.gateway.auth.TokenMinter;
import dev.warden.gateway.config.ConfigLoader;
import dev.warden.gateway.config.DurationText;
import dev.warden.gateway.config.WardenConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code warden token --sub alice --email alice@example.com --roles developer [--teams eng] [--ttl 1h]}: prints a
 * token signed with the configured HS secret, for development and tests. Reads the same configuration as
 * {@code serve}, so the gateway accepts what this prints.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Mint a development JWT signed with the configured HS secret.")
final class TokenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--sub", required = true, description = "subject (user id)")
    String subject;

    @Option(names = "--email", description = "email claim")
    String email;

    @Option(names = "--roles", split = ",", paramLabel = "ROLE", description = "roles, comma-separated")
    List<String> roles = List.of();

    @Option(names = "--teams", split = ",", paramLabel = "TEAM", description = "teams, comma-separated")
    List<String> teams = List.of();

    @Option(names = "--ttl", defaultValue = "1h", converter = Ttl.class,
            description = "lifetime such as 15m, 1h, 24h (default: ${DEFAULT-VALUE})")
    Duration ttl;

    @Override
    public Integer call() {
        WardenConfig settings = ConfigLoader.fromEnvironment().load(config.resolve());
        String token = new TokenMinter(settings.jwt(), Clock.systemUTC())
                .mint(new Principal(CliText.name("--sub", subject), CliText.name("--email", email),
                        CliText.names("--roles", roles), CliText.names("--teams", teams)), ttl);
        spec.commandLine().getOut().println(token);
        return 0;
    }

    static final class Ttl implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            Duration d = DurationText.parse(text);
            if (d == null || d.isZero()) {
                throw new TypeConversionException("'" + text + "' is not a lifetime like 15m, 1h or 24h "
                        + "(at most 365 days)");
            }
            return d;
        }
    }
}
