package dev.warden.rego.builtins;

import static dev.warden.rego.builtins.GraphqlSchema.list;
import static dev.warden.rego.builtins.GraphqlSchema.str;

import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.Value;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The executable-document rules policies depend on: fields exist on their types, arguments are known and required
 * ones given, composite fields have selections, fragments and variables are defined. {@link #problem()} is the
 * first violation, phrased as gqlparser phrases it, or null.
 */
final class GraphqlQueryValidator {
    private final GraphqlSchema schema;
    private final Map<Value, GraphqlLexer.Token> positions;
    private final Map<String, ObjectValue> fragments = new HashMap<>();
    private Set<String> variables = Set.of();
    private String problem;

    private GraphqlQueryValidator(GraphqlSchema schema, Map<Value, GraphqlLexer.Token> positions) {
        this.schema = schema;
        this.positions = positions;
    }

    /** The first violation (located when the query's positions are known), or null. */
    static String validate(ObjectValue query, GraphqlSchema schema, Map<Value, GraphqlLexer.Token> positions) {
        GraphqlQueryValidator v = new GraphqlQueryValidator(schema, positions);
        for (ObjectValue f : list(query, "Fragments")) v.fragments.put(str(f, "Name"), f);
        for (ObjectValue op : list(query, "Operations")) {
            String rootName = schema.roots.get(str(op, "Operation"));
            if (rootName == null) {
                v.fail("Schema does not support operation type \"" + str(op, "Operation") + "\"");
                continue;
            }
            Set<String> vars = new HashSet<>();
            for (ObjectValue d : list(op, "VariableDefinitions")) vars.add(str(d, "Variable"));
            v.variables = vars;
            v.selections(list(op, "SelectionSet"), rootName, new HashSet<>());
        }
        for (ObjectValue f : list(query, "Fragments")) {
            if (!schema.types.containsKey(str(f, "TypeCondition"))) v.fail("Unknown type \"" + str(f, "TypeCondition") + "\".");
        }
        return v.problem;
    }

    private void fail(String message) { if (problem == null) problem = message; }

    private void fail(String message, ObjectValue at) {
        GraphqlLexer.Token t = positions.get(at);
        fail(t == null ? message : message + " in GraphQL string at location " + t.line() + ":" + t.column());
    }

    private void selections(List<ObjectValue> set, String typeName, Set<String> visiting) {
        GraphqlSchema.Type type = schema.types.get(typeName);
        for (ObjectValue sel : set) {
            if (sel.get("Alias") != null) {
                field(sel, typeName, type, visiting);
            } else if (sel.get("TypeCondition") != null) {
                String cond = str(sel, "TypeCondition");
                if (!cond.isEmpty() && !schema.types.containsKey(cond)) fail("Unknown type \"" + cond + "\".");
                arguments(list(sel, "Directives"));
                selections(list(sel, "SelectionSet"), cond.isEmpty() ? typeName : cond, visiting);
            } else {
                String name = str(sel, "Name");
                ObjectValue frag = fragments.get(name);
                arguments(list(sel, "Directives"));
                if (frag == null) fail("Undefined fragment " + name + ".");
                else if (visiting.add(name)) {
                    selections(list(frag, "SelectionSet"), str(frag, "TypeCondition"), visiting);
                    visiting.remove(name);
                }
            }
        }
    }

    private void field(ObjectValue sel, String typeName, GraphqlSchema.Type type, Set<String> visiting) {
        String name = str(sel, "Name");
        arguments(list(sel, "Directives"));
        if (name.equals("__typename")) return;
        ObjectValue def = type == null ? null : type.field(name);
        if (def == null) {
            fail("Cannot query field \"" + name + "\" on type \"" + typeName + "\".", sel);
            return;
        }
        List<ObjectValue> given = list(sel, "Arguments");
        Set<String> givenNames = new HashSet<>();
        for (ObjectValue a : given) givenNames.add(str(a, "Name"));
        List<ObjectValue> defined = list(def, "Arguments");
        Set<String> definedNames = new HashSet<>();
        for (ObjectValue a : defined) {
            definedNames.add(str(a, "Name"));
            ObjectValue t = (ObjectValue) a.get("Type");
            if (GraphqlSchema.bool(t.get("NonNull")) && a.get("DefaultValue") == null && !givenNames.contains(str(a, "Name"))) {
                fail("Field \"" + name + "\" argument \"" + str(a, "Name") + "\" of type \"" + typeText(t)
                        + "\" is required, but it was not provided", sel);
            }
        }
        for (String g : givenNames) {
            if (!definedNames.contains(g)) fail("Unknown argument \"" + g + "\" on field \"" + typeName + "." + name + "\".");
        }
        arguments(given);
        String fieldType = namedType((ObjectValue) def.get("Type"));
        GraphqlSchema.Type ft = schema.types.get(fieldType);
        List<ObjectValue> sub = list(sel, "SelectionSet");
        if (ft != null && ft.isComposite() && sub.isEmpty()) {
            fail("Field \"" + name + "\" of type \"" + typeText((ObjectValue) def.get("Type")) + "\" must have a selection of subfields.");
        } else if (ft != null && !ft.isComposite() && !sub.isEmpty()) {
            fail("Field \"" + name + "\" must not have a selection since type \"" + fieldType + "\" has no subfields.");
        }
        if (!sub.isEmpty()) selections(sub, fieldType, visiting);
    }

    /** Variables used in argument values must be defined by the operation. */
    private void arguments(List<ObjectValue> args) {
        for (ObjectValue a : args) {
            if (a.get("Arguments") instanceof ArrayValue) arguments(list(a, "Arguments"));
            if (a.get("Value") instanceof ObjectValue v) value(v);
        }
    }

    private void value(ObjectValue v) {
        if (v.get("Kind") instanceof NumberValue k && k.longValue() == 0 && !variables.contains(str(v, "Raw"))) {
            // Variables inside fragments are checked against the operation that spreads them.
            fail("Variable \"$" + str(v, "Raw") + "\" is not defined.");
        }
        for (ObjectValue c : list(v, "Children")) if (c.get("Value") instanceof ObjectValue cv) value(cv);
    }

    private static String namedType(ObjectValue t) {
        ObjectValue cur = t;
        while (cur.get("Elem") instanceof ObjectValue e) cur = e;
        return str(cur, "NamedType");
    }

    static String typeText(ObjectValue t) {
        String s = t.get("Elem") instanceof ObjectValue e ? "[" + typeText(e) + "]" : str(t, "NamedType");
        return GraphqlSchema.bool(t.get("NonNull")) ? s + "!" : s;
    }

}
