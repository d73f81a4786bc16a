package dev.warden.rego.eval;

import dev.warden.rego.compiler.Ir;
import dev.warden.rego.compiler.RuleNode;
import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.SetValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * References: walks values (input, locals, composites) and the {@code data} document, where base data,
 * rules and {@code with} overlays meet under one path. Unbound variables in a path iterate.
 */
final class Refs {
    private final Evaluator ev;

    Refs(Evaluator ev) { this.ev = ev; }

    boolean eval(Ir.Ref r, Value[] f, KV k) {
        Ir.Term[] path = r.path();
        if (r.head() instanceof Ir.RootTerm root) {
            if (root.root() == Ir.Root.INPUT) {
                Value in = ev.state.input;
                return in == null || walk(in, path, 0, f, k);
            }
            Overlay overlay = ev.state.overlay;
            if (overlay != null) return data(ev.policy.root(), ev.baseData, overlay, path, 0, f, k);
            Resolved at = resolved(r);
            return data(at.node, at.base, null, path, at.index, f, k);
        }
        return ev.terms.eval(r.head(), f, v -> walk(v, path, 0, f, k));
    }

    /**
     * Where a {@code data} reference's leading constant string keys lead: the rule-tree node, the base document
     * beside it, and the index of the first path term not yet walked. {@link #data} would reach the same place by
     * looking each key up, at every evaluation of the reference (rule references such as
     * {@code data.mcp.gateway.allow} are the commonest terms of a policy). Valid for one policy and one base
     * document, which are checked, since a reference could be evaluated against others.
     */
    private record Resolved(RuleNode root, Value baseData, RuleNode node, Value base, int index) {}

    private Resolved resolved(Ir.Ref r) {
        RuleNode root = ev.policy.root();
        Value baseData = ev.baseData;
        if (r.resolved()[0] instanceof Resolved known && known.root == root && known.baseData == baseData) return known;
        // The steps data() and dataChild() take without an overlay, for a constant string key under a node that has
        // no rules of its own; stopping where they would do anything else (below the rules, at a rule, at a key
        // only base data has, at a variable or any other term).
        RuleNode node = root;
        Value base = baseData;
        Ir.Term[] path = r.path();
        int i = 0;
        while (i < path.length && !node.hasRules() && path[i] instanceof Ir.Const c
                && c.value() instanceof StringValue key) {
            RuleNode child = node.child(key.value());
            if (child == null) break;
            base = base == null ? null : lookup(base, key);
            node = child;
            i++;
        }
        Resolved at = new Resolved(root, baseData, node, base, i);
        r.resolved()[0] = at;
        return at;
    }

    /** Walks a value along path[i..]. */
    boolean walk(Value cur, Ir.Term[] path, int i, Value[] f, KV k) {
        if (i == path.length) return k.go(cur);
        Ir.Term p = path[i];
        if (p instanceof Ir.Var v && f[v.slot()] == null) {
            int slot = v.slot();
            return Bodies.entries(cur, (key, value) -> {
                ev.tick();
                f[slot] = key;
                try {
                    return walk(value, path, i + 1, f, k);
                } finally {
                    f[slot] = null;
                }
            });
        }
        if (p instanceof Ir.Const c) {
            Value next = lookup(cur, c.value());
            return next == null || walk(next, path, i + 1, f, k);
        }
        if (Unifier.unbound(p, f)) {
            return Bodies.entries(cur, (key, value) ->
                    ev.unifier.unifyValue(p, key, f, () -> walk(value, path, i + 1, f, k)));
        }
        return ev.terms.eval(p, f, key -> {
            Value next = lookup(cur, key);
            return next == null || walk(next, path, i + 1, f, k);
        });
    }

    /** Walks base data: like {@link #walk}, but a number selects the object key spelled the same, as OPA's
     * storage paths are strings. */
    private boolean walkBase(Value cur, Ir.Term[] path, int i, Value[] f, KV k) {
        if (i == path.length) return k.go(cur);
        if (cur instanceof ObjectValue o && path[i] instanceof Ir.Const c && c.value() instanceof NumberValue n
                && o.get(n) == null) {
            Value next = o.get(StringValue.of(n.toString()));
            return next == null || walkBase(next, path, i + 1, f, k);
        }
        return walk(cur, path, i, f, k);
    }

    static Value lookup(Value cur, Value key) {
        if (cur instanceof ObjectValue o) return o.get(key);
        if (cur instanceof ArrayValue a) {
            if (key instanceof NumberValue n) {
                int idx = n.intIndexOrMinusOne();
                if (idx >= 0 && idx < a.size()) return a.get(idx);
            }
            return null;
        }
        if (cur instanceof SetValue s) return s.contains(key) ? key : null;
        return null;
    }

    /** Walks {@code data} at a rule-tree node (null below the rules), its base data and its overlay. */
    private boolean data(RuleNode node, Value base, Overlay overlay, Ir.Term[] path, int i, Value[] f, KV k) {
        if (overlay != null && overlay.value != null) return walk(overlay.value, path, i, f, k);
        if (node == null && overlay == null) return base == null || walkBase(base, path, i, f, k);
        if (node == null || node.hasRules()) {
            Value doc = node != null && base != null && overlay == null ? base : document(node, base, overlay);
            return doc == null || walk(doc, path, i, f, k);
        }
        if (i == path.length) {
            Value doc = document(node, base, overlay);
            return doc == null || k.go(doc);
        }
        Ir.Term p = path[i];
        if (p instanceof Ir.Const c) return dataChild(node, base, overlay, c.value(), path, i, f, k);
        if (p instanceof Ir.Var v && f[v.slot()] == null) {
            int slot = v.slot();
            for (Value key : keys(node, base, overlay)) {
                f[slot] = key;
                try {
                    if (!dataChild(node, base, overlay, key, path, i, f, k)) return false;
                } finally {
                    f[slot] = null;
                }
            }
            return true;
        }
        return ev.terms.eval(p, f, key -> dataChild(node, base, overlay, key, path, i, f, k));
    }

    private boolean dataChild(RuleNode node, Value base, Overlay overlay, Value key, Ir.Term[] path, int i,
                              Value[] f, KV k) {
        Value baseChild = base == null ? null : lookup(base, key);
        if (baseChild == null && key instanceof NumberValue && base instanceof ObjectValue o) {
            baseChild = o.get(StringValue.of(key.toString())); // storage paths are strings: data[2] reads "2"
        }
        if (!(key instanceof StringValue s)) return baseChild == null || walkBase(baseChild, path, i + 1, f, k);
        RuleNode child = node.child(s.value());
        Overlay oc = overlay == null ? null : overlay.child(s.value());
        if (child == null && oc == null) return baseChild == null || walkBase(baseChild, path, i + 1, f, k);
        return data(child, baseChild, oc, path, i + 1, f, k);
    }

    private static Set<Value> keys(RuleNode node, Value base, Overlay overlay) {
        Set<Value> keys = new LinkedHashSet<>();
        if (base instanceof ObjectValue o) keys.addAll(o.keys());
        for (Map.Entry<String, RuleNode> c : node.children().entrySet()) {
            if (hasDocuments(c.getValue())) keys.add(StringValue.of(c.getKey()));
        }
        if (overlay != null) for (String key : overlay.children.keySet()) keys.add(StringValue.of(key));
        return keys;
    }

    /** Function nodes are not documents; every other node (even an empty package) is. */
    private static boolean hasDocuments(RuleNode n) {
        return !n.hasRules() || !n.isFunction();
    }

    /** The whole document at a node: its rules' value or its children's, merged with base data and overlay. */
    Value document(RuleNode node, Value base, Overlay overlay) {
        if (overlay != null && overlay.value != null) return overlay.value;
        if (node == null) return patch(base, overlay);
        Value doc;
        if (node.hasRules()) {
            if (node.isFunction()) return null;
            if (base != null) return patch(base, overlay); // base documents take precedence over rules
            doc = ev.rules.value(node);
            if (!node.children().isEmpty() && (doc == null || doc instanceof ObjectValue)) {
                doc = merge(doc, node, null, overlay);
            }
        } else {
            doc = merge(base, node, base, overlay);
        }
        return patch(doc, overlay);
    }

    private Value merge(Value start, RuleNode node, Value base, Overlay overlay) {
        int limit = structuralDepth(node);
        ObjectValue.Builder b = ObjectValue.builder();
        if (start instanceof ObjectValue o) b.putAll(o);
        for (Map.Entry<String, RuleNode> c : node.children().entrySet()) {
            if (!hasDocuments(c.getValue())) continue;
            StringValue key = StringValue.of(c.getKey());
            Value sub = document(c.getValue(), base == null ? null : lookup(base, key),
                    overlay == null ? null : overlay.child(c.getKey()));
            if (sub == null) continue;
            Value existing = b.get(key);
            b.put(key, existing == null ? sub : mergeValues(existing, sub, 1, limit));
        }
        return b.build();
    }

    /** Merges two documents defined for one path (rules with overlapping ref heads); leaves must agree. */
    /**
     * How deep the objects built by a node's own rules go (the length of their dynamic head paths); below
     * that are values the rules produced, which other rules may not extend.
     */
    private static int structuralDepth(RuleNode node) {
        int depth = node.hasRules() ? 0 : Integer.MAX_VALUE;
        for (dev.warden.rego.compiler.CRule r : node.rules()) depth = Math.max(depth, r.dynamicPath.length);
        return depth;
    }

    private static Value mergeValues(Value a, Value b, int depth, int limit) {
        if (a instanceof ObjectValue oa && b instanceof ObjectValue ob && depth < limit) {
            ObjectValue.Builder out = ObjectValue.builder().putAll(oa);
            for (Value k : ob.keys()) {
                Value x = oa.get(k);
                out.put(k, x == null ? ob.get(k) : mergeValues(x, ob.get(k), depth + 1, limit));
            }
            return out.build();
        }
        if (a instanceof SetValue sa && b instanceof SetValue sb) return sa.union(sb);
        if (!a.equals(b)) throw Evaluator.error("eval_conflict_error", "object keys must be unique", null);
        return a;
    }

    private static Value patch(Value v, Overlay overlay) {
        if (overlay == null) return v;
        if (overlay.value != null) return overlay.value;
        Value out = v;
        for (Map.Entry<String, Overlay> c : overlay.children.entrySet()) {
            StringValue key = StringValue.of(c.getKey());
            Value sub = patch(out instanceof ObjectValue o ? o.get(key) : null, c.getValue());
            if (sub == null) continue;
            ObjectValue.Builder b = ObjectValue.builder();
            if (out instanceof ObjectValue o) b.putAll(o);
            out = b.put(key, sub).build();
        }
        return out;
    }

    /** A copy of {@code v} with {@code value} set at {@code path[i..]}, creating objects as needed. */
    static Value upsert(Value v, String[] path, int i, Value value) {
        if (i == path.length) return value;
        StringValue key = StringValue.of(path[i]);
        ObjectValue.Builder b = ObjectValue.builder();
        Value child = null;
        if (v instanceof ObjectValue o) {
            b.putAll(o);
            child = o.get(key);
        }
        return b.put(key, upsert(child, path, i + 1, value)).build();
    }
}
