package dev.warden.gateway.config;

import dev.warden.gateway.config.ServerConfig.Transport;
import dev.warden.gateway.util.JacksonErrors;
import dev.warden.gateway.util.StrictYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the upstream server registry ({@code mcp_servers.yaml}) into {@link ServerConfig}s, checking every entry
 * and reporting all problems at once, each naming the server and the field.
 *
 * <p>Two shapes are accepted: a map keyed by server name (Warden's form) and the tutorial's list of entries with
 * a {@code name} field. Values of {@code env} and {@code headers} may reference the gateway's environment as
 * {@code ${NAME}}, so that secrets stay out of the file.
 *
 * <pre>{@code
 * List<ServerConfig> servers = ServerRegistryLoader.load(Path.of("examples/mcp_servers.yaml"));
 * }</pre>
 */
public final class ServerRegistryLoader {

    /** Used when an entry sets no {@code timeout}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final Set<String> FIELDS = Set.of("name", "transport", "command", "args", "env", "cwd", "url",
            "headers", "description", "enabled", "metadata", "timeout");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");
    private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final String source;
    private final UnaryOperator<String> environment;
    private final List<String> problems = new ArrayList<>();

    private ServerRegistryLoader(String source, UnaryOperator<String> environment) {
        this.source = source;
        this.environment = environment;
    }

    /** Loads a registry file, resolving {@code ${NAME}} references from the process environment. */
    public static List<ServerConfig> load(Path file) {
        return load(file, System::getenv);
    }

    /** Loads a registry file, resolving {@code ${NAME}} references with {@code environment}. */
    public static List<ServerConfig> load(Path file, UnaryOperator<String> environment) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ServerRegistryException(file.toString(),
                    List.of("file not found (set MCP_SERVERS_CONFIG or servers.config to the registry file)"));
        } catch (IOException e) {
            throw new ServerRegistryException(file.toString(), List.of("cannot read file: " + e.getMessage()));
        }
        return parse(text, file.toString(), environment);
    }

    /** Parses registry text; {@code source} names it in error messages. */
    public static List<ServerConfig> parse(String yaml, String source, UnaryOperator<String> environment) {
        return new ServerRegistryLoader(source, environment).parse(yaml);
    }

    private List<ServerConfig> parse(String yaml) {
        JsonNode root;
        try {
            root = StrictYaml.MAPPER.readTree(yaml);
        } catch (JacksonException e) {
            throw new ServerRegistryException(source, List.of("not valid YAML: " + JacksonErrors.describe(e)));
        }
        JsonNode servers = root == null || root.isMissingNode() || root.isNull() ? null : root.get("servers");
        if (servers == null || servers.isNull()) {
            throw new ServerRegistryException(source, List.of("missing top-level 'servers' (a map of server name to entry)"));
        }
        List<ServerConfig> result = new ArrayList<>();
        if (servers.isObject()) {
            for (Map.Entry<String, JsonNode> e : servers.properties()) {
                entry(e.getKey(), e.getValue(), result);
            }
        } else if (servers.isArray()) {
            int index = 0;
            for (JsonNode item : servers) {
                JsonNode name = item.get("name");
                String label = name != null && name.isString() ? name.stringValue() : null;
                if (label == null) {
                    problems.add("servers[" + index + "]: field 'name': required in the list form");
                } else {
                    entry(label, item, result);
                }
                index++;
            }
        } else {
            problems.add("'servers' must be a map of server name to entry (or a list of entries with 'name')");
        }
        if (!problems.isEmpty()) {
            throw new ServerRegistryException(source, problems);
        }
        return List.copyOf(result);
    }

    private void entry(String name, JsonNode node, List<ServerConfig> out) {
        String where = "server '" + name + "'";
        if (!NAME.matcher(name).matches()) {
            problems.add(where + ": field 'name': must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (out.stream().anyMatch(s -> s.name().equals(name))) {
            problems.add(where + ": field 'name': duplicate server name");
            return;
        }
        if (node == null || !node.isObject()) {
            problems.add(where + ": must be a map of fields (transport, command or url, ...)");
            return;
        }
        for (String field : node.propertyNames()) {
            if (!FIELDS.contains(field)) {
                problems.add(where + ": field '" + field + "': unknown field (known: " + String.join(", ",
                        FIELDS.stream().sorted().toList()) + ")");
            }
        }
        Fields f = new Fields(where, node);
        String command = f.string("command");
        String url = f.string("url");
        Transport transport = transport(f, command, url);
        List<String> args = f.stringList("args");
        Map<String, String> env = f.stringMap("env", true);
        Map<String, String> headers = f.stringMap("headers", true);
        String cwd = f.string("cwd");
        String description = f.string("description");
        boolean enabled = f.bool("enabled", true);
        Map<String, Object> metadata = f.metadata();
        Duration timeout = f.duration("timeout");
        if (transport == Transport.STDIO) {
            if (command == null || command.isBlank()) {
                problems.add(where + ": field 'command': required for transport stdio");
            }
            if (url != null) {
                problems.add(where + ": field 'url': not used by transport stdio (remove it or set transport)");
            }
            if (!headers.isEmpty()) {
                problems.add(where + ": field 'headers': not used by transport stdio");
            }
        } else if (transport != null) {
            checkUrl(where, transport, url);
            if (command != null || !args.isEmpty() || !env.isEmpty() || cwd != null) {
                problems.add(where + ": fields 'command', 'args', 'env', 'cwd' are only for transport stdio");
            }
        }
        if (transport != null) {
            out.add(new ServerConfig(name, transport, command, args, env, cwd, url, headers, description, enabled,
                    metadata, timeout == null ? DEFAULT_TIMEOUT : timeout));
        }
    }

    private Transport transport(Fields f, String command, String url) {
        String value = f.string("transport");
        if (value == null) {
            if (command != null) {
                return Transport.STDIO;
            }
            if (url != null) {
                return Transport.STREAMABLE_HTTP;
            }
            problems.add(f.where + ": field 'transport': missing (stdio with 'command', or streamable-http / sse with 'url')");
            return null;
        }
        for (Transport t : Transport.values()) {
            if (t.yamlName().equals(value)) {
                return t;
            }
        }
        problems.add(f.where + ": field 'transport': unknown transport '" + value + "' (expected stdio, streamable-http or sse)");
        return null;
    }

    private void checkUrl(String where, Transport transport, String url) {
        if (url == null || url.isBlank()) {
            problems.add(where + ": field 'url': required for transport " + transport.yamlName());
            return;
        }
        try {
            var uri = new java.net.URI(url);
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (!http || uri.getHost() == null) {
                problems.add(where + ": field 'url': '" + url + "' must be an absolute http:// or https:// URL with a host");
            }
        } catch (java.net.URISyntaxException e) {
            problems.add(where + ": field 'url': '" + url + "' is not a valid URL (" + e.getReason() + ")");
        }
    }

    /** Typed reads of one entry's fields; each problem names the server and field. */
    private final class Fields {
        final String where;
        final JsonNode node;

        Fields(String where, JsonNode node) {
            this.where = where;
            this.node = node;
        }

        private JsonNode value(String field) {
            JsonNode v = node.get(field);
            return v == null || v.isNull() ? null : v;
        }

        String string(String field) {
            JsonNode v = value(field);
            if (v == null) {
                return null;
            }
            if (!v.isValueNode() || v.isBinary()) {
                problems.add(where + ": field '" + field + "': must be a string");
                return null;
            }
            return v.asString();
        }

        boolean bool(String field, boolean fallback) {
            JsonNode v = value(field);
            if (v == null) {
                return fallback;
            }
            if (!v.isBoolean()) {
                problems.add(where + ": field '" + field + "': must be true or false");
                return fallback;
            }
            return v.booleanValue();
        }

        List<String> stringList(String field) {
            JsonNode v = value(field);
            if (v == null) {
                return List.of();
            }
            if (!v.isArray()) {
                problems.add(where + ": field '" + field + "': must be a list of strings");
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (JsonNode item : v) {
                if (item.isNull() || item.isContainer()) {
                    problems.add(where + ": field '" + field + "': every item must be a string");
                    return List.of();
                }
                out.add(item.asString());
            }
            return out;
        }

        Map<String, String> stringMap(String field, boolean expand) {
            JsonNode v = value(field);
            if (v == null) {
                return Map.of();
            }
            if (!v.isObject()) {
                problems.add(where + ": field '" + field + "': must be a map of names to strings");
                return Map.of();
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                JsonNode item = e.getValue();
                if (item.isNull() || item.isContainer()) {
                    problems.add(where + ": field '" + field + "." + e.getKey() + "': must be a string");
                    continue;
                }
                out.put(e.getKey(), expand ? expand(field + "." + e.getKey(), item.asString()) : item.asString());
            }
            return out;
        }

        private String expand(String field, String text) {
            Matcher m = ENV_REF.matcher(text);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String value = environment.apply(m.group(1));
                if (value == null) {
                    problems.add(where + ": field '" + field + "': environment variable " + m.group(1) + " is not set");
                    value = "";
                }
                m.appendReplacement(sb, Matcher.quoteReplacement(value));
            }
            m.appendTail(sb);
            return sb.toString();
        }

        Map<String, Object> metadata() {
            JsonNode v = value("metadata");
            if (v == null) {
                return Map.of();
            }
            if (!v.isObject()) {
                problems.add(where + ": field 'metadata': must be a map");
                return Map.of();
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                if (e.getValue().isNull()) {
                    problems.add(where + ": field 'metadata." + e.getKey() + "': must not be null");
                    continue;
                }
                out.put(e.getKey(), Plain.of(e.getValue()));
            }
            return out;
        }

        Duration duration(String field) {
            JsonNode v = value(field);
            if (v == null) {
                return null;
            }
            String text = v.asString().trim();
            Matcher m = DURATION.matcher(text);
            if (v.isContainer() || !m.matches()) {
                problems.add(where + ": field '" + field + "': '" + text
                        + "' is not a duration (examples: 30s, 500ms, 2m; a bare number means seconds)");
                return null;
            }
            double amount = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            long millis = Math.round(amount * switch (unit) {
                case "ms" -> 1;
                case "s" -> 1_000;
                case "m" -> 60_000;
                default -> 3_600_000;
            });
            if (millis <= 0) {
                problems.add(where + ": field '" + field + "': must be greater than zero");
                return null;
            }
            if (amount > 1e12 || Duration.ofMillis(millis).compareTo(DurationText.MAX) > 0) {
                problems.add(where + ": field '" + field + "': '" + text + "' is longer than the 365 days allowed");
                return null;
            }
            return Duration.ofMillis(millis);
        }
    }

    /** JSON tree to plain Java values, so metadata reaches policy input as ordinary maps, lists and scalars. */
    private static final class Plain {
        static Object of(JsonNode n) {
            if (n.isObject()) {
                Map<String, Object> m = new LinkedHashMap<>();
                n.properties().forEach(e -> m.put(e.getKey(), of(e.getValue())));
                return m;
            }
            if (n.isArray()) {
                List<Object> l = new ArrayList<>();
                n.forEach(item -> l.add(of(item)));
                return l;
            }
            if (n.isNumber()) {
                return n.numberValue();
            }
            if (n.isBoolean()) {
                return n.booleanValue();
            }
            return n.isNull() ? null : n.asString();
        }
    }
}
