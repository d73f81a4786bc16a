package dev.warden.gateway.authz;

/**
 * A decision engine that asks another service ({@link SarkDecisionEngine}, {@link OpaDecisionEngine}). Health
 * reporting reads how its last call went, without probing the service itself.
 *
 * <pre>{@code
 * if (pdp instanceof RemoteEngine remote && remote.lastFailure() != null) reportDegraded(remote.lastFailure());
 * }</pre>
 */
public interface RemoteEngine {
    /** Why the most recent call failed, or null when it succeeded (or none was made yet). */
    String lastFailure();
}
