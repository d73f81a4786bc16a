package dev.warden.gateway.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code .env} file: {@code KEY=VALUE} lines, {@code #} comments, optional {@code export } prefix, values
 * optionally in single or double quotes. No interpolation: a value is taken literally.
 *
 * <pre>{@code
 * Map<String, String> vars = DotEnv.read(Path.of(".env")); // empty when the file does not exist
 * }</pre>
 */
public final class DotEnv {
    private DotEnv() {}

    public static Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) return Map.of();
        try {
            return parse(Files.readAllLines(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static Map<String, String> parse(List<String> lines, String name) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (line.startsWith("export ")) line = line.substring("export ".length()).strip();
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException(name + " line " + (i + 1) + ": expected KEY=VALUE");
            }
            vars.put(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip()));
        }
        return vars;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        int comment = v.indexOf(" #"); // an unquoted value ends at an inline comment
        return comment >= 0 ? v.substring(0, comment).strip() : v;
    }
}
