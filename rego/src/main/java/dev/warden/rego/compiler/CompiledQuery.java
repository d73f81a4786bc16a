package dev.warden.rego.compiler;

import java.util.List;

/**
 * A compiled query: its body in evaluation order, the frame size it needs, the user variables the results
 * report, and the expressions in source order (result rows list expression values in that order), with the
 * slot holding each expression's captured value (-1 when the expression's value is just true).
 *
 * <pre>{@code
 * CompiledQuery q = Compiler.compileQuery(policy, Parser.parseQuery(new Source("query", "data.t.allow")));
 * ResultSet rs = QueryRunner.run(policy, data, q, EvalOptions.NONE, false, line -> {});
 * }</pre>
 */
public record CompiledQuery(Ir.Body body, int frameSize, List<Ir.QueryVar> vars, List<Ir.Expr> sourceOrder,
                            int[] captureSlots) {
    public CompiledQuery {
        vars = List.copyOf(vars);
        sourceOrder = List.copyOf(sourceOrder);
    }
}
