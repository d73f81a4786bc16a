package dev.warden.rego.compiler;

import dev.warden.rego.value.StringValue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds rules that depend on themselves ({@code rego_recursion_error}); OPA forbids recursion. */
final class Recursion {
    private final Context ctx;
    private final Map<RuleNode, Set<RuleNode>> deps = new HashMap<>();

    Recursion(Context ctx) { this.ctx = ctx; }

    void check() {
        List<RuleNode> nodes = new ArrayList<>();
        collectNodes(ctx.root, nodes);
        for (RuleNode n : nodes) deps.put(n, dependencies(n));
        Map<RuleNode, Integer> state = new HashMap<>();
        for (RuleNode n : nodes) {
            if (!state.containsKey(n)) visit(n, state, new ArrayDeque<>());
        }
    }

    private void visit(RuleNode n, Map<RuleNode, Integer> state, Deque<RuleNode> stack) {
        state.put(n, 1);
        stack.addLast(n);
        for (RuleNode d : deps.getOrDefault(n, Set.of())) {
            Integer s = state.get(d);
            if (s == null) {
                visit(d, state, stack);
            } else if (s == 1) {
                report(d, stack);
            }
        }
        stack.removeLast();
        state.put(n, 2);
    }

    private void report(RuleNode start, Deque<RuleNode> stack) {
        List<String> cycle = new ArrayList<>();
        boolean in = false;
        for (RuleNode n : stack) {
            if (n == start) in = true;
            if (in) cycle.add(n.dotted());
        }
        cycle.add(start.dotted());
        CRule first = start.rules.isEmpty() ? start.defaultRule : start.rules.get(0);
        ctx.errors.add(Errors.RECURSION, "rule " + start.dotted() + " is recursive: " + String.join(" -> ", cycle),
                first.loc);
    }

    private static void collectNodes(RuleNode n, List<RuleNode> out) {
        if (n.hasRules()) out.add(n);
        for (RuleNode c : n.children.values()) collectNodes(c, out);
    }

    private Set<RuleNode> dependencies(RuleNode n) {
        Set<RuleNode> out = new LinkedHashSet<>();
        List<CRule> clauses = new ArrayList<>(n.rules);
        if (n.defaultRule != null) clauses.add(n.defaultRule);
        for (CRule r : clauses) {
            for (CRule c = r; c != null; c = c.elseRule) {
                for (Ir.Expr e : c.body.exprs()) expr(e, out);
                if (c.value != null) term(c.value, out);
                if (c.key != null) term(c.key, out);
                for (Ir.Term t : c.dynamicPath) term(t, out);
            }
        }
        return out;
    }

    private void body(Ir.Body b, Set<RuleNode> out) {
        for (Ir.Expr e : b.exprs()) expr(e, out);
    }

    private void expr(Ir.Expr e, Set<RuleNode> out) {
        switch (e.kind()) {
            case Ir.TermKind t -> term(t.term(), out);
            case Ir.Unify u -> {
                term(u.left(), out);
                term(u.right(), out);
            }
            case Ir.SomeIn s -> term(s.collection(), out);
            case Ir.IndexedSomeIn ix -> term(ix.someIn().collection(), out);
            case Ir.Every ev -> {
                term(ev.domain(), out);
                body(ev.body(), out);
            }
            case Ir.Declare d -> {}
        }
        for (Ir.With w : e.with()) term(w.value(), out);
    }

    private void term(Ir.Term t, Set<RuleNode> out) {
        switch (t) {
            case Ir.Ref r -> {
                term(r.head(), out);
                for (Ir.Term p : r.path()) term(p, out);
                if (r.head() instanceof Ir.RootTerm root && root.root() == Ir.Root.DATA) dataRef(r, out);
            }
            case Ir.Call c -> {
                if (c.function() != null) out.add(c.function());
                for (Ir.Term a : c.args()) term(a, out);
            }
            case Ir.Arr a -> { for (Ir.Term x : a.elements()) term(x, out); }
            case Ir.SetT s -> { for (Ir.Term x : s.elements()) term(x, out); }
            case Ir.Obj o -> {
                for (Ir.Term x : o.keys()) term(x, out);
                for (Ir.Term x : o.values()) term(x, out);
            }
            case Ir.Template tp -> { for (Ir.Term x : tp.parts()) term(x, out); }
            case Ir.ArrCompr c -> {
                term(c.term(), out);
                body(c.body(), out);
            }
            case Ir.SetCompr c -> {
                term(c.term(), out);
                body(c.body(), out);
            }
            case Ir.ObjCompr c -> {
                term(c.key(), out);
                term(c.value(), out);
                body(c.body(), out);
            }
            case Ir.Var v -> {}
            case Ir.Const c -> {}
            case Ir.RootTerm r -> {}
        }
    }

    /** A data ref depends on the rules its path can reach: a variable element matches every child. */
    private void dataRef(Ir.Ref r, Set<RuleNode> out) { match(ctx.root, r.path(), 0, out); }

    private void match(RuleNode n, Ir.Term[] path, int i, Set<RuleNode> out) {
        if (n.hasRules()) {
            out.add(n);
            return;
        }
        if (i == path.length) {
            addAll(n, out);
            return;
        }
        Ir.Term p = path[i];
        if (p instanceof Ir.Const c) {
            if (!(c.value() instanceof StringValue s)) return;
            RuleNode child = n.children.get(s.value());
            if (child != null) match(child, path, i + 1, out);
            return;
        }
        for (RuleNode child : n.children.values()) match(child, path, i + 1, out);
    }

    private static void addAll(RuleNode n, Set<RuleNode> out) {
        if (n.hasRules()) out.add(n);
        for (RuleNode c : n.children.values()) addAll(c, out);
    }
}
