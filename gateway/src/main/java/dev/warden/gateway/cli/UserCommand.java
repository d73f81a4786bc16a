package dev.warden.gateway.cli;

import dev.warden.gateway.config.ConfigLoader;
import dev.warden.gateway.config.WardenConfig;
import dev.warden.gateway.sark.PasswordHasher;
import dev.warden.gateway.sark.UsersFile;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code warden user add --email alice@example.com --roles developer [--teams eng] [--id alice]}: adds (or
 * replaces) a login user in {@code sark_api.users_file}. The password is read from the terminal without echo, or
 * with {@code --password-stdin} from the first line of standard input (for scripts); it is stored only as an
 * Argon2id hash and never printed or logged.
 */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = "Manage the login users of POST /api/v1/auth/login.", subcommands = UserCommand.Add.class)
final class UserCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add or replace a user (password from the "
            + "terminal, or from standard input with --password-stdin).")
    static final class Add implements Callable<Integer> {
        static final int MIN_LENGTH = 12;

        @Spec CommandSpec spec;
        @Mixin ConfigOption config;

        @Option(names = "--email", required = true, description = "the login name")
        String email;

        @Option(names = "--id", description = "user id (token subject); default: the email")
        String id;

        @Option(names = "--roles", split = ",", paramLabel = "ROLE", description = "roles, comma-separated")
        List<String> roles = List.of();

        @Option(names = "--teams", split = ",", paramLabel = "TEAM", description = "teams, comma-separated")
        List<String> teams = List.of();

        @Option(names = "--password-stdin", description = "read the password from the first line of standard input")
        boolean passwordStdin;

        @Override
        public Integer call() throws IOException {
            email = CliText.name("--email", email);
            if (!email.contains("@")) throw new IllegalArgumentException("--email must be an email address, got '" + email + "'");
            WardenConfig settings = ConfigLoader.fromEnvironment().load(config.resolve());
            char[] password = readPassword(passwordStdin);
            if (password == null || password.length < MIN_LENGTH) {
                throw new IllegalArgumentException("the password must have at least " + MIN_LENGTH + " characters");
            }
            String hash = PasswordHasher.hash(password);
            Arrays.fill(password, '\0');
            UsersFile users = new UsersFile(settings.authz().usersFile());
            users.add(new UsersFile.User(id == null ? email : CliText.name("--id", id), email, hash,
                    CliText.names("--roles", roles), CliText.names("--teams", teams)));
            spec.commandLine().getOut().println("added " + email + " to " + users.file());
            return 0;
        }

        private static char[] readPassword(boolean fromStdin) throws IOException {
            Console console = System.console();
            if (!fromStdin) {
                if (console == null) {
                    throw new IllegalArgumentException("no terminal to read the password from; pipe it in with "
                            + "--password-stdin");
                }
                char[] first = console.readPassword("password: ");
                char[] again = console.readPassword("again: ");
                if (!Arrays.equals(first, again)) throw new IllegalArgumentException("the passwords differ");
                return first;
            }
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return line == null ? null : line.toCharArray();
        }
    }
}
