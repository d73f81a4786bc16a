package dev.warden.gateway.authz;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded engine over a policy directory that can be compiled again while the gateway serves. A reload
 * compiles the directory afresh and swaps the engine in one volatile write, so a decision runs wholly on the old
 * policies or wholly on the new ones; a directory that does not compile leaves the old engine serving and the
 * error is kept for {@code /health}, so a typo in a policy file never leaves the gateway without policy.
 *
 * <pre>{@code
 * ReloadablePolicy policy = ReloadablePolicy.load(Path.of("policies"), Duration.ofMillis(250), clock, false);
 * PolicyReload r = policy.reload();      // r.changed() when the files differ from those serving
 * policy.current().a2a();                // the A2A policy of the same files
 * }</pre>
 */
public final class ReloadablePolicy implements PolicyDecisionPoint {
    private static final Logger log = LoggerFactory.getLogger(ReloadablePolicy.class);

    private final Path dir;
    private final Duration timeout;
    private final Clock clock;
    private final boolean allowHttpSend;
    private volatile EmbeddedPolicyEngine current;

    private ReloadablePolicy(Path dir, Duration timeout, Clock clock, boolean allowHttpSend,
                             EmbeddedPolicyEngine first) {
        this.dir = dir;
        this.timeout = timeout;
        this.clock = clock;
        this.allowHttpSend = allowHttpSend;
        this.current = first;
    }

    /** Compiles the directory for the first time; throws {@link PolicyLoadException} (the start must fail). */
    public static ReloadablePolicy load(Path dir, Duration timeout, Clock clock, boolean allowHttpSend) {
        return new ReloadablePolicy(dir, timeout, clock, allowHttpSend,
                EmbeddedPolicyEngine.load(dir, timeout, clock, allowHttpSend));
    }

    /** What a reload did: the version serving afterwards, whether it changed, and the error when it failed. */
    public record PolicyReload(String previousVersion, String version, String error) {
        public boolean ok() { return error == null; }

        public boolean changed() { return ok() && !version.equals(previousVersion); }
    }

    /**
     * Compiles the directory again and, when that works, serves the result from the next decision on. Never
     * throws for a bad policy: the old engine stays and the returned record carries the compiler's message.
     */
    public synchronized PolicyReload reload() {
        EmbeddedPolicyEngine before = current;
        try {
            EmbeddedPolicyEngine next = EmbeddedPolicyEngine.load(dir, timeout, clock, allowHttpSend);
            if (next.policyVersion().equals(before.policyVersion())) {
                return new PolicyReload(before.policyVersion(), before.policyVersion(), null);
            }
            current = next;
            log.info("policies reloaded from {}: version {} -> {}", dir, before.policyVersion(), next.policyVersion());
            return new PolicyReload(before.policyVersion(), next.policyVersion(), null);
        } catch (RuntimeException e) { // PolicyLoadException, or a file vanishing while the directory is walked
            String why = e instanceof PolicyLoadException ? e.getMessage()
                    : "cannot read the policy directory " + dir + ": " + e;
            log.error("policy reload failed; still serving version {}: {}", before.policyVersion(), why);
            return new PolicyReload(before.policyVersion(), before.policyVersion(), why);
        }
    }

    /** The engine serving now. */
    public EmbeddedPolicyEngine current() { return current; }

    /** The directory this policy is read from (what a watcher should watch). */
    public Path dir() { return dir; }

    @Override
    public Decision decide(DecisionRequest request) { return current.decide(request); }

    @Override
    public String policyVersion() { return current.policyVersion(); }

    @Override
    public String engine() { return "embedded"; }
}
