package dev.warden.gateway.routing;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * When the federated tool list prefixes a tool's name with its server's name.
 *
 * <ul>
 *   <li>{@link #ALWAYS}: every tool is {@code server__tool}; names never change when servers come and go.</li>
 *   <li>{@link #ON_COLLISION}: only names offered by more than one server are prefixed; the others keep the
 *       upstream's name (friendlier, but a name can change when a second server starts offering it).</li>
 *   <li>{@link #NEVER}: upstream names as they are; when two servers offer the same name, the first server in
 *       registry order wins and the other tool is left out (and logged).</li>
 * </ul>
 */
public enum NamespaceMode {
    ALWAYS("always"), ON_COLLISION("on-collision"), NEVER("never");

    private final String configName;

    NamespaceMode(String configName) { this.configName = configName; }

    /** The spelling used in {@code warden.yaml}. */
    public String configName() { return configName; }

    /** Parses the configuration spelling ({@code always}, {@code on-collision}, {@code never}). */
    public static Optional<NamespaceMode> parse(String s) {
        String v = s == null ? "" : s.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(m -> m.configName.equals(v)).findFirst();
    }
}
