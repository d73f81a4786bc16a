package dev.warden.rego;

import dev.warden.rego.compiler.CompiledQuery;
import dev.warden.rego.eval.QueryRunner;
import dev.warden.rego.value.Value;

/**
 * A query compiled against a {@link Rego} policy set. Immutable and thread-safe: evaluate it from any number of
 * threads at once.
 *
 * <pre>{@code
 * PreparedQuery q = rego.prepare("data.mcp.gateway.allow");
 * ResultSet rs = q.eval(EvalOptions.input(input).withDeadline(Instant.now().plusMillis(100)));
 * }</pre>
 */
public final class PreparedQuery {
    private final String text;
    private final Rego.Compiled compiled;
    private final CompiledQuery query;

    PreparedQuery(String text, Rego.Compiled compiled, CompiledQuery query) {
        this.text = text;
        this.compiled = compiled;
        this.query = query;
    }

    /** The query as written. */
    public String text() { return text; }

    /** Evaluates with the given input (null for none). */
    public ResultSet eval(Value input) { return eval(EvalOptions.input(input)); }

    /** Evaluates; throws {@link RegoException} on an evaluation error (conflict, type error, deadline). */
    public ResultSet eval(EvalOptions options) {
        return QueryRunner.run(compiled.policy(), compiled.data(), query, options, compiled.strict(),
                compiled.printer(), compiled.allowHttpSend());
    }
}
