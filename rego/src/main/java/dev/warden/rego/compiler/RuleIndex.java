package dev.warden.rego.compiler;

import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * OPA-style rule indexing: among a rule's clauses, those whose body requires {@code input.a.b == "const"} are
 * grouped by that constant, so evaluation runs only the clauses that can match the input (plus the clauses
 * that test something else). Built once at compile time for rules with enough clauses to pay.
 *
 * <pre>{@code
 * List<CRule> clauses = node.index() == null ? node.rules() : node.index().candidates(inputValueAtPath);
 * }</pre>
 */
public final class RuleIndex {
    private static final int MIN_CLAUSES = 4;

    private final Value[] inputPath;
    private final Map<Value, List<CRule>> byValue;
    private final List<CRule> always;

    private RuleIndex(Value[] inputPath, Map<Value, List<CRule>> byValue, List<CRule> always) {
        this.inputPath = inputPath;
        this.byValue = byValue;
        this.always = always;
    }

    /** The path under {@code input} whose value selects clauses. */
    public Value[] inputPath() { return inputPath; }

    /** The clauses that can match when the input has {@code value} at the path (null: undefined there). */
    public List<CRule> candidates(Value value) {
        List<CRule> hits = value == null ? null : byValue.get(value);
        return hits == null ? always : hits;
    }

    /** An index for a node's clauses, or null when indexing would not pay. */
    static RuleIndex build(List<CRule> rules) {
        if (rules.size() < MIN_CLAUSES || rules.get(0).kind == CRule.Kind.FUNCTION) return null;
        Value[] path = null;
        Map<Value, List<Integer>> groups = new HashMap<>();
        List<Integer> always = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            CRule r = rules.get(i);
            Value[][] test = r.elseRule == null ? inputTest(r.body) : null;
            if (test != null && path == null) path = test[0];
            if (test != null && Arrays.equals(test[0], path)) {
                groups.computeIfAbsent(test[1][0], k -> new ArrayList<>()).add(i);
            } else {
                always.add(i);
            }
        }
        if (path == null || always.size() == rules.size()) return null;
        // Candidate lists are computed here, once, in source order: evaluation allocates nothing to use them.
        Map<Value, List<CRule>> byValue = new HashMap<>();
        groups.forEach((v, l) -> byValue.put(v, select(rules, merge(l, always))));
        return new RuleIndex(path, byValue, select(rules, always));
    }

    private static List<Integer> merge(List<Integer> a, List<Integer> b) {
        List<Integer> out = new ArrayList<>(a);
        out.addAll(b);
        out.sort(null);
        return out;
    }

    private static List<CRule> select(List<CRule> rules, List<Integer> idx) {
        List<CRule> out = new ArrayList<>(idx.size());
        for (int i : idx) out.add(rules.get(i));
        return List.copyOf(out);
    }

    /** {path, {constant}} for the first {@code input.<path> == constant} the body requires, or null. */
    private static Value[][] inputTest(Ir.Body body) {
        for (Ir.Expr e : body.exprs()) {
            if (e.negated() || e.with().length > 0 || !(e.kind() instanceof Ir.TermKind t)) continue;
            if (!(t.term() instanceof Ir.Call c) || c.builtin() == null || !c.name().equals("equal")) continue;
            for (int side = 0; side < 2; side++) {
                Value[] p = inputPath(c.args()[side]);
                if (p != null && c.args()[1 - side] instanceof Ir.Const k) return new Value[][] {p, {k.value()}};
            }
        }
        return null;
    }

    private static Value[] inputPath(Ir.Term t) {
        if (!(t instanceof Ir.Ref r) || !(r.head() instanceof Ir.RootTerm root) || root.root() != Ir.Root.INPUT) {
            return null;
        }
        Value[] out = new Value[r.path().length];
        for (int i = 0; i < out.length; i++) {
            if (!(r.path()[i] instanceof Ir.Const c) || !(c.value() instanceof StringValue)) return null;
            out[i] = c.value();
        }
        return out.length == 0 ? null : out;
    }
}
