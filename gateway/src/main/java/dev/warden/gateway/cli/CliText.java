package dev.warden.gateway.cli;

import java.util.List;

/**
 * Checks of the names and lists the commands write into tokens, the users file and the API key store: nothing
 * blank, no control characters (a newline in a name breaks the tables that list it), no empty list entries
 * ({@code --roles ',admin,'}).
 *
 * <pre>{@code
 * String sub = CliText.name("--sub", subject);
 * List<String> roles = CliText.names("--roles", roles);
 * }</pre>
 */
final class CliText {
    private CliText() {}

    /** {@code value}, stripped; refused when blank or holding control characters. */
    static String name(String option, String value) {
        if (value == null) return null;
        String v = value.strip();
        if (v.isEmpty()) throw new IllegalArgumentException(option + " must not be empty");
        if (v.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(option + " must not contain control characters (such as a newline)");
        }
        return v;
    }

    /** Each entry of a comma-separated option checked as by {@link #name}. */
    static List<String> names(String option, List<String> values) {
        return values.stream().map(v -> name(option + " (entry '" + v + "')", v)).toList();
    }
}
