package dev.warden.rego.builtins;

/**
 * A builtin that could not produce a value. {@code code} is OPA's: {@code eval_type_error} for operand type
 * errors, {@code eval_builtin_error} otherwise. The evaluator adds the builtin name and location.
 */
public final class BuiltinException extends RuntimeException {
    public static final String TYPE_ERROR = "eval_type_error";
    public static final String BUILTIN_ERROR = "eval_builtin_error";

    private final String code;

    public BuiltinException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public static BuiltinException typeError(String message) { return new BuiltinException(TYPE_ERROR, message); }

    public static BuiltinException error(String message) { return new BuiltinException(BUILTIN_ERROR, message); }

    public String code() { return code; }
}
