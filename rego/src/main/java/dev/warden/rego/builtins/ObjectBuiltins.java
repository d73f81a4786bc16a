package dev.warden.rego.builtins;

import static dev.warden.rego.builtins.Decl.ANY;
import static dev.warden.rego.builtins.Decl.ANY_ARRAY;
import static dev.warden.rego.builtins.Decl.ANY_OBJECT;
import static dev.warden.rego.builtins.Decl.ANY_SET;
import static dev.warden.rego.builtins.Decl.BOOLEAN;
import static dev.warden.rego.builtins.Decl.fn;

import dev.warden.rego.types.Type;
import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.SetValue;
import dev.warden.rego.value.Value;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code object.*}: get (with paths), keys, union (deep), union_n, remove, filter, subset. */
final class ObjectBuiltins {
    private ObjectBuiltins() {}

    static List<Builtin> all() {
        Type keysArg = Type.anyOf(ANY_ARRAY, ANY_OBJECT, ANY_SET);
        return List.of(
                fn("object.get", List.of(ANY_OBJECT, ANY, ANY), ANY, (ctx, a) -> get(a)),
                fn("object.keys", List.of(ANY_OBJECT), ANY_SET, (ctx, a) -> SetValue.of(Args.object(a, 0).keys())),
                fn("object.union", List.of(ANY_OBJECT, ANY_OBJECT), ANY,
                        (ctx, a) -> union(Args.object(a, 0), Args.object(a, 1))),
                fn("object.union_n", List.of(Type.array(ANY_OBJECT)), ANY, (ctx, a) -> unionN(a)),
                fn("object.remove", List.of(ANY_OBJECT, keysArg), ANY, (ctx, a) -> select(a, false)),
                fn("object.filter", List.of(ANY_OBJECT, keysArg), ANY, (ctx, a) -> select(a, true)),
                fn("object.subset", List.of(Type.anyOf(ANY_OBJECT, ANY_SET, ANY_ARRAY),
                        Type.anyOf(ANY_OBJECT, ANY_SET, ANY_ARRAY)), BOOLEAN,
                        (ctx, a) -> BooleanValue.of(subset(a[0], a[1]))));
    }

    private static Value get(Value[] a) {
        ObjectValue obj = Args.object(a, 0);
        if (!(a[1] instanceof ArrayValue path)) {
            Value v = obj.get(a[1]);
            return v == null ? a[2] : v;
        }
        Value cur = obj;
        for (Value key : path.elements()) {
            cur = child(cur, key);
            if (cur == null) return a[2];
        }
        return cur;
    }

    /** One step down a document: object key, array index or set member; null when absent. */
    static Value child(Value doc, Value key) {
        return switch (doc) {
            case ObjectValue o -> o.get(key);
            case ArrayValue arr -> {
                if (key instanceof NumberValue n && n.isLong() && n.longValue() >= 0 && n.longValue() < arr.size()) {
                    yield arr.get((int) n.longValue());
                }
                yield null;
            }
            case SetValue s -> s.contains(key) ? key : null;
            default -> null;
        };
    }

    /** Deep merge; on conflict the right side wins unless both sides are objects. */
    static ObjectValue union(ObjectValue left, ObjectValue right) {
        ObjectValue.Builder b = ObjectValue.builder().putAll(left);
        for (Value k : right.keys()) {
            Value l = left.get(k), r = right.get(k);
            b.put(k, l instanceof ObjectValue lo && r instanceof ObjectValue ro ? union(lo, ro) : r);
        }
        return b.build();
    }

    private static Value unionN(Value[] a) {
        ArrayValue objs = Args.array(a, 0);
        ObjectValue acc = ObjectValue.EMPTY;
        for (Value v : objs.elements()) {
            if (!(v instanceof ObjectValue o)) throw Args.elementError(0, objs, v, "object");
            acc = union(acc, o);
        }
        return acc;
    }

    private static Value select(Value[] a, boolean keep) {
        ObjectValue obj = Args.object(a, 0);
        Set<Value> keys = new HashSet<>(switch (a[1]) {
            case ArrayValue arr -> arr.elements();
            case SetValue s -> s.elements();
            case ObjectValue o -> o.keys();
            default -> throw Args.typeError(1, a[1], "object", "set", "array");
        });
        ObjectValue.Builder b = ObjectValue.builder();
        for (Value k : obj.keys()) if (keys.contains(k) == keep) b.put(k, obj.get(k));
        return b.build();
    }

    static boolean subset(Value sup, Value sub) {
        if (sup instanceof ObjectValue so && sub instanceof ObjectValue bo) {
            for (Value k : bo.keys()) {
                Value sv = so.get(k);
                if (sv == null || !subset(sv, bo.get(k))) return false;
            }
            return true;
        }
        if (sup instanceof SetValue ss && sub instanceof SetValue bs) {
            for (Value v : bs.elements()) if (!ss.contains(v)) return false;
            return true;
        }
        if (sup instanceof ArrayValue sa && sub instanceof SetValue bs) {
            Set<Value> members = new HashSet<>(sa.elements());
            return members.containsAll(bs.elements());
        }
        if (sup instanceof ArrayValue sa && sub instanceof ArrayValue ba) return containsRun(sa, ba);
        return sup.equals(sub);
    }

    /** True when {@code run} occurs in {@code arr} as a contiguous slice. */
    private static boolean containsRun(ArrayValue arr, ArrayValue run) {
        if (run.isEmpty()) return true;
        outer:
        for (int i = 0; i + run.size() <= arr.size(); i++) {
            for (int j = 0; j < run.size(); j++) if (!arr.get(i + j).equals(run.get(j))) continue outer;
            return true;
        }
        return false;
    }
}
