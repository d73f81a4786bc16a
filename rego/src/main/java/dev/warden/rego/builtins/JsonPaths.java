package dev.warden.rego.builtins;

import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.SetValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The paths of {@code json.filter} and {@code json.remove} as a trie. A path is a string {@code "a/0/b"} (a
 * JSON pointer, leading slash optional) or an array of segments {@code ["a", 0, "b"]}; a string segment also
 * selects the array element at that index.
 */
final class JsonPaths {
    private JsonPaths() {}

    /** One trie node: {@code end} when some path stops here. */
    static final class Node {
        boolean end;
        final Map<Value, Node> children = new HashMap<>();

        Node child(Value key, boolean arrayIndex) {
            Node n = children.get(key);
            if (n == null && arrayIndex && key instanceof NumberValue num) n = children.get(StringValue.of(num.toString()));
            return n;
        }
    }

    static Node parse(Value[] args, int pos) {
        List<Value> paths = switch (args[pos]) {
            case ArrayValue a -> a.elements();
            case SetValue s -> s.elements();
            default -> throw Args.typeError(pos, args[pos], "set", "array");
        };
        Node root = new Node();
        for (Value p : paths) {
            Node n = root;
            for (Value seg : segments(p, pos, args[pos])) n = n.children.computeIfAbsent(seg, k -> new Node());
            n.end = true;
        }
        return root;
    }

    private static List<Value> segments(Value path, int pos, Value container) {
        if (path instanceof ArrayValue a) return a.elements();
        if (!(path instanceof StringValue s)) {
            throw Args.typeError(pos, "must be one of {set, array} containing string paths or array of path segments but got "
                    + path.typeName());
        }
        String p = s.value().startsWith("/") ? s.value().substring(1) : s.value();
        List<Value> out = new ArrayList<>();
        if (p.isEmpty()) return out;
        for (String seg : p.split("/", -1)) out.add(StringValue.of(seg.replace("~1", "/").replace("~0", "~")));
        return out;
    }

    static Value filter(Value doc, Node node) {
        if (node.end) return doc;
        if (node.children.isEmpty()) return null;
        switch (doc) {
            case ObjectValue o -> {
                ObjectValue.Builder b = ObjectValue.builder();
                for (Value k : o.keys()) {
                    Node c = node.child(k, false);
                    if (c == null) continue;
                    Value v = filter(o.get(k), c);
                    if (v != null) b.put(k, v);
                }
                return b.build();
            }
            case ArrayValue a -> {
                List<Value> out = new ArrayList<>();
                for (int i = 0; i < a.size(); i++) {
                    Node c = node.child(NumberValue.of(i), true);
                    if (c == null) continue;
                    Value v = filter(a.get(i), c);
                    if (v != null) out.add(v);
                }
                return ArrayValue.of(out);
            }
            case SetValue s -> {
                List<Value> out = new ArrayList<>();
                for (Value m : s.elements()) {
                    Node c = node.child(m, false);
                    if (c != null && filter(m, c) != null) out.add(m);
                }
                return SetValue.of(out);
            }
            default -> {
                return null;
            }
        }
    }

    static Value remove(Value doc, Node node) {
        if (node.end) return null;
        if (node.children.isEmpty()) return doc;
        switch (doc) {
            case ObjectValue o -> {
                ObjectValue.Builder b = ObjectValue.builder();
                for (Value k : o.keys()) {
                    Node c = node.child(k, false);
                    Value v = c == null ? o.get(k) : remove(o.get(k), c);
                    if (v != null) b.put(k, v);
                }
                return b.build();
            }
            case ArrayValue a -> {
                List<Value> out = new ArrayList<>();
                for (int i = 0; i < a.size(); i++) {
                    Node c = node.child(NumberValue.of(i), true);
                    Value v = c == null ? a.get(i) : remove(a.get(i), c);
                    if (v != null) out.add(v);
                }
                return ArrayValue.of(out);
            }
            case SetValue s -> {
                List<Value> out = new ArrayList<>();
                for (Value m : s.elements()) {
                    Node c = node.child(m, false);
                    if (c == null || !c.end) out.add(m);
                }
                return SetValue.of(out);
            }
            default -> {
                return doc;
            }
        }
    }
}
