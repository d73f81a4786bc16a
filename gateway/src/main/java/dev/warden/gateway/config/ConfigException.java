package dev.warden.gateway.config;

import java.util.List;

/** The configuration cannot be used; the message lists every problem, each naming the field and the fix. */
public final class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(render(problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String problem) { this(List.of(problem)); }

    public List<String> problems() { return problems; }

    private static String render(List<String> problems) {
        if (problems.size() == 1) return "invalid configuration: " + problems.get(0);
        StringBuilder sb = new StringBuilder("invalid configuration (").append(problems.size()).append(" problems):");
        for (String p : problems) sb.append("\n  - ").append(p);
        return sb.toString();
    }
}
