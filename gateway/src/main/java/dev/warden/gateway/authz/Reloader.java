package dev.warden.gateway.authz;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads what decisions depend on, the policies and the server registry, and then forgets every cached decision.
 * Triggered by a change on disk, by {@code POST /admin/reload}, or in code; one reload runs at a time. Each part
 * either succeeds or leaves its previous state serving: a policy that does not compile keeps the old policies,
 * a registry file that does not validate keeps the old servers, and the failure is logged and reported by
 * {@link #last()} (shown on {@code /health}). The cache is cleared after every reload in which some part
 * succeeded, so no answer of the old policy or the old registry is served afterwards.
 *
 * <pre>{@code
 * Reloader reloader = new Reloader(pdp, reloadablePolicy, cache,
 *         () -> upstreams.reload(ServerRegistryLoader.load(path)).toString(), Clock.systemUTC());
 * Reloader.Outcome o = reloader.reload("admin");
 * if (!o.ok()) log.warn("kept the old configuration: {}", o.errors());
 * }</pre>
 */
public final class Reloader {
    private static final Logger log = LoggerFactory.getLogger(Reloader.class);

    private final ReloadablePolicy policy;
    private final CachingDecisionPoint cache;
    private final RegistryStep registry;
    private final PolicyDecisionPoint pdp;
    private final Clock clock;
    private volatile Outcome last;

    /**
     * @param pdp      the decision point serving (its version is reported)
     * @param policy   the embedded engine to recompile, or null when a remote engine decides (sark, opa)
     * @param cache    the decision cache to clear, or null when there is none
     * @param registry reloads the server registry, or null when there is no registry file
     */
    public Reloader(PolicyDecisionPoint pdp, ReloadablePolicy policy, CachingDecisionPoint cache,
                    RegistryStep registry, Clock clock) {
        this.pdp = pdp;
        this.policy = policy;
        this.cache = cache;
        this.registry = registry;
        this.clock = clock;
    }

    /** Reloads the server registry; returns what changed, or throws with a message naming the problem. */
    @FunctionalInterface
    public interface RegistryStep {
        String reload();
    }

    /**
     * One reload.
     *
     * @param trigger       what asked for it: {@code admin}, {@code file change}, …
     * @param policyVersion the version serving afterwards
     * @param policyChanged whether the policies that serve changed
     * @param registry      what the registry reload changed, or null when there is no registry or it failed
     * @param cacheCleared  whether cached decisions were forgotten
     * @param errors        each part's failure; empty when everything reloaded
     */
    public record Outcome(String trigger, Instant at, String policyVersion, boolean policyChanged, String registry,
                          boolean cacheCleared, List<String> errors) {
        public Outcome {
            errors = List.copyOf(errors);
        }

        public boolean ok() { return errors.isEmpty(); }
    }

    public synchronized Outcome reload(String trigger) {
        List<String> errors = new ArrayList<>();
        boolean anyOk = false;
        boolean policyChanged = false;
        if (policy != null) {
            ReloadablePolicy.PolicyReload p = policy.reload();
            if (p.ok()) {
                anyOk = true;
                policyChanged = p.changed();
                // At once, not after the registry (whose reload may start servers): the old policy's allows go now.
                if (policyChanged && cache != null) cache.clear();
            } else {
                errors.add("policy: " + p.error());
            }
        }
        String registryChange = null;
        if (registry != null) {
            try {
                registryChange = registry.reload();
                anyOk = true;
            } catch (RuntimeException e) {
                String why = e.getMessage() == null ? e.toString() : e.getMessage();
                log.error("server registry reload failed; still serving the previous registry: {}", why);
                errors.add("registry: " + why);
            }
        }
        boolean cleared = anyOk && cache != null;
        if (cleared) cache.clear();
        Outcome o = new Outcome(trigger, clock.instant(), pdp.policyVersion(), policyChanged, registryChange, cleared,
                errors);
        if (o.ok()) {
            log.info("reload ({}) done: policy version {}{}{}", trigger, o.policyVersion(),
                    policyChanged ? " (changed)" : " (unchanged)",
                    registryChange == null ? "" : ", registry: " + registryChange);
        }
        last = o;
        return o;
    }

    /** The most recent reload, or null when none happened since the start. */
    public Outcome last() { return last; }

    /** The policy directory a watcher should watch, or null when no embedded policy is loaded. */
    public java.nio.file.Path policyDir() { return policy == null ? null : policy.dir(); }
}
