package dev.warden.rego.builtins;

import static dev.warden.rego.builtins.Decl.ANY;
import static dev.warden.rego.builtins.Decl.ANY_ARRAY;
import static dev.warden.rego.builtins.Decl.ANY_COLLECTION;
import static dev.warden.rego.builtins.Decl.ANY_SET;
import static dev.warden.rego.builtins.Decl.fn;
import static dev.warden.rego.builtins.Decl.relation;

import dev.warden.rego.types.Type;
import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.NullValue;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.SetValue;
import dev.warden.rego.value.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code walk} (a relation, see {@link Builtin}), {@code graph.reachable} and {@code graph.reachable_paths}. */
final class GraphBuiltins {
    private GraphBuiltins() {}

    static List<Builtin> all() {
        Type graph = Type.object(ANY, ANY_COLLECTION);
        return List.of(
                relation("walk", List.of(ANY), Type.array(ANY), (ctx, a) -> walk(ctx, a[0])),
                fn("graph.reachable", List.of(graph, ANY_COLLECTION), ANY_SET, (ctx, a) -> reachable(a)),
                fn("graph.reachable_paths", List.of(graph, ANY_COLLECTION), Type.set(ANY_ARRAY),
                        (ctx, a) -> reachablePaths(a)));
    }

    /** Every {@code [path, value]} pair under {@code root}, the root first, children in OPA's order. */
    private static ArrayValue walk(BuiltinContext ctx, Value root) {
        List<Value> out = new ArrayList<>();
        walk(ctx, new ArrayList<>(), root, out);
        return ArrayValue.of(out);
    }

    private static void walk(BuiltinContext ctx, List<Value> path, Value v, List<Value> out) {
        if ((out.size() & 0xfff) == 0xfff) ctx.checkCancelled();
        out.add(ArrayValue.of(ArrayValue.of(path), v));
        switch (v) {
            case ArrayValue a -> {
                for (int i = 0; i < a.size(); i++) descend(ctx, path, NumberValue.of(i), a.get(i), out);
            }
            case ObjectValue o -> {
                for (Value k : o.keys()) descend(ctx, path, k, o.get(k), out);
            }
            case SetValue s -> {
                for (Value m : s.elements()) descend(ctx, path, m, m, out);
            }
            default -> { }
        }
    }

    private static void descend(BuiltinContext ctx, List<Value> path, Value key, Value v, List<Value> out) {
        path.add(key);
        walk(ctx, path, v, out);
        path.removeLast();
    }

    private static List<Value> edges(ObjectValue graph, Value node, int pos) {
        Value e = graph.get(node);
        return switch (e) {
            case null -> List.of();
            case NullValue n -> List.of();
            case ArrayValue a -> a.elements();
            case SetValue s -> s.elements();
            default -> throw Args.typeError(pos, "must be object of sets or arrays but got object containing " + e.typeName());
        };
    }

    private static Value reachable(Value[] a) {
        ObjectValue graph = Args.object(a, 0);
        Set<Value> seen = new LinkedHashSet<>();
        Deque<Value> todo = new ArrayDeque<>();
        for (Value v : Args.collection(a, 1)) if (graph.containsKey(v)) todo.add(v);
        while (!todo.isEmpty()) {
            Value n = todo.poll();
            if (!seen.add(n)) continue;
            for (Value next : edges(graph, n, 0)) if (graph.containsKey(next) && !seen.contains(next)) todo.add(next);
        }
        return SetValue.of(seen);
    }

    /**
     * Paths from each initial node, depth first. A path ends at a node with no neighbours in the graph, or just
     * before a neighbour already expanded on this search (which is how cycles end).
     */
    private static Value reachablePaths(Value[] a) {
        ObjectValue graph = Args.object(a, 0);
        Set<Value> out = new HashSet<>();
        for (Value start : Args.collection(a, 1)) {
            if (!graph.containsKey(start)) continue;
            List<Value> path = new ArrayList<>();
            path.add(start);
            paths(graph, start, path, new HashSet<>(), out);
        }
        return SetValue.of(out);
    }

    private static void paths(ObjectValue graph, Value node, List<Value> path, Set<Value> expanded, Set<Value> out) {
        List<Value> next = new ArrayList<>();
        for (Value n : edges(graph, node, 0)) if (graph.containsKey(n)) next.add(n);
        if (next.isEmpty()) {
            out.add(ArrayValue.of(path));
            return;
        }
        expanded.add(node);
        for (Value n : next) {
            if (expanded.contains(n)) {
                out.add(ArrayValue.of(path));
                continue;
            }
            path.add(n);
            paths(graph, n, path, expanded, out);
            path.removeLast();
        }
    }
}
