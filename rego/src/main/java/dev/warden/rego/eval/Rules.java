package dev.warden.rego.eval;

import dev.warden.rego.compiler.CRule;
import dev.warden.rego.compiler.Ir;
import dev.warden.rego.compiler.RuleNode;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.SetValue;
import dev.warden.rego.value.Value;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates rules: complete rules (with {@code else} chains and defaults, memoized per evaluation), partial
 * sets, partial objects and ref-head rules, and function calls. Conflicting outputs are {@code
 * eval_conflict_error}s, as in OPA.
 */
final class Rules {
    private static final Value UNDEFINED = SetValue.of(dev.warden.rego.value.StringValue.of("\u0000undefined"));

    private final Evaluator ev;

    Rules(Evaluator ev) { this.ev = ev; }

    /** The value of the rules at a node, or null when undefined. Memoized in the current {@code with} scope. */
    Value value(RuleNode node) {
        Evaluator.State s = ev.state;
        int id = node.id;
        if (s.memoState[id] == 1) {
            Value v = s.memo[id];
            return v == UNDEFINED ? null : v;
        }
        Value v = switch (node.kind()) {
            case COMPLETE -> complete(node);
            case PARTIAL_SET -> partialSet(node);
            case PARTIAL_OBJECT -> partialObject(node);
            case FUNCTION -> null;
        };
        s.memo[id] = v == null ? UNDEFINED : v;
        s.memoState[id] = 1;
        return v;
    }

    /** The clauses worth evaluating for the current input (all of them unless the node is indexed). */
    private java.util.List<CRule> clauses(RuleNode node) {
        dev.warden.rego.compiler.RuleIndex index = node.index();
        if (index == null) return node.rules();
        Value v = ev.state.input;
        for (Value key : index.inputPath()) {
            if (v == null) break;
            v = Refs.lookup(v, key);
        }
        return index.candidates(v);
    }

    private Value complete(RuleNode node) {
        Value result = null;
        for (CRule r : clauses(node)) {
            Value v = clause(r, null, node.constantValue());
            if (v == null) continue;
            if (result == null) result = v;
            else if (!result.equals(v)) {
                throw Evaluator.error("eval_conflict_error", "complete rules must not produce multiple outputs", r.loc);
            }
            if (node.constantValue()) break;
        }
        if (result == null && node.defaultRule() != null) result = clause(node.defaultRule(), null, true);
        return result;
    }

    /** One clause and its else chain: the single value it produces, or null. */
    private Value clause(CRule r, Value[] args, boolean firstOnly) {
        for (CRule clause = r; clause != null; clause = clause.elseRule) {
            CRule c = clause;
            ev.tick();
            Value[] f = new Value[Math.max(c.frameSize, 1)];
            Value[] out = new Value[1];
            K produce = () -> ev.terms.eval(c.value, f, v -> {
                if (out[0] == null) out[0] = v;
                else if (!out[0].equals(v)) {
                    throw Evaluator.error("eval_conflict_error", c.kind == CRule.Kind.FUNCTION
                            ? "functions must not produce multiple outputs for same inputs"
                            : "complete rules must not produce multiple outputs", c.loc);
                }
                return !(firstOnly || c.value instanceof Ir.Const);
            });
            // Parameters that are not patterns (e.g. template strings) are matched after the body binds their vars.
            K checked = args == null ? produce : () -> bindArgs(c, args, 0, f, false, produce);
            K bodyK = () -> ev.bodies.body(c.body.exprs(), 0, f, checked);
            if (args != null) bindArgs(c, args, 0, f, true, bodyK);
            else bodyK.go();
            if (out[0] != null) return out[0];
        }
        return null;
    }

    private boolean bindArgs(CRule c, Value[] args, int i, Value[] f, boolean patterns, K k) {
        if (i == c.args.length) return k.go();
        Ir.Term t = c.args[i];
        boolean pattern = t instanceof Ir.Var || t instanceof Ir.Const || t instanceof Ir.Arr || t instanceof Ir.Obj;
        if (pattern != patterns) return bindArgs(c, args, i + 1, f, patterns, k);
        return ev.unifier.unifyValue(t, args[i], f, () -> bindArgs(c, args, i + 1, f, patterns, k));
    }

    /**
     * Calls a user function: every clause whose arguments match; they must agree on the result. Results are
     * memoized per evaluation (and {@code with} scope), as a function of ground arguments is deterministic.
     */
    Value call(RuleNode node, Value[] args) {
        Evaluator.State s = ev.state;
        if (s.calls == null) s.calls = new java.util.HashMap<>();
        Evaluator.CallKey key = new Evaluator.CallKey(node.id, java.util.Arrays.asList(args));
        Value memo = s.calls.get(key);
        if (memo != null) return memo == UNDEFINED ? null : memo;
        Value result = evaluateCall(node, args);
        s.calls.put(key, result == null ? UNDEFINED : result);
        return result;
    }

    private Value evaluateCall(RuleNode node, Value[] args) {
        Value result = null;
        for (CRule r : node.rules()) {
            if (r.args.length != args.length) continue;
            Value v = clause(r, args, node.constantValue());
            if (v == null) continue;
            if (result == null) result = v;
            else if (!result.equals(v)) {
                throw Evaluator.error("eval_conflict_error",
                        "functions must not produce multiple outputs for same inputs", r.loc);
            }
            if (node.constantValue()) break;
        }
        if (result == null && node.defaultRule() != null) result = clause(node.defaultRule(), args, true);
        return result;
    }

    private Value partialSet(RuleNode node) {
        if (node.rules().stream().anyMatch(r -> r.dynamicPath.length > 0)) return nestedSets(node);
        Set<Value> out = new HashSet<>();
        for (CRule r : clauses(node)) {
            Value[] f = new Value[Math.max(r.frameSize, 1)];
            ev.bodies.body(r.body.exprs(), 0, f, () -> ev.terms.eval(r.key, f, v -> {
                out.add(v);
                return true;
            }));
        }
        return SetValue.of(out);
    }

    private Value partialObject(RuleNode node) {
        Map<Value, Object> root = new LinkedHashMap<>();
        for (CRule r : clauses(node)) {
            Value[] f = new Value[Math.max(r.frameSize, 1)];
            ev.bodies.body(r.body.exprs(), 0, f, () -> ev.terms.all(r.dynamicPath, f,
                    keys -> ev.terms.eval(r.value, f, v -> {
                        insert(root, keys, v, r);
                        return true;
                    })));
        }
        if (root.isEmpty() && node.defaultRule() == null) return ObjectValue.EMPTY;
        return freeze(root);
    }

    /** Ref-head partial sets ({@code a[x] contains y}): an object whose leaves are sets. */
    @SuppressWarnings("unchecked")
    private Value nestedSets(RuleNode node) {
        Map<Value, Object> root = new LinkedHashMap<>();
        for (CRule r : node.rules()) {
            Value[] f = new Value[Math.max(r.frameSize, 1)];
            ev.bodies.body(r.body.exprs(), 0, f, () -> ev.terms.all(r.dynamicPath, f,
                    keys -> ev.terms.eval(r.key, f, v -> {
                        Map<Value, Object> m = root;
                        for (int i = 0; i < keys.length - 1; i++) {
                            Object next = m.computeIfAbsent(keys[i], x -> new LinkedHashMap<Value, Object>());
                            if (!(next instanceof Map)) {
                                throw Evaluator.error("eval_conflict_error", "object keys must be unique", r.loc);
                            }
                            m = (Map<Value, Object>) next;
                        }
                        Object leaf = m.computeIfAbsent(keys[keys.length - 1], x -> new HashSet<Value>());
                        if (!(leaf instanceof Set)) {
                            throw Evaluator.error("eval_conflict_error", "object keys must be unique", r.loc);
                        }
                        ((Set<Value>) leaf).add(v);
                        return true;
                    })));
        }
        return freeze(root);
    }

    @SuppressWarnings("unchecked")
    private static void insert(Map<Value, Object> root, Value[] keys, Value v, CRule r) {
        Map<Value, Object> m = root;
        for (int i = 0; i < keys.length - 1; i++) {
            Object next = m.get(keys[i]);
            if (next == null) {
                next = new LinkedHashMap<Value, Object>();
                m.put(keys[i], next);
            } else if (!(next instanceof Map)) {
                throw Evaluator.error("eval_conflict_error", "object keys must be unique", r.loc);
            }
            m = (Map<Value, Object>) next;
        }
        Value last = keys[keys.length - 1];
        Object prev = m.get(last);
        if (prev == null) {
            m.put(last, v);
        } else if (prev instanceof Map || !prev.equals(v)) {
            throw Evaluator.error("eval_conflict_error", "object keys must be unique", r.loc);
        }
    }

    @SuppressWarnings("unchecked")
    private static ObjectValue freeze(Map<Value, Object> m) {
        ObjectValue.Builder b = ObjectValue.builder();
        for (Map.Entry<Value, Object> e : m.entrySet()) {
            Object v = e.getValue();
            b.put(e.getKey(), v instanceof Map ? freeze((Map<Value, Object>) v)
                    : v instanceof Set ? SetValue.of((Set<Value>) v) : (Value) v);
        }
        return b.build();
    }
}
