package dev.warden.rego.builtins;

import dev.warden.rego.builtins.GraphqlLexer.Kind;
import dev.warden.rego.builtins.GraphqlLexer.Token;
import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * GraphQL executable and schema documents parsed straight into the JSON shape OPA returns (gqlparser's AST with
 * positions dropped and empty lists omitted). Errors read "Expected Name, found <EOF>" with the token's
 * location, for the builtins to wrap.
 */
final class GraphqlParser {
    /** A syntax error at a line and column. */
    static final class SyntaxError extends RuntimeException {
        final int line, column;

        SyntaxError(String message, Token at) {
            super(message, null, false, false);
            this.line = at.line();
            this.column = at.column();
        }
    }

    private static final Set<String> LOCATIONS = Set.of("QUERY", "MUTATION", "SUBSCRIPTION", "FIELD",
            "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD", "INLINE_FRAGMENT", "VARIABLE_DEFINITION", "SCHEMA", "SCALAR",
            "OBJECT", "FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INTERFACE", "UNION", "ENUM", "ENUM_VALUE",
            "INPUT_OBJECT", "INPUT_FIELD_DEFINITION");

    private final List<Token> tokens;
    private final java.util.IdentityHashMap<Value, Token> positions = new java.util.IdentityHashMap<>();
    private int i;

    private GraphqlParser(String src) { this.tokens = GraphqlLexer.tokens(src); }

    // ---- token helpers ----

    private Token peek() { return tokens.get(i); }

    private Token next() { return tokens.get(i < tokens.size() - 1 ? i++ : i); }

    private SyntaxError unexpected(Token t) { return new SyntaxError("Unexpected " + t.describe(), t); }

    private Token expect(String punct) {
        Token t = peek();
        if (t.kind() == Kind.INVALID) throw unexpected(t);
        if (!t.is(punct)) throw new SyntaxError("Expected " + punct + ", found " + t.describe(), t);
        return next();
    }

    private boolean skip(String punct) {
        if (peek().is(punct)) {
            next();
            return true;
        }
        return false;
    }

    private String name() {
        Token t = peek();
        if (t.kind() == Kind.INVALID) throw unexpected(t);
        if (t.kind() != Kind.NAME) throw new SyntaxError("Expected Name, found " + t.describe(), t);
        return next().value();
    }

    private void keyword(String word) {
        Token t = peek();
        if (t.kind() != Kind.NAME || !t.value().equals(word)) {
            throw new SyntaxError("Expected \"" + word + "\", found " + t.describe(), t);
        }
        next();
    }

    /** One or more items between the delimiters ("expected at least one definition" when empty). */
    private List<Value> some(String open, String close, java.util.function.Supplier<Value> item) {
        expect(open);
        List<Value> out = new ArrayList<>();
        if (peek().is(close)) throw new SyntaxError("expected at least one definition, found " + peek().describe(), peek());
        while (!skip(close)) out.add(item.get());
        return out;
    }

    private List<Value> many(String open, String close, java.util.function.Supplier<Value> item) {
        expect(open);
        List<Value> out = new ArrayList<>();
        while (!skip(close)) out.add(item.get());
        return out;
    }

    private static void putList(ObjectValue.Builder b, String key, List<Value> items) {
        if (!items.isEmpty()) b.put(key, ArrayValue.of(items));
    }

    // ---- executable documents ----

    /** A query AST and where each of its field selections starts, for located validation errors. */
    record Located(ObjectValue ast, java.util.Map<Value, Token> positions) {}

    static ObjectValue parseQuery(String src) { return parseLocatedQuery(src).ast(); }

    static Located parseLocatedQuery(String src) {
        GraphqlParser p = new GraphqlParser(src);
        List<Value> operations = new ArrayList<>(), fragments = new ArrayList<>();
        while (p.peek().kind() != Kind.EOF) {
            Token t = p.peek();
            if (t.is("{")) {
                operations.add(p.operation(true));
            } else if (t.kind() == Kind.NAME && Set.of("query", "mutation", "subscription").contains(t.value())) {
                operations.add(p.operation(false));
            } else if (t.kind() == Kind.NAME && t.value().equals("fragment")) {
                fragments.add(p.fragment());
            } else {
                throw p.unexpected(t);
            }
        }
        ObjectValue.Builder b = ObjectValue.builder();
        putList(b, "Operations", operations);
        putList(b, "Fragments", fragments);
        return new Located(b.build(), p.positions);
    }

    private Value operation(boolean shorthand) {
        ObjectValue.Builder b = ObjectValue.builder();
        if (shorthand) {
            b.put("Operation", StringValue.of("query")).put("Name", StringValue.EMPTY);
        } else {
            b.put("Operation", StringValue.of(next().value()));
            b.put("Name", StringValue.of(peek().kind() == Kind.NAME ? next().value() : ""));
            if (peek().is("(")) putList(b, "VariableDefinitions", some("(", ")", this::variableDefinition));
            putList(b, "Directives", directives(false));
        }
        b.put("SelectionSet", ArrayValue.of(selectionSet()));
        return b.build();
    }

    private Value variableDefinition() {
        ObjectValue.Builder b = ObjectValue.builder();
        expect("$");
        b.put("Variable", StringValue.of(name()));
        expect(":");
        b.put("Type", type());
        if (skip("=")) b.put("DefaultValue", value(true));
        putList(b, "Directives", directives(true));
        return b.put("Used", BooleanValue.FALSE).build();
    }

    private List<Value> selectionSet() {
        if (!peek().is("{")) throw new SyntaxError("Expected {, found " + peek().describe(), peek());
        return some("{", "}", this::selection);
    }

    private Value selection() {
        if (peek().is("...")) {
            next();
            Token t = peek();
            if (t.kind() == Kind.NAME && !t.value().equals("on")) {
                ObjectValue.Builder b = ObjectValue.builder().put("Name", StringValue.of(next().value()));
                putList(b, "Directives", directives(false));
                return b.build();
            }
            ObjectValue.Builder b = ObjectValue.builder();
            String typeCondition = "";
            if (t.kind() == Kind.NAME) {
                next();
                typeCondition = name();
            }
            b.put("TypeCondition", StringValue.of(typeCondition));
            putList(b, "Directives", directives(false));
            return b.put("SelectionSet", ArrayValue.of(selectionSet())).build();
        }
        Token start = peek();
        String alias = name(), fieldName = alias;
        if (skip(":")) fieldName = name();
        ObjectValue.Builder b = ObjectValue.builder().put("Alias", StringValue.of(alias)).put("Name", StringValue.of(fieldName));
        if (peek().is("(")) putList(b, "Arguments", some("(", ")", () -> argument(false)));
        putList(b, "Directives", directives(false));
        if (peek().is("{")) b.put("SelectionSet", ArrayValue.of(selectionSet()));
        ObjectValue field = b.build();
        positions.put(field, start);
        return field;
    }

    private Value fragment() {
        keyword("fragment");
        if (peek().kind() == Kind.NAME && peek().value().equals("on")) throw unexpected(peek());
        ObjectValue.Builder b = ObjectValue.builder().put("Name", StringValue.of(name()));
        if (peek().is("(")) putList(b, "VariableDefinition", some("(", ")", this::variableDefinition));
        keyword("on");
        b.put("TypeCondition", StringValue.of(name()));
        putList(b, "Directives", directives(false));
        return b.put("SelectionSet", ArrayValue.of(selectionSet())).build();
    }

    private Value argument(boolean constant) {
        String n = name();
        expect(":");
        return ObjectValue.builder().put("Name", StringValue.of(n)).put("Value", value(constant)).build();
    }

    private List<Value> directives(boolean constant) {
        List<Value> out = new ArrayList<>();
        while (peek().is("@")) {
            next();
            ObjectValue.Builder b = ObjectValue.builder().put("Name", StringValue.of(name()));
            if (peek().is("(")) putList(b, "Arguments", some("(", ")", () -> argument(constant)));
            out.add(b.put("Location", StringValue.EMPTY).build());
        }
        return out;
    }

    private Value type() {
        ObjectValue.Builder b = ObjectValue.builder();
        if (skip("[")) {
            b.put("Elem", type());
            expect("]");
            b.put("NamedType", StringValue.EMPTY);
        } else {
            b.put("NamedType", StringValue.of(name()));
        }
        return b.put("NonNull", BooleanValue.of(skip("!"))).build();
    }

    private Value value(boolean constant) {
        Token t = peek();
        int kind;
        List<Value> children = null;
        switch (t.kind()) {
            case PUNCT -> {
                if (t.is("$") && !constant) {
                    next();
                    return scalar(0, name());
                }
                if (t.is("[")) {
                    kind = 8;
                    children = many("[", "]", () -> ObjectValue.builder().put("Name", StringValue.EMPTY)
                            .put("Value", value(constant)).build());
                } else if (t.is("{")) {
                    kind = 9;
                    children = many("{", "}", () -> argument(constant));
                } else {
                    throw unexpected(t);
                }
                ObjectValue.Builder b = ObjectValue.builder();
                putList(b, "Children", children);
                return b.put("ExpectedTypeHasDefault", BooleanValue.FALSE).put("Kind", NumberValue.of(kind))
                        .put("Raw", StringValue.EMPTY).build();
            }
            case INT -> kind = 1;
            case FLOAT -> kind = 2;
            case STRING -> kind = 3;
            case BLOCK_STRING -> kind = 4;
            case NAME -> kind = t.value().equals("true") || t.value().equals("false") ? 5 : t.value().equals("null") ? 6 : 7;
            default -> throw unexpected(t);
        }
        next();
        return scalar(kind, t.value());
    }

    private static Value scalar(int kind, String raw) {
        return ObjectValue.builder().put("ExpectedTypeHasDefault", BooleanValue.FALSE).put("Kind", NumberValue.of(kind))
                .put("Raw", StringValue.of(raw)).build();
    }

    // ---- schema documents ----

    static ObjectValue parseSchema(String src) {
        return new GraphqlParser(src).schemaDocument();
    }

    private ObjectValue schemaDocument() {
        List<Value> defs = new ArrayList<>(), exts = new ArrayList<>(), dirs = new ArrayList<>();
        List<Value> schemas = new ArrayList<>(), schemaExts = new ArrayList<>();
        while (peek().kind() != Kind.EOF) {
            Token descToken = peek();
            String description = "";
            if (descToken.kind() == Kind.STRING || descToken.kind() == Kind.BLOCK_STRING) description = next().value();
            Token t = peek();
            if (t.kind() != Kind.NAME) throw unexpected(t);
            switch (t.value()) {
                case "schema" -> { next(); schemas.add(schemaDefinition(description)); }
                case "directive" -> { next(); dirs.add(directiveDefinition(description)); }
                case "extend" -> {
                    if (!description.isEmpty()) throw unexpected(descToken);
                    next();
                    Token what = peek();
                    if (what.kind() == Kind.NAME && what.value().equals("schema")) {
                        next();
                        schemaExts.add(schemaExtension());
                    } else {
                        exts.add(typeDefinition("", true));
                    }
                }
                default -> defs.add(typeDefinition(description, false));
            }
        }
        ObjectValue.Builder b = ObjectValue.builder();
        putList(b, "Definitions", defs);
        putList(b, "Extensions", exts);
        putList(b, "Directives", dirs);
        putList(b, "Schema", schemas);
        putList(b, "SchemaExtension", schemaExts);
        return b.build();
    }

    private Value schemaDefinition(String description) {
        ObjectValue.Builder b = ObjectValue.builder().put("Description", StringValue.of(description));
        putList(b, "Directives", directives(true));
        b.put("OperationTypes", ArrayValue.of(some("{", "}", this::operationType)));
        return b.build();
    }

    private Value schemaExtension() {
        ObjectValue.Builder b = ObjectValue.builder().put("Description", StringValue.EMPTY);
        List<Value> d = directives(true);
        putList(b, "Directives", d);
        if (peek().is("{")) b.put("OperationTypes", ArrayValue.of(some("{", "}", this::operationType)));
        else if (d.isEmpty()) throw unexpected(peek());
        return b.build();
    }

    private Value operationType() {
        String op = name();
        expect(":");
        return ObjectValue.builder().put("Operation", StringValue.of(op)).put("Type", StringValue.of(name())).build();
    }

    private Value typeDefinition(String description, boolean extension) {
        Token kw = peek();
        if (kw.kind() != Kind.NAME) throw unexpected(kw);
        String kind = switch (kw.value()) {
            case "scalar" -> "SCALAR";
            case "type" -> "OBJECT";
            case "interface" -> "INTERFACE";
            case "union" -> "UNION";
            case "enum" -> "ENUM";
            case "input" -> "INPUT_OBJECT";
            default -> throw unexpected(kw);
        };
        next();
        ObjectValue.Builder b = ObjectValue.builder().put("Kind", StringValue.of(kind)).put("Name", StringValue.of(name()))
                .put("Description", StringValue.of(description)).put("BuiltIn", BooleanValue.FALSE);
        boolean hasBody = false;
        if (kind.equals("OBJECT") || kind.equals("INTERFACE")) {
            List<Value> interfaces = implementsList();
            putList(b, "Interfaces", interfaces);
            hasBody = !interfaces.isEmpty();
        }
        List<Value> d = directives(true);
        putList(b, "Directives", d);
        hasBody |= !d.isEmpty();
        switch (kind) {
            case "OBJECT", "INTERFACE" -> {
                if (peek().is("{")) { b.put("Fields", ArrayValue.of(some("{", "}", this::fieldDefinition))); hasBody = true; }
            }
            case "INPUT_OBJECT" -> {
                if (peek().is("{")) { b.put("Fields", ArrayValue.of(some("{", "}", this::inputValue))); hasBody = true; }
            }
            case "ENUM" -> {
                if (peek().is("{")) { b.put("EnumValues", ArrayValue.of(some("{", "}", this::enumValue))); hasBody = true; }
            }
            case "UNION" -> {
                if (skip("=")) {
                    skip("|");
                    List<Value> types = new ArrayList<>();
                    types.add(StringValue.of(name()));
                    while (skip("|")) types.add(StringValue.of(name()));
                    b.put("Types", ArrayValue.of(types));
                    hasBody = true;
                }
            }
            default -> { }
        }
        if (extension && !hasBody) throw unexpected(peek());
        return b.build();
    }

    private List<Value> implementsList() {
        List<Value> out = new ArrayList<>();
        if (!(peek().kind() == Kind.NAME && peek().value().equals("implements"))) return out;
        next();
        skip("&");
        do {
            out.add(StringValue.of(name()));
        } while (skip("&"));
        return out;
    }

    private String description() {
        Token t = peek();
        return t.kind() == Kind.STRING || t.kind() == Kind.BLOCK_STRING ? next().value() : "";
    }

    private Value fieldDefinition() {
        String description = description();
        ObjectValue.Builder b = ObjectValue.builder().put("Description", StringValue.of(description))
                .put("Name", StringValue.of(name()));
        if (peek().is("(")) putList(b, "Arguments", some("(", ")", this::inputValue));
        expect(":");
        b.put("Type", type());
        putList(b, "Directives", directives(true));
        return b.build();
    }

    private Value inputValue() {
        String description = description();
        ObjectValue.Builder b = ObjectValue.builder().put("Description", StringValue.of(description))
                .put("Name", StringValue.of(name()));
        expect(":");
        b.put("Type", type());
        if (skip("=")) b.put("DefaultValue", value(true));
        putList(b, "Directives", directives(true));
        return b.build();
    }

    private Value enumValue() {
        String description = description();
        ObjectValue.Builder b = ObjectValue.builder().put("Description", StringValue.of(description))
                .put("Name", StringValue.of(name()));
        putList(b, "Directives", directives(true));
        return b.build();
    }

    private Value directiveDefinition(String description) {
        expect("@");
        ObjectValue.Builder b = ObjectValue.builder().put("Description", StringValue.of(description))
                .put("Name", StringValue.of(name()));
        if (peek().is("(")) putList(b, "Arguments", some("(", ")", this::inputValue));
        boolean repeatable = peek().kind() == Kind.NAME && peek().value().equals("repeatable");
        if (repeatable) next();
        b.put("IsRepeatable", BooleanValue.of(repeatable));
        keyword("on");
        skip("|");
        List<Value> locations = new ArrayList<>();
        do {
            Token t = peek();
            String loc = name();
            if (!LOCATIONS.contains(loc)) throw unexpected(t);
            locations.add(StringValue.of(loc));
        } while (skip("|"));
        return b.put("Locations", ArrayValue.of(locations)).build();
    }
}
