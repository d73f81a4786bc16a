package dev.warden.rego.builtins;

import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.SetValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * RFC 6902 JSON Patch over Rego values ({@code json.patch}), extended as OPA extends it: paths may be arrays of
 * segments, and sets are addressed by member. Any failing operation makes the whole result undefined (null).
 */
final class JsonPatch {
    private JsonPatch() {}

    static Value apply(Value doc, ArrayValue patches) {
        Value cur = doc;
        for (Value p : patches.elements()) {
            if (!(p instanceof ObjectValue op)) {
                throw Args.typeError(1, "must be array of objects but got array containing " + p.typeName());
            }
            cur = applyOne(cur, op);
            if (cur == null) return null;
        }
        return cur;
    }

    private static Value applyOne(Value doc, ObjectValue op) {
        if (!(op.get("op") instanceof StringValue name)) return null;
        List<Value> path = path(op.get("path"));
        if (path == null) return null;
        Value value = op.get("value");
        return switch (name.value()) {
            case "add" -> value == null ? null : add(doc, path, value);
            case "remove" -> remove(doc, path);
            case "replace" -> {
                if (value == null || get(doc, path) == null) yield null;
                if (path.isEmpty()) yield value;
                Value removed = remove(doc, path);
                yield removed == null ? null : add(removed, path, value);
            }
            case "move", "copy" -> {
                List<Value> from = path(op.get("from"));
                Value v = from == null ? null : get(doc, from);
                if (v == null) yield null;
                Value base = name.value().equals("move") ? remove(doc, from) : doc;
                yield base == null ? null : add(base, path, v);
            }
            case "test" -> value != null && value.equals(get(doc, path)) ? doc : null;
            default -> null;
        };
    }

    private static List<Value> path(Value p) {
        if (p instanceof ArrayValue a) return a.elements();
        if (!(p instanceof StringValue s)) return null;
        String text = s.value().startsWith("/") ? s.value().substring(1) : s.value();
        List<Value> out = new ArrayList<>();
        if (s.value().isEmpty()) return out;
        for (String seg : text.split("/", -1)) out.add(StringValue.of(seg.replace("~1", "/").replace("~0", "~")));
        return out;
    }

    static Value get(Value doc, List<Value> path) {
        Value cur = doc;
        for (Value seg : path) {
            cur = child(cur, seg);
            if (cur == null) return null;
        }
        return cur;
    }

    private static Value child(Value doc, Value seg) {
        if (doc instanceof ArrayValue a) {
            int i = index(seg, a.size(), false);
            return i < 0 ? null : a.get(i);
        }
        return ObjectBuiltins.child(doc, seg);
    }

    /** An array index from a segment; -1 when invalid. {@code "-"} means one past the end when allowed. */
    private static int index(Value seg, int size, boolean forInsert) {
        long i;
        if (seg instanceof NumberValue n && n.isLong()) {
            i = n.longValue();
        } else if (seg instanceof StringValue s) {
            if (forInsert && s.value().equals("-")) return size;
            if (!s.value().matches("0|[1-9][0-9]{0,9}")) return -1;
            i = Long.parseLong(s.value());
        } else {
            return -1;
        }
        return i >= 0 && i < size + (forInsert ? 1 : 0) ? (int) i : -1;
    }

    private static Value add(Value doc, List<Value> path, Value value) {
        if (path.isEmpty()) return value;
        return modify(doc, path, 0, (parent, key) -> switch (parent) {
            case ObjectValue o -> ObjectValue.builder().putAll(o).put(key, value).build();
            case ArrayValue a -> {
                int i = index(key, a.size(), true);
                if (i < 0) yield null;
                List<Value> items = new ArrayList<>(a.elements());
                items.add(i, value);
                yield ArrayValue.of(items);
            }
            case SetValue s -> key.equals(value) ? s.union(SetValue.of(value)) : null;
            default -> null;
        });
    }

    private static Value remove(Value doc, List<Value> path) {
        if (path.isEmpty()) return null;
        return modify(doc, path, 0, (parent, key) -> switch (parent) {
            case ObjectValue o -> {
                if (!o.containsKey(key)) yield null;
                ObjectValue.Builder b = ObjectValue.builder();
                for (Value k : o.keys()) if (!k.equals(key)) b.put(k, o.get(k));
                yield b.build();
            }
            case ArrayValue a -> {
                int i = index(key, a.size(), false);
                if (i < 0) yield null;
                List<Value> items = new ArrayList<>(a.elements());
                items.remove(i);
                yield ArrayValue.of(items);
            }
            case SetValue s -> s.contains(key) ? s.difference(SetValue.of(key)) : null;
            default -> null;
        });
    }

    /** Applies {@code op(parent, lastSegment)} at the end of the path and rebuilds the documents above it. */
    private static Value modify(Value doc, List<Value> path, int i, BinaryOperator<Value> op) {
        if (i == path.size() - 1) return op.apply(doc, path.get(i));
        Value seg = path.get(i);
        Value c = child(doc, seg);
        if (c == null) return null;
        Value updated = modify(c, path, i + 1, op);
        if (updated == null) return null;
        return switch (doc) {
            case ObjectValue o -> ObjectValue.builder().putAll(o).put(seg, updated).build();
            case ArrayValue a -> {
                List<Value> items = new ArrayList<>(a.elements());
                items.set(index(seg, a.size(), false), updated);
                yield ArrayValue.of(items);
            }
            case SetValue s -> s.difference(SetValue.of(c)).union(SetValue.of(updated));
            default -> null;
        };
    }
}
