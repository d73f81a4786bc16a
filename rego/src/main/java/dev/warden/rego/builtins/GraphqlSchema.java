package dev.warden.rego.builtins;

import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A GraphQL schema assembled from a schema AST (definitions merged with their extensions, plus the built-in
 * scalars and directives) and checked by the spec's type-system rules. {@link #problem()} is the first violation,
 * or null for a valid schema.
 */
final class GraphqlSchema {
    /** A type: its kind and merged parts. */
    static final class Type {
        final String kind;
        final List<ObjectValue> fields = new ArrayList<>(), enumValues = new ArrayList<>(), directives = new ArrayList<>();
        final List<String> interfaces = new ArrayList<>(), members = new ArrayList<>();

        Type(String kind) { this.kind = kind; }

        boolean isInput() { return kind.equals("SCALAR") || kind.equals("ENUM") || kind.equals("INPUT_OBJECT"); }

        boolean isOutput() { return !kind.equals("INPUT_OBJECT"); }

        boolean isComposite() { return kind.equals("OBJECT") || kind.equals("INTERFACE") || kind.equals("UNION"); }

        ObjectValue field(String name) {
            for (ObjectValue f : fields) if (name.equals(str(f, "Name"))) return f;
            return null;
        }
    }

    private static final Map<String, String> KIND_LOCATION = Map.of("SCALAR", "SCALAR", "OBJECT", "OBJECT",
            "INTERFACE", "INTERFACE", "UNION", "UNION", "ENUM", "ENUM", "INPUT_OBJECT", "INPUT_OBJECT");

    final Map<String, Type> types = new LinkedHashMap<>();
    final Map<String, Set<String>> directiveLocations = new LinkedHashMap<>();
    final Map<String, String> roots = new LinkedHashMap<>();
    private final List<ObjectValue> directiveDefs = new ArrayList<>();
    private final List<List<ObjectValue>> schemaParts = new ArrayList<>();
    private String problem;

    GraphqlSchema(ObjectValue ast) {
        for (String s : List.of("Int", "Float", "String", "Boolean", "ID")) types.put(s, new Type("SCALAR"));
        directiveLocations.put("skip", Set.of("FIELD", "FRAGMENT_SPREAD", "INLINE_FRAGMENT"));
        directiveLocations.put("include", Set.of("FIELD", "FRAGMENT_SPREAD", "INLINE_FRAGMENT"));
        directiveLocations.put("deprecated", Set.of("FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INPUT_FIELD_DEFINITION", "ENUM_VALUE"));
        directiveLocations.put("specifiedBy", Set.of("SCALAR"));
        directiveLocations.put("oneOf", Set.of("INPUT_OBJECT"));
        for (ObjectValue def : list(ast, "Definitions")) add(def, false);
        for (ObjectValue ext : list(ast, "Extensions")) add(ext, true);
        for (ObjectValue d : list(ast, "Directives")) {
            String name = str(d, "Name");
            if (directiveLocations.containsKey(name) && problem == null) problem = "Cannot redeclare directive " + name + ".";
            Set<String> locs = new HashSet<>();
            for (Value l : d.get("Locations") instanceof ArrayValue a ? a.elements() : List.<Value>of()) locs.add(((StringValue) l).value());
            directiveLocations.put(name, locs);
            directiveDefs.add(d);
        }
        for (ObjectValue s : list(ast, "Schema")) schemaParts.add(List.of(s));
        for (ObjectValue s : list(ast, "SchemaExtension")) schemaParts.add(List.of(s));
        if (problem == null) validate();
    }

    String problem() { return problem; }

    static List<ObjectValue> list(ObjectValue o, String key) {
        List<ObjectValue> out = new ArrayList<>();
        if (o.get(key) instanceof ArrayValue a) for (Value v : a.elements()) if (v instanceof ObjectValue ov) out.add(ov);
        return out;
    }

    static String str(ObjectValue o, String key) { return o.get(key) instanceof StringValue s ? s.value() : ""; }

    private static List<String> names(ObjectValue o, String key) {
        List<String> out = new ArrayList<>();
        if (o.get(key) instanceof ArrayValue a) for (Value v : a.elements()) if (v instanceof StringValue s) out.add(s.value());
        return out;
    }

    private void add(ObjectValue def, boolean extension) {
        String name = str(def, "Name"), kind = str(def, "Kind");
        Type t = types.get(name);
        if (t == null) {
            t = new Type(kind);
            types.put(name, t);
        } else if (!extension) {
            if (problem == null) problem = "Cannot redeclare type " + name + ".";
            return;
        } else if (!t.kind.equals(kind)) {
            if (problem == null) problem = "Cannot extend type " + name + " because the base type is a " + t.kind + ", not " + kind + ".";
            return;
        }
        t.fields.addAll(list(def, "Fields"));
        t.enumValues.addAll(list(def, "EnumValues"));
        t.directives.addAll(list(def, "Directives"));
        t.interfaces.addAll(names(def, "Interfaces"));
        t.members.addAll(names(def, "Types"));
    }

    private void fail(String message) { if (problem == null) problem = message; }

    private static String namedType(ObjectValue typeRef) {
        ObjectValue cur = typeRef;
        while (cur.get("Elem") instanceof ObjectValue elem) cur = elem;
        return str(cur, "NamedType");
    }

    private void validate() {
        for (var e : types.entrySet()) {
            String name = e.getKey();
            Type t = e.getValue();
            if (name.startsWith("__")) fail("Name \"" + name + "\" must not begin with \"__\".");
            directives(t.directives, KIND_LOCATION.get(t.kind));
            switch (t.kind) {
                case "OBJECT", "INTERFACE" -> object(name, t);
                case "UNION" -> {
                    if (t.members.isEmpty()) fail("UNION " + name + ": must define one or more member types.");
                    for (String m : t.members) {
                        Type mt = types.get(m);
                        if (mt == null) fail("Undefined type \"" + m + "\".");
                        else if (!mt.kind.equals("OBJECT")) fail(name + " type " + m + " must be OBJECT.");
                    }
                }
                case "ENUM" -> {
                    if (t.enumValues.isEmpty()) fail("ENUM " + name + ": must define one or more unique enum values.");
                    for (ObjectValue v : t.enumValues) directives(list(v, "Directives"), "ENUM_VALUE");
                }
                case "INPUT_OBJECT" -> {
                    if (t.fields.isEmpty()) fail("INPUT_OBJECT " + name + ": must define one or more input fields.");
                    for (ObjectValue f : t.fields) inputValue(f, "INPUT_FIELD_DEFINITION");
                }
                default -> { }
            }
        }
        for (List<ObjectValue> part : schemaParts) {
            for (ObjectValue s : part) {
                directives(list(s, "Directives"), "SCHEMA");
                for (ObjectValue op : list(s, "OperationTypes")) {
                    Type t = types.get(str(op, "Type"));
                    if (t == null) fail("Schema root " + str(op, "Operation") + " refers to a type " + str(op, "Type") + " that does not exist.");
                    else if (!t.kind.equals("OBJECT")) fail(str(op, "Operation") + " root type must be OBJECT.");
                    roots.put(str(op, "Operation"), str(op, "Type"));
                }
            }
        }
        for (ObjectValue d : directiveDefs) for (ObjectValue arg : list(d, "Arguments")) inputValue(arg, null);
        for (String op : List.of("query", "mutation", "subscription")) {
            String dflt = Character.toUpperCase(op.charAt(0)) + op.substring(1);
            if (!roots.containsKey(op) && types.containsKey(dflt)) roots.put(op, dflt);
        }
    }

    private void object(String name, Type t) {
        if (t.fields.isEmpty()) fail(t.kind + " " + name + ": must define one or more fields.");
        Set<String> seen = new HashSet<>();
        for (ObjectValue f : t.fields) {
            String fname = str(f, "Name");
            if (!seen.add(fname)) fail("Field " + name + "." + fname + " can only be defined once.");
            String tn = namedType((ObjectValue) f.get("Type"));
            Type ft = types.get(tn);
            if (ft == null) fail("Undefined type " + tn + ".");
            else if (!ft.isOutput()) fail("OBJECT field " + fname + " must be an output type, got " + tn + ".");
            for (ObjectValue arg : list(f, "Arguments")) inputValue(arg, "ARGUMENT_DEFINITION");
            directives(list(f, "Directives"), "FIELD_DEFINITION");
        }
        for (String i : t.interfaces) {
            Type it = types.get(i);
            if (it == null) { fail("Undefined type " + i + "."); continue; }
            if (!it.kind.equals("INTERFACE")) { fail(name + " must be an INTERFACE."); continue; }
            for (ObjectValue f : it.fields) {
                if (t.field(str(f, "Name")) == null) fail("For " + name + " to implement " + i + " it must have a field called " + str(f, "Name") + ".");
            }
            for (String transitive : it.interfaces) {
                if (!t.interfaces.contains(transitive)) fail(name + " must implement " + transitive + " because it is implemented by " + i + ".");
            }
        }
    }

    private void inputValue(ObjectValue v, String location) {
        String tn = namedType((ObjectValue) v.get("Type"));
        Type t = types.get(tn);
        if (t == null) fail("Undefined type " + tn + ".");
        else if (!t.isInput()) fail(str(v, "Name") + " must be an input type, got " + tn + ".");
        if (location != null) directives(list(v, "Directives"), location);
    }

    private void directives(List<ObjectValue> used, String location) {
        for (ObjectValue d : used) {
            String name = str(d, "Name");
            Set<String> locs = directiveLocations.get(name);
            if (locs == null) fail("Undefined directive " + name + ".");
            else if (!locs.contains(location)) fail("Directive " + name + " is not applicable on " + location + ".");
        }
    }

    static boolean bool(Value v) { return v instanceof BooleanValue b && b.value(); }
}
