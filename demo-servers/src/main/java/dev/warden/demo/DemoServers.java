package dev.warden.demo;

import dev.warden.demo.code.CodeServer;
import dev.warden.demo.sql.SqlServer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code warden-demo-servers.jar}: starts one demo MCP server on stdin/stdout.
 *
 * <pre>
 * java -jar demo-servers/target/warden-demo-servers.jar sql  --db data/demo.db
 * java -jar demo-servers/target/warden-demo-servers.jar code --data data/code-demo
 * </pre>
 *
 * Stdout carries only the MCP protocol; every log line goes to stderr.
 */
public final class DemoServers {

    static final String USAGE = """
            usage: warden-demo-servers <server> [options]
              sql  [--db PATH]    SQL over an embedded SQLite database (default data/demo.db)
              code [--data DIR]   code hosting over a local data set (default data/code-demo)""";

    private DemoServers() {}

    public static void main(String[] argv) throws Exception {
        Options options;
        try {
            options = Options.parse(List.of(argv));
        } catch (IllegalArgumentException e) {
            System.err.println("warden-demo-servers: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        switch (options.server()) {
            case "sql" -> StdioServer.run("warden-demo-sql", SqlServer.tools(Path.of(options.path("--db", "data/demo.db"))));
            case "code" -> StdioServer.run("warden-demo-code", CodeServer.tools(Path.of(options.path("--data", "data/code-demo"))));
            default -> throw new IllegalStateException("unreachable: " + options.server());
        }
        System.exit(0);
    }

    /** Parsed command line: the server to run and its one path option. */
    record Options(String server, String option, String value) {

        static Options parse(List<String> args) {
            if (args.isEmpty()) {
                throw new IllegalArgumentException("missing server name (sql or code)");
            }
            String server = args.get(0);
            String expected = switch (server) {
                case "sql" -> "--db";
                case "code" -> "--data";
                default -> throw new IllegalArgumentException("unknown server '" + server + "' (expected sql or code)");
            };
            List<String> rest = args.subList(1, args.size());
            if (rest.isEmpty()) {
                return new Options(server, expected, null);
            }
            if (rest.size() != 2 || !rest.get(0).equals(expected)) {
                throw new IllegalArgumentException("server '" + server + "' takes only " + expected + " PATH, got "
                        + Arrays.toString(rest.toArray()));
            }
            return new Options(server, expected, rest.get(1));
        }

        String path(String name, String fallback) {
            return name.equals(option) && value != null ? value : fallback;
        }
    }
}
