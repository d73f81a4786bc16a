package dev.warden.gateway.authz;

import dev.warden.rego.EvalOptions;
import dev.warden.rego.Rego;
import dev.warden.rego.RegoException;
import dev.warden.rego.value.Value;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Any document under {@code data} of the policy directory, for Warden's OPA-compatible data API: the same modules
 * and data the embedded engine uses, compiled once, each path's query prepared once (the Rego engine keeps
 * them), evaluated with the policy deadline.
 *
 * <pre>{@code
 * DataApiEngine data = DataApiEngine.load(Path.of("policies"), Duration.ofMillis(250), Clock.systemUTC());
 * Optional<JsonNode> allow = data.evaluate(List.of("mcp", "gateway", "allow"), input); // empty when undefined
 * }</pre>
 */
public final class DataApiEngine {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Rego rego;
    private final String version;
    private final Duration timeout;
    private final Clock clock;

    private DataApiEngine(Rego rego, String version, Duration timeout, Clock clock) {
        this.rego = rego;
        this.version = version;
        this.timeout = timeout;
        this.clock = clock;
    }

    public static DataApiEngine load(Path dir, Duration timeout, Clock clock) {
        return compile(PolicyFiles.read(dir), dir, timeout, clock);
    }

    /** From files already read (those of a running {@link EmbeddedPolicyEngine}, so both answer alike). */
    static DataApiEngine compile(PolicyFiles files, Path dir, Duration timeout, Clock clock) {
        try {
            Rego.Builder builder = Rego.builder();
            files.modules().forEach(builder::module);
            if (!files.data().isEmpty()) builder.data(files.data().toString());
            Rego rego = builder.build();
            rego.prepare("data"); // compile now: a broken policy fails the start, not the first request
            return new DataApiEngine(rego, files.version(), timeout, clock);
        } catch (RegoException e) {
            throw new PolicyLoadException("the policies in " + dir + " do not compile:\n" + e.getMessage());
        }
    }

    /** True when every segment can be written as a plain Rego reference. */
    public static boolean validPath(List<String> path) {
        return path.stream().allMatch(s -> SEGMENT.matcher(s).matches());
    }

    /**
     * The document at {@code data.<path>} for {@code input} (null: none), or empty when undefined.
     *
     * @throws IllegalArgumentException when a segment is not an identifier (check {@link #validPath} first)
     * @throws RegoException            when evaluation fails (conflict, type error, deadline)
     */
    public Optional<JsonNode> evaluate(List<String> path, JsonNode input) {
        if (!validPath(path)) throw new IllegalArgumentException("invalid data path " + path);
        String query = path.isEmpty() ? "data" : "data." + String.join(".", path);
        EvalOptions options = input == null ? EvalOptions.NONE : EvalOptions.input(JsonValues.toValue(input));
        Value v = rego.prepare(query).eval(options.withDeadline(clock.instant().plus(timeout))).firstValue();
        return v == null ? Optional.empty() : Optional.of(JsonValues.toJson(v));
    }

    public String policyVersion() { return version; }
}
