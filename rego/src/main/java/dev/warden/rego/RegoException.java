package dev.warden.rego;

import java.util.List;

/**
 * Raised when modules, a query or an evaluation fail. Holds every error found, sorted by location; the
 * message renders them all with source lines and carets.
 */
public final class RegoException extends RuntimeException {
    private final List<RegoError> errors;

    public RegoException(List<RegoError> errors) {
        super(render(errors), null, false, false);
        this.errors = List.copyOf(errors);
    }

    public RegoException(RegoError error) { this(List.of(error)); }

    public List<RegoError> errors() { return errors; }

    /** The code of the first error, e.g. {@code rego_unsafe_var_error}. */
    public String code() { return errors.isEmpty() ? "" : errors.get(0).code(); }

    private static String render(List<RegoError> errors) {
        if (errors.size() == 1) return errors.get(0).render();
        StringBuilder sb = new StringBuilder().append(errors.size()).append(" errors occurred:");
        for (RegoError e : errors) sb.append('\n').append(e.render());
        return sb.toString();
    }
}
