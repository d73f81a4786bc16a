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

/**
 * Parses GraphQL query documents into the AST shape OPA's {@code graphql.parse_query} returns: the field names
 * of OPA's GraphQL library (gqlparser), without positions, and without null or empty members. The grammar
 * follows that library too, including its extensions (variables on fragment definitions) and its error
 * messages, which policies and tests see verbatim. {@link GraphqlSchemaParser} adds the SDL.
 *
 * <pre>{@code
 * ObjectValue ast = GraphqlParser.parseQuery("{ hero { name } }");
 * // {"Operations": [{"Name": "", "Operation": "query", "SelectionSet": [...]}]}
 * }</pre>
 */
class GraphqlParser {
    /** A syntax error at a 1-based line and column. */
    static final class SyntaxError extends RuntimeException {
        final int line;
        final int column;

        SyntaxError(String message, int line, int column) {
            super(message, null, false, false);
            this.line = line;
            this.column = column;
        }
    }

    // gqlparser's value kinds, which appear as numbers in the AST
    static final int VARIABLE = 0, INT = 1, FLOAT = 2, STRING = 3, BLOCK = 4, BOOLEAN = 5, NULL = 6, ENUM = 7,
            LIST = 8, OBJECT = 9;

    // OPA's parser has no limit; ours has one so that a hostile document fails cleanly instead of overflowing the stack
    static final int MAX_DEPTH = 500;

    private final GraphqlLexer lexer;
    private int depth;
    private Token peeked;
    protected Token prev;

    GraphqlParser(String source) {
        this.lexer = new GraphqlLexer(source);
    }

    static ObjectValue parseQuery(String source) {
        return new GraphqlParser(source).queryDocument();
    }

    // ---- token handling, with the library's messages ----

    protected final Token peek() {
        if (peeked == null) peeked = lexer.next();
        return peeked;
    }

    protected final Token next() {
        Token t = peek();
        peeked = null;
        if (t.error() != null) throw new SyntaxError(t.error(), t.line(), t.column());
        prev = t;
        return t;
    }

    protected final boolean peekIs(Kind kind) { return peek().kind() == kind; }

    protected final boolean peekKeyword(String word) { return peek().kind() == Kind.NAME && peek().value().equals(word); }

    protected final SyntaxError fail(Token at, String message) { return new SyntaxError(message, at.line(), at.column()); }

    protected final SyntaxError unexpected(Token t) { return fail(t, "Unexpected " + t.describe()); }

    protected final SyntaxError unexpected() { return unexpected(peek()); }

    protected final Token expect(Kind kind) {
        Token t = peek();
        if (t.kind() != kind) throw fail(t, "Expected " + kind.label + ", found " + t.kind().label);
        return next();
    }

    protected final void expectKeyword(String word) {
        Token t = peek();
        if (!(t.kind() == Kind.NAME && t.value().equals(word))) {
            throw fail(t, "Expected " + GraphqlText.quote(word) + ", found " + t.describe());
        }
        next();
    }

    protected final boolean skip(Kind kind) {
        if (peek().kind() != kind) return false;
        next();
        return true;
    }

    /** {@code start item* end}, possibly empty; nothing at all when {@code start} is absent. */
    protected final List<Value> many(Kind start, Kind end, java.util.function.Supplier<Value> item) {
        List<Value> out = new ArrayList<>();
        if (!skip(start)) return out;
        while (peek().kind() != end) out.add(item.get());
        next();
        return out;
    }

    /** {@code start item+ end}; nothing at all when {@code start} is absent. */
    protected final List<Value> some(Kind start, Kind end, java.util.function.Supplier<Value> item) {
        List<Value> out = new ArrayList<>();
        if (!skip(start)) return out;
        while (peek().kind() != end) out.add(item.get());
        if (out.isEmpty()) throw fail(peek(), "expected at least one definition, found " + peek().kind().label);
        next();
        return out;
    }

    protected final String name() { return expect(Kind.NAME).value(); }

    // ---- query documents ----

    final ObjectValue queryDocument() {
        List<Value> operations = new ArrayList<>();
        List<Value> fragments = new ArrayList<>();
        while (!peekIs(Kind.EOF)) {
            Token t = peek();
            if (t.kind() == Kind.BRACE_L) {
                operations.add(operation());
            } else if (t.kind() == Kind.NAME && List.of("query", "mutation", "subscription").contains(t.value())) {
                operations.add(operation());
            } else if (t.kind() == Kind.NAME && t.value().equals("fragment")) {
                fragments.add(fragmentDefinition());
            } else {
                throw unexpected();
            }
        }
        return new Node().list("Operations", operations).list("Fragments", fragments).build();
    }

    private Value operation() {
        Node op = new Node();
        if (peekIs(Kind.BRACE_L)) {
            return op.str("Operation", "query").str("Name", "").list("SelectionSet", requiredSelectionSet()).build();
        }
        op.str("Operation", operationType());
        op.str("Name", peekIs(Kind.NAME) ? next().value() : "");
        op.list("VariableDefinitions", variableDefinitions());
        op.list("Directives", directives(false));
        return op.list("SelectionSet", requiredSelectionSet()).build();
    }

    protected final String operationType() {
        Token t = next();
        return switch (t.value()) {
            case "query", "mutation", "subscription" -> t.value();
            default -> throw unexpected(t);
        };
    }

    private List<Value> variableDefinitions() {
        return many(Kind.PAREN_L, Kind.PAREN_R, () -> {
            Node def = new Node().str("Variable", variable());
            expect(Kind.COLON);
            def.node("Type", typeReference());
            if (skip(Kind.EQUALS)) def.node("DefaultValue", valueLiteral(true));
            return def.list("Directives", directives(false)).bool("Used", false).build();
        });
    }

    private String variable() {
        expect(Kind.DOLLAR);
        return name();
    }

    private List<Value> requiredSelectionSet() {
        if (!peekIs(Kind.BRACE_L)) throw fail(peek(), "Expected {, found " + peek().kind().label);
        return some(Kind.BRACE_L, Kind.BRACE_R, this::selection);
    }

    private Value selection() {
        descend();
        try {
            return peekIs(Kind.SPREAD) ? fragment() : field();
        } finally {
            depth--;
        }
    }

    private void descend() {
        if (++depth > MAX_DEPTH) throw fail(peek(), "Document nests deeper than " + MAX_DEPTH + " levels");
    }

    private Value field() {
        String alias = name();
        String fieldName = skip(Kind.COLON) ? name() : alias;
        Node field = new Node().str("Alias", alias).str("Name", fieldName);
        field.list("Arguments", arguments(false));
        field.list("Directives", directives(false));
        if (peekIs(Kind.BRACE_L)) field.list("SelectionSet", some(Kind.BRACE_L, Kind.BRACE_R, this::selection));
        return field.build();
    }

    protected final List<Value> arguments(boolean constant) {
        return many(Kind.PAREN_L, Kind.PAREN_R, () -> {
            Node arg = new Node().str("Name", name());
            expect(Kind.COLON);
            return arg.node("Value", valueLiteral(constant)).build();
        });
    }

    private Value fragment() {
        expect(Kind.SPREAD);
        Token t = peek();
        if (t.kind() == Kind.NAME && !t.value().equals("on")) {
            Node spread = new Node().str("Name", fragmentName());
            return spread.list("Directives", directives(false)).build();
        }
        Node inline = new Node();
        String typeCondition = "";
        if (t.value().equals("on")) {
            next();
            typeCondition = name();
        }
        inline.str("TypeCondition", typeCondition);
        inline.list("Directives", directives(false));
        return inline.list("SelectionSet", requiredSelectionSet()).build();
    }

    private Value fragmentDefinition() {
        expectKeyword("fragment");
        Node def = new Node().str("Name", fragmentName());
        def.list("VariableDefinition", variableDefinitions());
        expectKeyword("on");
        def.str("TypeCondition", name());
        def.list("Directives", directives(false));
        return def.list("SelectionSet", requiredSelectionSet()).build();
    }

    private String fragmentName() {
        if (peek().value().equals("on")) throw unexpected();
        return name();
    }

    protected final Value valueLiteral(boolean constant) {
        descend();
        try {
            return valueLiteralAt(constant);
        } finally {
            depth--;
        }
    }

    private Value valueLiteralAt(boolean constant) {
        Token t = peek();
        int kind;
        switch (t.kind()) {
            case BRACKET_L -> {
                return composite(LIST, many(Kind.BRACKET_L, Kind.BRACKET_R,
                        () -> new Node().str("Name", "").node("Value", valueLiteral(constant)).build()));
            }
            case BRACE_L -> {
                return composite(OBJECT, many(Kind.BRACE_L, Kind.BRACE_R, () -> {
                    Node child = new Node().str("Name", name());
                    expect(Kind.COLON);
                    return child.node("Value", valueLiteral(constant)).build();
                }));
            }
            case DOLLAR -> {
                if (constant) throw unexpected();
                return scalar(VARIABLE, variable());
            }
            case INT -> kind = INT;
            case FLOAT -> kind = FLOAT;
            case STRING -> kind = STRING;
            case BLOCK_STRING -> kind = BLOCK;
            case NAME -> kind = switch (t.value()) {
                case "true", "false" -> BOOLEAN;
                case "null" -> NULL;
                default -> ENUM;
            };
            default -> throw unexpected();
        }
        next();
        return scalar(kind, t.value());
    }

    private static Value scalar(int kind, String raw) {
        return new Node().str("Raw", raw).num("Kind", kind).bool("ExpectedTypeHasDefault", false).build();
    }

    private static Value composite(int kind, List<Value> children) {
        return new Node().str("Raw", "").list("Children", children).num("Kind", kind)
                .bool("ExpectedTypeHasDefault", false).build();
    }

    protected final List<Value> directives(boolean constant) {
        List<Value> out = new ArrayList<>();
        while (peekIs(Kind.AT)) {
            expect(Kind.AT);
            Node directive = new Node().str("Name", name());
            directive.list("Arguments", arguments(constant));
            out.add(directive.str("Location", "").build());
        }
        return out;
    }

    protected final Value typeReference() {
        descend();
        try {
            return typeReferenceAt();
        } finally {
            depth--;
        }
    }

    private Value typeReferenceAt() {
        Node type = new Node();
        if (skip(Kind.BRACKET_L)) {
            type.node("Elem", typeReference());
            expect(Kind.BRACKET_R);
            type.str("NamedType", "");
        } else {
            type.str("NamedType", name());
        }
        return type.bool("NonNull", skip(Kind.BANG)).build();
    }

    /** An AST node under construction: members that OPA prunes (null, empty lists) are never added. */
    static final class Node {
        private final ObjectValue.Builder b = ObjectValue.builder();

        Node str(String key, String value) {
            b.put(key, StringValue.of(value));
            return this;
        }

        Node bool(String key, boolean value) {
            b.put(key, BooleanValue.of(value));
            return this;
        }

        Node num(String key, int value) {
            b.put(key, NumberValue.of(value));
            return this;
        }

        Node node(String key, Value value) {
            if (value != null && !(value instanceof ObjectValue o && o.isEmpty())) b.put(key, value);
            return this;
        }

        Node list(String key, List<Value> values) {
            if (!values.isEmpty()) b.put(key, ArrayValue.of(values));
            return this;
        }

        Node strings(String key, List<String> values) {
            if (!values.isEmpty()) b.put(key, ArrayValue.of(values.stream().map(StringValue::of).toList()));
            return this;
        }

        ObjectValue build() { return b.build(); }
    }
}
