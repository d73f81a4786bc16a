package dev.warden.gateway.auth;

import java.util.List;
import java.util.Objects;

/**
 * Who is calling, as established from a verified token. Immutable.
 *
 * <pre>{@code
 * Principal alice = new Principal("alice", "alice@example.com", List.of("developer"), List.of("eng"));
 * boolean admin = alice.hasRole("admin"); // false
 * }</pre>
 */
public record Principal(String subject, String email, List<String> roles, List<String> teams) {
    public Principal {
        Objects.requireNonNull(subject, "subject");
        roles = List.copyOf(roles);
        teams = List.copyOf(teams);
    }

    public boolean hasRole(String role) { return roles.contains(role); }
}
