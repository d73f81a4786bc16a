package dev.warden.rego.builtins;

import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.NullValue;
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
 * {@code strings.render_template}: the part of Go's text/template that policies use — {@code {{.a.b}}},
 * variables, {@code if}/{@code else}, {@code range} (with {@code $i, $v :=}), {@code with} and trim markers.
 * A missing key renders as {@code <undefined>}, as in OPA.
 *
 * <pre>{@code
 * TemplateRenderer.render("hello {{.name}}", vars); // "hello ann"
 * }</pre>
 */
final class TemplateRenderer {
    private static final String UNDEFINED = "<undefined>";

    private sealed interface Node {}

    private record Text(String text) implements Node {}

    private record Print(String expr) implements Node {}

    private record Block(String kind, String expr, List<Node> body, List<Node> otherwise) implements Node {}

    private final List<String> tokens = new ArrayList<>(); // text and "{{...}}" actions, alternating
    private int pos;

    private TemplateRenderer(String template) {
        int i = 0;
        StringBuilder text = new StringBuilder();
        while (i < template.length()) {
            int open = template.indexOf("{{", i);
            if (open < 0) {
                text.append(template, i, template.length());
                break;
            }
            int close = template.indexOf("}}", open + 2);
            if (close < 0) throw BuiltinException.error("template: unclosed action");
            String action = template.substring(open + 2, close);
            text.append(template, i, open);
            if (action.startsWith("- ")) trimTrailing(text);
            tokens.add(text.toString());
            text.setLength(0);
            i = close + 2;
            if (action.endsWith(" -")) {
                while (i < template.length() && Character.isWhitespace(template.charAt(i))) i++;
            }
            tokens.add("{{" + stripTrim(action).trim());
        }
        tokens.add(text.toString());
    }

    static String render(String template, ObjectValue vars) {
        TemplateRenderer r = new TemplateRenderer(template);
        List<Node> nodes = r.parse(false);
        StringBuilder out = new StringBuilder();
        Map<String, Value> scope = new HashMap<>();
        scope.put("$", vars);
        exec(nodes, vars, scope, out);
        return out.toString();
    }

    private static void trimTrailing(StringBuilder sb) {
        int n = sb.length();
        while (n > 0 && Character.isWhitespace(sb.charAt(n - 1))) n--;
        sb.setLength(n);
    }

    private static String stripTrim(String action) {
        String a = action;
        if (a.startsWith("- ")) a = a.substring(2);
        if (a.endsWith(" -")) a = a.substring(0, a.length() - 2);
        return a;
    }

    /** Parses until end of input or, inside a block, until its {@code else} or {@code end} (left unconsumed). */
    private List<Node> parse(boolean inBlock) {
        List<Node> nodes = new ArrayList<>();
        while (pos < tokens.size()) {
            String t = tokens.get(pos);
            if (!t.startsWith("{{")) {
                if (!t.isEmpty()) nodes.add(new Text(t));
                pos++;
                continue;
            }
            String action = t.substring(2);
            String word = action.split("\\s+", 2)[0];
            if (word.equals("end") || word.equals("else")) {
                if (!inBlock) throw BuiltinException.error("template: unexpected {{" + word + "}}");
                return nodes;
            }
            pos++;
            if (word.startsWith("/*")) continue;
            if (word.equals("if") || word.equals("range") || word.equals("with")) {
                nodes.add(block(word, action.substring(word.length()).trim()));
            } else {
                nodes.add(new Print(action));
            }
        }
        if (inBlock) throw BuiltinException.error("template: unexpected EOF");
        return nodes;
    }

    private Block block(String kind, String expr) {
        List<Node> body = parse(true);
        List<Node> otherwise = List.of();
        String t = tokens.get(pos).substring(2);
        pos++;
        if (t.startsWith("else")) {
            String rest = t.substring(4).trim();
            if (rest.startsWith("if ")) {
                otherwise = List.of(block("if", rest.substring(3).trim()));
                return new Block(kind, expr, body, otherwise);
            }
            otherwise = parse(true);
            pos++; // the end
        }
        return new Block(kind, expr, body, otherwise);
    }

    private static void exec(List<Node> nodes, Value dot, Map<String, Value> scope, StringBuilder out) {
        for (Node n : nodes) {
            switch (n) {
                case Text t -> out.append(t.text());
                case Print p -> {
                    Value v = eval(p.expr(), dot, scope);
                    if (p.expr().startsWith("$") && p.expr().contains(":=")) continue; // an assignment prints nothing
                    out.append(v == null ? UNDEFINED : show(v));
                }
                case Block b -> block(b, dot, scope, out);
            }
        }
    }

    private static void block(Block b, Value dot, Map<String, Value> scope, StringBuilder out) {
        switch (b.kind()) {
            case "if" -> exec(truthy(eval(b.expr(), dot, scope)) ? b.body() : b.otherwise(), dot, scope, out);
            case "with" -> {
                Value v = eval(b.expr(), dot, scope);
                if (truthy(v)) exec(b.body(), v, scope, out);
                else exec(b.otherwise(), dot, scope, out);
            }
            default -> range(b, dot, scope, out);
        }
    }

    private static void range(Block b, Value dot, Map<String, Value> scope, StringBuilder out) {
        String expr = b.expr();
        String keyVar = null, valVar = null;
        int assign = expr.indexOf(":=");
        if (assign >= 0) {
            String[] vars = expr.substring(0, assign).split(",");
            if (vars.length == 2) {
                keyVar = vars[0].trim();
                valVar = vars[1].trim();
            } else {
                valVar = vars[0].trim();
            }
            expr = expr.substring(assign + 2).trim();
        }
        Value coll = eval(expr, dot, scope);
        List<Value[]> items = new ArrayList<>();
        switch (coll) {
            case ArrayValue a -> { for (int i = 0; i < a.size(); i++) items.add(new Value[] {NumberValue.of(i), a.get(i)}); }
            case SetValue s -> { int i = 0; for (Value v : s.elements()) items.add(new Value[] {NumberValue.of(i++), v}); }
            case ObjectValue o -> { for (Value k : o.keys()) items.add(new Value[] {k, o.get(k)}); }
            case null, default -> { }
        }
        if (items.isEmpty()) {
            exec(b.otherwise(), dot, scope, out);
            return;
        }
        for (Value[] kv : items) {
            Map<String, Value> inner = new HashMap<>(scope);
            if (keyVar != null) inner.put(keyVar, kv[0]);
            if (valVar != null) inner.put(valVar, kv[1]);
            exec(b.body(), kv[1], inner, out);
        }
    }

    /** Evaluates a field chain ({@code .a.b}), a variable ({@code $x.a}), a literal, or {@code $x := expr}. */
    private static Value eval(String expr, Value dot, Map<String, Value> scope) {
        String e = expr.trim();
        int assign = e.indexOf(":=");
        if (assign > 0 && e.startsWith("$")) {
            Value v = eval(e.substring(assign + 2), dot, scope);
            scope.put(e.substring(0, assign).trim(), v);
            return v;
        }
        if (e.startsWith("\"") && e.endsWith("\"") && e.length() >= 2) return StringValue.of(e.substring(1, e.length() - 1));
        if (e.equals("true") || e.equals("false")) return BooleanValue.of(e.equals("true"));
        if (!e.isEmpty() && (Character.isDigit(e.charAt(0)) || e.charAt(0) == '-')) {
            try {
                return NumberValue.parse(e);
            } catch (NumberFormatException notANumber) {
                throw BuiltinException.error("template: cannot evaluate " + e);
            }
        }
        Value cur;
        String path;
        if (e.startsWith("$")) {
            int dotAt = e.indexOf('.');
            String name = dotAt < 0 ? e : e.substring(0, dotAt);
            if (!scope.containsKey(name)) throw BuiltinException.error("template: undefined variable: " + name);
            cur = scope.get(name);
            path = dotAt < 0 ? "" : e.substring(dotAt);
        } else if (e.startsWith(".")) {
            cur = dot;
            path = e;
        } else {
            throw BuiltinException.error("template: function \"" + e.split("\\s+")[0] + "\" not defined");
        }
        for (String field : path.split("\\.")) {
            if (field.isEmpty()) continue;
            if (!(cur instanceof ObjectValue o)) return null;
            cur = o.get(field);
            if (cur == null) return null;
        }
        return cur;
    }

    private static boolean truthy(Value v) {
        return switch (v) {
            case null -> false;
            case NullValue n -> false;
            case BooleanValue b -> b.value();
            case NumberValue n -> n.signum() != 0;
            case StringValue s -> !s.value().isEmpty();
            case ArrayValue a -> !a.isEmpty();
            case ObjectValue o -> !o.isEmpty();
            case SetValue s -> !s.isEmpty();
        };
    }

    /** Go's %v of the JSON-decoded value: strings bare, arrays {@code [a b]}, objects {@code map[k:v]}. */
    private static String show(Value v) {
        return switch (v) {
            case NullValue n -> "<nil>";
            case StringValue s -> s.value();
            case BooleanValue b -> Boolean.toString(b.value());
            case NumberValue n -> n.toString();
            case ArrayValue a -> join(a.elements(), "[", "]");
            case SetValue s -> join(s.elements(), "[", "]");
            case ObjectValue o -> {
                StringBuilder sb = new StringBuilder("map[");
                boolean first = true;
                for (Value k : o.keys()) {
                    if (!first) sb.append(' ');
                    first = false;
                    sb.append(show(k)).append(':').append(show(o.get(k)));
                }
                yield sb.append(']').toString();
            }
        };
    }

    private static String join(List<Value> items, String open, String close) {
        StringBuilder sb = new StringBuilder(open);
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) sb.append(' ');
            sb.append(show(items.get(i)));
        }
        return sb.append(close).toString();
    }
}
