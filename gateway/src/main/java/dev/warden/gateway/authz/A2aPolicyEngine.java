package dev.warden.gateway.authz;

import dev.warden.rego.EvalOptions;
import dev.warden.rego.PreparedQuery;
import dev.warden.rego.Rego;
import dev.warden.rego.RegoException;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.Value;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Agent-to-agent decisions with the embedded Rego engine: the policy directory's package {@code mcp.gateway.a2a}
 * (shipped as {@code policies/a2a.rego}), queried with the {@code /authorize-a2a} body as input. Reads the same
 * fields as gateway decisions plus {@code max_delegation_depth}; fails closed.
 *
 * <pre>{@code
 * A2aPolicyEngine a2a = A2aPolicyEngine.load(Path.of("policies"), Duration.ofMillis(250), Clock.systemUTC());
 * A2aPolicyEngine.Answer answer = a2a.decide(body);
 * }</pre>
 */
public final class A2aPolicyEngine {
    static final String QUERY = "data.mcp.gateway.a2a";
    private static final Logger log = LoggerFactory.getLogger(A2aPolicyEngine.class);

    private final PreparedQuery query;
    private final String version;
    private final Duration timeout;
    private final Clock clock;

    private A2aPolicyEngine(PreparedQuery query, String version, Duration timeout, Clock clock) {
        this.query = query;
        this.version = version;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** An A2A decision and the delegation depth the policy allows the source agent (0 when it gave none). */
    public record Answer(Decision decision, int maxDelegationDepth) {}

    /** Compiles the policy directory; throws {@link PolicyLoadException} naming the file and error. */
    public static A2aPolicyEngine load(Path dir, Duration timeout, Clock clock) {
        return compile(PolicyFiles.read(dir), dir, timeout, clock);
    }

    /** From files already read (those of a running {@link EmbeddedPolicyEngine}, so both answer alike). */
    static A2aPolicyEngine compile(PolicyFiles files, Path dir, Duration timeout, Clock clock) {
        try {
            Rego.Builder builder = Rego.builder();
            files.modules().forEach(builder::module);
            if (!files.data().isEmpty()) builder.data(files.data().toString());
            return new A2aPolicyEngine(builder.build().prepare(QUERY), files.version(), timeout, clock);
        } catch (RegoException e) {
            throw new PolicyLoadException("the policies in " + dir + " do not compile:\n" + e.getMessage());
        }
    }

    public Answer decide(ObjectNode input) {
        try {
            Value doc = query.eval(EvalOptions.input(JsonValues.toValue(input))
                    .withDeadline(clock.instant().plus(timeout))).firstValue();
            if (!(doc instanceof ObjectValue pkg)) {
                return new Answer(Decision.failed("no A2A policy: " + QUERY + " is undefined (add policies/a2a.rego); "
                        + "denied", version), 0);
            }
            Decision d = DecisionDocument.read(JsonValues.toJson(pkg), version);
            if (d == null) d = Decision.deny("denied by policy (no rule allowed this request)", version);
            int depth = pkg.get("max_delegation_depth") instanceof NumberValue n ? (int) n.longValue() : 0;
            if (d.allow() && d.cacheTtlSeconds() == Decision.TTL_UNSET) {
                d = Decision.allow(d.reason(), d.filteredParameters(), 300, version); // SARK's A2A default
            }
            return new Answer(d, depth);
        } catch (RegoException e) {
            log.warn("A2A policy evaluation failed, denying: {}", e.getMessage());
            return new Answer(Decision.failed("policy evaluation failed (" + e.code() + "); denied", version), 0);
        }
    }
}
