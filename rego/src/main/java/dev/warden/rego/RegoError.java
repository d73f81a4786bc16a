package dev.warden.rego;

import dev.warden.rego.source.Location;

/**
 * One error found in a policy, a query or during evaluation, with OPA's code ({@code rego_parse_error},
 * {@code rego_unsafe_var_error}, {@code eval_conflict_error}, ...).
 */
public record RegoError(String code, String message, Location location) {

    /** {@code file:line:col: code: message} followed by the source line and a caret, as regorus prints it. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        if (location != null && location.line() > 0) sb.append(location).append(": ");
        sb.append(code).append(": ").append(message);
        if (location != null && location.line() > 0) sb.append('\n').append(location.caret());
        return sb.toString();
    }

    @Override
    public String toString() {
        return (location != null && location.line() > 0 ? location + ": " : "") + code + ": " + message;
    }
}
