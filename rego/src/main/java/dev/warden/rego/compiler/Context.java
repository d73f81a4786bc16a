package dev.warden.rego.compiler;

import dev.warden.rego.builtins.BuiltinRegistry;
import java.util.IdentityHashMap;
import java.util.Map;

/** What compile stages share: the error list, the builtins, and the rule tree being built. */
final class Context {
    final Errors errors = new Errors();
    final BuiltinRegistry builtins;
    final RuleNode root;
    final Map<RuleNode, Arity> arity = new IdentityHashMap<>();
    private int nextId = 1;

    Context(BuiltinRegistry builtins) {
        this.builtins = builtins;
        this.root = new RuleNode(0, new String[0]);
    }

    /** A context over an already compiled tree, for compiling queries. */
    Context(BuiltinRegistry builtins, RuleNode root, int nodeCount) {
        this.builtins = builtins;
        this.root = root;
        this.nextId = nodeCount;
    }

    boolean isFunction(RuleNode n) { return arity.containsKey(n) || (n.hasRules() && n.isFunction()); }

    int arityOf(RuleNode n) {
        Arity a = arity.get(n);
        if (a != null) return a.arity();
        if (n.hasRules() && n.isFunction()) {
            CRule r = n.rules.isEmpty() ? n.defaultRule : n.rules.get(0);
            return r.args.length;
        }
        if (n.zeroArity) return 0;
        return -1;
    }

    /** The node at an absolute path under data, or null. */
    RuleNode node(String[] path) {
        RuleNode n = root;
        for (String p : path) {
            n = n.children.get(p);
            if (n == null) return null;
        }
        return n;
    }

    /** The node at a path, created with its ancestors when missing. */
    RuleNode nodeCreating(String[] path) {
        RuleNode n = root;
        for (int i = 0; i < path.length; i++) {
            RuleNode c = n.children.get(path[i]);
            if (c == null) {
                String[] p = new String[i + 1];
                System.arraycopy(path, 0, p, 0, i + 1);
                c = new RuleNode(nextId++, p);
                n.children.put(path[i], c);
            }
            n = c;
        }
        return n;
    }

    int nodeCount() { return nextId; }
}
