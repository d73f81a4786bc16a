package dev.warden.rego.builtins;

import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.util.List;

/**
 * Prints an AST in OPA's shape (see {@link GraphqlParser}) back to GraphQL text, so that ASTs a policy passes
 * as objects can be handed to graphql-java for validation. Members missing from a hand-written AST read as
 * empty, as they do when OPA decodes such an object.
 *
 * <pre>{@code
 * String sdl = GraphqlPrinter.schema(GraphqlSchemaParser.parseSchema("type Query { a: Int }"));
 * }</pre>
 */
final class GraphqlPrinter {
    private final StringBuilder out = new StringBuilder();

    private GraphqlPrinter() {}

    static String schema(ObjectValue doc) {
        GraphqlPrinter p = new GraphqlPrinter();
        for (Value s : list(doc, "Schema")) p.schemaDefinition((ObjectValue) s, false);
        for (Value s : list(doc, "SchemaExtension")) p.schemaDefinition((ObjectValue) s, true);
        for (Value d : list(doc, "Directives")) p.directiveDefinition((ObjectValue) d);
        for (Value d : list(doc, "Definitions")) p.typeDefinition((ObjectValue) d, false);
        for (Value d : list(doc, "Extensions")) p.typeDefinition((ObjectValue) d, true);
        return p.out.toString();
    }

    static String query(ObjectValue doc) {
        GraphqlPrinter p = new GraphqlPrinter();
        for (Value o : list(doc, "Operations")) p.operation((ObjectValue) o);
        for (Value f : list(doc, "Fragments")) p.fragment((ObjectValue) f);
        return p.out.toString();
    }

    // ---- schema ----

    private void schemaDefinition(ObjectValue def, boolean extension) {
        description(def);
        out.append(extension ? "extend schema" : "schema");
        directives(def);
        List<Value> ops = list(def, "OperationTypes");
        if (!ops.isEmpty()) {
            out.append(" {\n");
            for (Value op : ops) out.append("  ").append(str(op, "Operation")).append(": ").append(str(op, "Type")).append('\n');
            out.append('}');
        }
        out.append('\n');
    }

    private void directiveDefinition(ObjectValue def) {
        description(def);
        out.append("directive @").append(str(def, "Name"));
        argumentDefinitions(list(def, "Arguments"));
        if (def.get("IsRepeatable") instanceof BooleanValue b && b.value()) out.append(" repeatable");
        out.append(" on ").append(String.join(" | ", strings(def, "Locations"))).append('\n');
    }

    private void typeDefinition(ObjectValue def, boolean extension) {
        if (!extension) description(def);
        if (extension) out.append("extend ");
        String kind = str(def, "Kind");
        out.append(switch (kind) {
            case "SCALAR" -> "scalar";
            case "INTERFACE" -> "interface";
            case "UNION" -> "union";
            case "ENUM" -> "enum";
            case "INPUT_OBJECT" -> "input";
            default -> "type";
        }).append(' ').append(str(def, "Name"));
        List<String> interfaces = strings(def, "Interfaces");
        if (!interfaces.isEmpty()) out.append(" implements ").append(String.join(" & ", interfaces));
        directives(def);
        List<String> types = strings(def, "Types");
        if (!types.isEmpty()) out.append(" = ").append(String.join(" | ", types));
        List<Value> values = list(def, "EnumValues");
        if (!values.isEmpty()) {
            out.append(" {\n");
            for (Value v : values) {
                description(v);
                out.append(str(v, "Name"));
                directives(v);
                out.append('\n');
            }
            out.append('}');
        }
        List<Value> fields = list(def, "Fields");
        if (!fields.isEmpty()) {
            out.append(" {\n");
            for (Value f : fields) {
                description(f);
                out.append(str(f, "Name"));
                argumentDefinitions(list(f, "Arguments"));
                out.append(": ");
                type(get(f, "Type"));
                defaultValue(f);
                directives(f);
                out.append('\n');
            }
            out.append('}');
        }
        out.append('\n');
    }

    private void argumentDefinitions(List<Value> args) {
        if (args.isEmpty()) return;
        out.append('(');
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) out.append(", ");
            Value a = args.get(i);
            description(a);
            out.append(str(a, "Name")).append(": ");
            type(get(a, "Type"));
            defaultValue(a);
            directives(a);
        }
        out.append(')');
    }

    private void defaultValue(Value node) {
        if (get(node, "DefaultValue") instanceof ObjectValue v) {
            out.append(" = ");
            value(v);
        }
    }

    private void description(Value node) {
        String d = str(node, "Description");
        if (!d.isEmpty()) out.append(quote(d)).append(' ');
    }

    // ---- queries ----

    private void operation(ObjectValue op) {
        String operation = str(op, "Operation");
        out.append(operation.isEmpty() ? "query" : operation);
        String name = str(op, "Name");
        if (!name.isEmpty()) out.append(' ').append(name);
        variableDefinitions(list(op, "VariableDefinitions"));
        directives(op);
        selectionSet(list(op, "SelectionSet"));
        out.append('\n');
    }

    private void fragment(ObjectValue f) {
        // graphql-java has no variables on fragment definitions (a gqlparser extension); they are left out
        out.append("fragment ").append(str(f, "Name")).append(" on ").append(str(f, "TypeCondition"));
        directives(f);
        selectionSet(list(f, "SelectionSet"));
        out.append('\n');
    }

    private void variableDefinitions(List<Value> defs) {
        if (defs.isEmpty()) return;
        out.append('(');
        for (int i = 0; i < defs.size(); i++) {
            if (i > 0) out.append(", ");
            Value d = defs.get(i);
            out.append('$').append(str(d, "Variable")).append(": ");
            type(get(d, "Type"));
            defaultValue(d);
            directives(d);
        }
        out.append(')');
    }

    private void selectionSet(List<Value> selections) {
        out.append(" {");
        for (Value s : selections) {
            out.append(' ');
            if (get(s, "TypeCondition") != null) {
                out.append("...");
                String on = str(s, "TypeCondition");
                if (!on.isEmpty()) out.append(" on ").append(on);
                directives(s);
                selectionSet(list(s, "SelectionSet"));
            } else if (get(s, "Alias") != null || get(s, "SelectionSet") != null || get(s, "Arguments") != null) {
                String alias = str(s, "Alias");
                String name = str(s, "Name");
                if (!alias.isEmpty() && !alias.equals(name)) out.append(alias).append(": ");
                out.append(name);
                arguments(list(s, "Arguments"));
                directives(s);
                List<Value> sub = list(s, "SelectionSet");
                if (!sub.isEmpty()) selectionSet(sub);
            } else {
                out.append("...").append(str(s, "Name"));
                directives(s);
            }
        }
        out.append(" }");
    }

    // ---- shared ----

    private void directives(Value node) {
        for (Value d : list(node, "Directives")) {
            out.append(" @").append(str(d, "Name"));
            arguments(list(d, "Arguments"));
        }
    }

    private void arguments(List<Value> args) {
        if (args.isEmpty()) return;
        out.append('(');
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) out.append(", ");
            out.append(str(args.get(i), "Name")).append(": ");
            value(get(args.get(i), "Value"));
        }
        out.append(')');
    }

    private void value(Value v) {
        int kind = get(v, "Kind") instanceof NumberValue n ? (int) n.longValue() : GraphqlParser.ENUM;
        String raw = str(v, "Raw");
        switch (kind) {
            case GraphqlParser.VARIABLE -> out.append('$').append(raw);
            case GraphqlParser.STRING -> out.append(quote(raw));
            case GraphqlParser.BLOCK -> out.append("\"\"\"").append(raw.replace("\"\"\"", "\\\"\"\"")).append("\"\"\"");
            case GraphqlParser.LIST -> {
                out.append('[');
                List<Value> children = list(v, "Children");
                for (int i = 0; i < children.size(); i++) {
                    if (i > 0) out.append(", ");
                    value(get(children.get(i), "Value"));
                }
                out.append(']');
            }
            case GraphqlParser.OBJECT -> {
                out.append('{');
                List<Value> children = list(v, "Children");
                for (int i = 0; i < children.size(); i++) {
                    if (i > 0) out.append(", ");
                    out.append(str(children.get(i), "Name")).append(": ");
                    value(get(children.get(i), "Value"));
                }
                out.append('}');
            }
            default -> out.append(raw);
        }
    }

    private void type(Value t) {
        if (get(t, "Elem") instanceof ObjectValue elem) {
            out.append('[');
            type(elem);
            out.append(']');
        } else {
            out.append(str(t, "NamedType"));
        }
        if (get(t, "NonNull") instanceof BooleanValue b && b.value()) out.append('!');
    }

    /** A GraphQL string literal. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }

    private static Value get(Value node, String key) {
        return node instanceof ObjectValue o ? o.get(key) : null;
    }

    private static String str(Value node, String key) {
        return get(node, key) instanceof StringValue s ? s.value() : "";
    }

    private static List<Value> list(Value node, String key) {
        return get(node, key) instanceof ArrayValue a ? a.elements() : List.of();
    }

    private static List<String> strings(Value node, String key) {
        return list(node, key).stream().map(v -> v instanceof StringValue s ? s.value() : "").toList();
    }
}
