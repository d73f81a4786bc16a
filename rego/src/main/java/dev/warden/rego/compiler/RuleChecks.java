package dev.warden.rego.compiler;

import dev.warden.rego.ast.Rule;
import java.util.List;
import java.util.Map;

/**
 * Checks rule declarations against each other before lowering: clauses of one rule must agree on their kind
 * (complete, partial set, partial object, function) and functions on their arity; at most one default.
 */
final class RuleChecks {
    private final Context ctx;

    RuleChecks(Context ctx) { this.ctx = ctx; }

    void check(Map<Rule, RuleNode> placement) {
        Map<RuleNode, List<Rule>> byNode = new java.util.LinkedHashMap<>();
        placement.forEach((r, n) -> byNode.computeIfAbsent(n, k -> new java.util.ArrayList<>()).add(r));
        byNode.forEach(this::checkNode);
    }

    private void checkNode(RuleNode n, List<Rule> rules) {
        String kind = null;
        Integer arity = null;
        int defaults = 0;
        for (Rule r : rules) {
            String k = kindOf(r, n);
            if (kind == null) kind = k;
            else if (!kind.equals(k)) {
                ctx.errors.add(Errors.TYPE, "conflicting rules " + n.dotted() + " found", r.location());
                return;
            }
            if (r.head().isFunction() && !Compiler.isZeroArity(r)) {
                int a = r.head().args().size();
                if (arity == null) arity = a;
                else if (arity != a) {
                    ctx.errors.add(Errors.TYPE, "conflicting rules " + n.dotted() + " found", r.location());
                    return;
                }
            }
            if (r.isDefault() && ++defaults > 1) {
                ctx.errors.add(Errors.TYPE, "multiple default rules " + n.dotted() + " found", r.location());
            }
        }
    }

    private static String kindOf(Rule r, RuleNode n) {
        if (r.head().isFunction() && !Compiler.isZeroArity(r)) return "function";
        if (r.head().isPartialSet()) return "partial set";
        return "value";
    }
}
