package dev.warden.rego.builtins;

/**
 * A builtin that could not produce a value. {@code code} is OPA's: {@code eval_type_error} for operand type
 * errors, {@code eval_builtin_error} otherwise. The evaluator adds the builtin name and location.
 */
public final class BuiltinException extends RuntimeException {
    public static final String TYPE_ERROR = "eval_type_error";
    public static final String BUILTIN_ERROR = "eval_builtin_error";

    private final String code;
    private final boolean halts;

    public BuiltinException(String code, String message) {
        this(code, message, false);
    }

    private BuiltinException(String code, String message, boolean halts) {
        super(message, null, false, false);
        this.code = code;
        this.halts = halts;
    }

    public static BuiltinException typeError(String message) { return new BuiltinException(TYPE_ERROR, message); }

    public static BuiltinException error(String message) { return new BuiltinException(BUILTIN_ERROR, message); }

    /**
     * An error that stops the evaluation even without strict builtin errors, because an undefined result would
     * hide it (e.g. {@code http.send} called while network calls are disabled).
     */
    public static BuiltinException halt(String message) { return new BuiltinException(BUILTIN_ERROR, message, true); }

    public String code() { return code; }

    /** True when this error must stop the evaluation rather than make the call undefined. */
    public boolean halts() { return halts; }
}
