package dev.warden.rego.builtins;

import dev.warden.rego.builtins.GraphqlLexer.Kind;
import dev.warden.rego.builtins.GraphqlLexer.Token;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses GraphQL schema documents (SDL) into the AST shape OPA's {@code graphql.parse_schema} returns:
 * {@code Schema}, {@code SchemaExtension}, {@code Directives}, {@code Definitions} and {@code Extensions}, with
 * gqlparser's member names and messages.
 *
 * <pre>{@code
 * ObjectValue ast = GraphqlSchemaParser.parseSchema("type Query { hello: String }");
 * // {"Definitions": [{"BuiltIn": false, "Description": "", "Kind": "OBJECT", "Name": "Query", "Fields": [...]}]}
 * }</pre>
 */
final class GraphqlSchemaParser extends GraphqlParser {
    private static final Set<String> LOCATIONS = Set.of("QUERY", "MUTATION", "SUBSCRIPTION", "FIELD",
            "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD", "INLINE_FRAGMENT", "VARIABLE_DEFINITION", "SCHEMA", "SCALAR",
            "OBJECT", "FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INTERFACE", "UNION", "ENUM", "ENUM_VALUE",
            "INPUT_OBJECT", "INPUT_FIELD_DEFINITION");

    private GraphqlSchemaParser(String source) {
        super(source);
    }

    static ObjectValue parseSchema(String source) {
        return new GraphqlSchemaParser(source).schemaDocument();
    }

    private ObjectValue schemaDocument() {
        List<Value> schema = new ArrayList<>();
        List<Value> schemaExtensions = new ArrayList<>();
        List<Value> directives = new ArrayList<>();
        List<Value> definitions = new ArrayList<>();
        List<Value> extensions = new ArrayList<>();
        while (!peekIs(Kind.EOF)) {
            String description = "";
            if (peekIs(Kind.STRING) || peekIs(Kind.BLOCK_STRING)) description = next().value();
            if (!peekIs(Kind.NAME)) throw unexpected();
            switch (peek().value()) {
                case "scalar", "type", "interface", "union", "enum", "input" -> definitions.add(typeDefinition(description, false));
                case "schema" -> {
                    expectKeyword("schema");
                    schema.add(schemaDefinition(description, false));
                }
                case "directive" -> directives.add(directiveDefinition(description));
                case "extend" -> {
                    if (!description.isEmpty()) throw unexpected(prev);
                    expectKeyword("extend");
                    if (peekKeyword("schema")) {
                        expectKeyword("schema");
                        schemaExtensions.add(schemaDefinition("", true));
                    } else if (peek().kind() == Kind.NAME && Set.of("scalar", "type", "interface", "union", "enum", "input")
                            .contains(peek().value())) {
                        extensions.add(typeDefinition("", true));
                    } else {
                        throw unexpected();
                    }
                }
                default -> throw unexpected();
            }
        }
        return new Node().list("Schema", schema).list("SchemaExtension", schemaExtensions)
                .list("Directives", directives).list("Definitions", definitions).list("Extensions", extensions).build();
    }

    private Value schemaDefinition(String description, boolean extension) {
        Node def = new Node().str("Description", description);
        List<Value> directives = directives(true);
        List<Value> operations = some(Kind.BRACE_L, Kind.BRACE_R, () -> {
            Node op = new Node().str("Operation", operationType());
            expect(Kind.COLON);
            return op.str("Type", name()).build();
        });
        if (extension && directives.isEmpty() && operations.isEmpty()) throw unexpected();
        return def.list("Directives", directives).list("OperationTypes", operations).build();
    }

    /** A type definition or, with {@code extension}, a type extension, which must add something. */
    private Value typeDefinition(String description, boolean extension) {
        String keyword = next().value();
        Node def = new Node().str("Description", description).bool("BuiltIn", false);
        String name = name();
        def.str("Name", name);
        boolean empty;
        switch (keyword) {
            case "scalar" -> {
                List<Value> directives = directives(true);
                def.str("Kind", "SCALAR").list("Directives", directives);
                empty = directives.isEmpty();
            }
            case "type", "interface" -> {
                List<String> interfaces = keyword.equals("type") || !extension ? implementsInterfaces() : List.of();
                List<Value> directives = directives(true);
                List<Value> fields = some(Kind.BRACE_L, Kind.BRACE_R, this::fieldDefinition);
                def.str("Kind", keyword.equals("type") ? "OBJECT" : "INTERFACE").strings("Interfaces", interfaces)
                        .list("Directives", directives).list("Fields", fields);
                empty = interfaces.isEmpty() && directives.isEmpty() && fields.isEmpty();
            }
            case "union" -> {
                List<Value> directives = directives(true);
                List<String> types = unionMembers();
                def.str("Kind", "UNION").list("Directives", directives).strings("Types", types);
                empty = directives.isEmpty() && types.isEmpty();
            }
            case "enum" -> {
                List<Value> directives = directives(true);
                List<Value> values = some(Kind.BRACE_L, Kind.BRACE_R, () -> {
                    Node value = new Node().str("Description", description());
                    value.str("Name", name());
                    return value.list("Directives", directives(true)).build();
                });
                def.str("Kind", "ENUM").list("Directives", directives).list("EnumValues", values);
                empty = directives.isEmpty() && values.isEmpty();
            }
            default -> { // input
                List<Value> directives = directives(!extension);
                List<Value> fields = some(Kind.BRACE_L, Kind.BRACE_R, this::inputValueDefinition);
                def.str("Kind", "INPUT_OBJECT").list("Directives", directives).list("Fields", fields);
                empty = directives.isEmpty() && fields.isEmpty();
            }
        }
        if (extension && empty) throw unexpected();
        return def.build();
    }

    private String description() {
        return peekIs(Kind.STRING) || peekIs(Kind.BLOCK_STRING) ? next().value() : "";
    }

    private List<String> implementsInterfaces() {
        List<String> out = new ArrayList<>();
        if (peek().value().equals("implements")) {
            next();
            skip(Kind.AMP);
            out.add(name());
            while (skip(Kind.AMP)) out.add(name());
        }
        return out;
    }

    private List<String> unionMembers() {
        List<String> out = new ArrayList<>();
        if (skip(Kind.EQUALS)) {
            skip(Kind.PIPE);
            out.add(name());
            while (skip(Kind.PIPE)) out.add(name());
        }
        return out;
    }

    private Value fieldDefinition() {
        Node def = new Node().str("Description", description());
        def.str("Name", name());
        def.list("Arguments", some(Kind.PAREN_L, Kind.PAREN_R, this::inputValueDefinition));
        expect(Kind.COLON);
        def.node("Type", typeReference());
        return def.list("Directives", directives(true)).build();
    }

    /** An argument definition or an input object field: {@code "desc" name: Type = default @directives}. */
    private Value inputValueDefinition() {
        Node def = new Node().str("Description", description());
        def.str("Name", name());
        expect(Kind.COLON);
        def.node("Type", typeReference());
        if (skip(Kind.EQUALS)) def.node("DefaultValue", valueLiteral(true));
        return def.list("Directives", directives(true)).build();
    }

    private Value directiveDefinition(String description) {
        expectKeyword("directive");
        expect(Kind.AT);
        Node def = new Node().str("Description", description);
        def.str("Name", name());
        def.list("Arguments", some(Kind.PAREN_L, Kind.PAREN_R, this::inputValueDefinition));
        boolean repeatable = peekKeyword("repeatable");
        if (repeatable) next();
        def.bool("IsRepeatable", repeatable);
        expectKeyword("on");
        List<String> locations = new ArrayList<>();
        skip(Kind.PIPE);
        locations.add(directiveLocation());
        while (skip(Kind.PIPE)) locations.add(directiveLocation());
        return def.strings("Locations", locations).build();
    }

    private String directiveLocation() {
        Token t = expect(Kind.NAME);
        if (!LOCATIONS.contains(t.value())) throw unexpected(t);
        return t.value();
    }
}
