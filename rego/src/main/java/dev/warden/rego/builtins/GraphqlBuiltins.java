package dev.warden.rego.builtins;

import static dev.warden.rego.builtins.Decl.ANY_OBJECT;
import static dev.warden.rego.builtins.Decl.BOOLEAN;
import static dev.warden.rego.builtins.Decl.STRING;
import static dev.warden.rego.builtins.Decl.fn;

import dev.warden.rego.types.Type;
import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.util.List;

/**
 * OPA's {@code graphql.*} builtins. Queries and schemas are parsed by {@link GraphqlParser} and
 * {@link GraphqlSchemaParser} into the AST objects OPA returns (and accepts back in place of strings);
 * validation is graphql-java's, through {@link GraphqlValidation}.
 *
 * <pre>{@code
 * graphql.is_valid("{ employee { salary } }", "type Query { employee: Employee } type Employee { salary: Int }")
 * # true
 * }</pre>
 */
final class GraphqlBuiltins {
    private GraphqlBuiltins() {}

    private static final Type STRING_OR_OBJECT = Type.anyOf(STRING, ANY_OBJECT);
    // building a schema is the expensive part of validating a query; policies check many queries against one schema
    private static final CompiledCache<ObjectValue, GraphqlValidation.Schema> SCHEMAS = new CompiledCache<>(64);
    private static final ArrayValue UNVERIFIED = ArrayValue.of(BooleanValue.FALSE, ObjectValue.EMPTY, ObjectValue.EMPTY);

    static List<Builtin> all() {
        return List.of(
                fn("graphql.parse_query", List.of(STRING), ANY_OBJECT,
                        (ctx, a) -> parseQuery(Args.string(a, 0))),
                fn("graphql.parse_schema", List.of(STRING), ANY_OBJECT,
                        (ctx, a) -> parseSchema(Args.string(a, 0))),
                fn("graphql.parse", List.of(STRING_OR_OBJECT, STRING_OR_OBJECT), Type.array(ANY_OBJECT),
                        (ctx, a) -> parse(a)),
                fn("graphql.parse_and_verify", List.of(STRING_OR_OBJECT, STRING_OR_OBJECT), Type.array(Type.ANY),
                        (ctx, a) -> {
                            try {
                                ArrayValue both = parse(a);
                                return ArrayValue.of(BooleanValue.TRUE, both.get(0), both.get(1));
                            } catch (BuiltinException e) {
                                return UNVERIFIED;
                            }
                        }),
                fn("graphql.is_valid", List.of(STRING_OR_OBJECT, STRING_OR_OBJECT), BOOLEAN, (ctx, a) -> {
                    try {
                        parse(a);
                        return BooleanValue.TRUE;
                    } catch (BuiltinException e) {
                        return BooleanValue.FALSE;
                    }
                }),
                fn("graphql.schema_is_valid", List.of(STRING_OR_OBJECT), BOOLEAN, (ctx, a) -> {
                    try {
                        SCHEMAS.get(schemaOperand(a, 0), GraphqlValidation::schema);
                        return BooleanValue.TRUE;
                    } catch (BuiltinException | GraphqlValidation.InvalidSchema e) {
                        return BooleanValue.FALSE;
                    }
                }));
    }

    /** Parses (or takes) the query and the schema, checks both, and returns {@code [query_ast, schema_ast]}. */
    private static ArrayValue parse(Value[] a) {
        String querySource = a[0] instanceof StringValue s ? s.value() : null;
        ObjectValue query = switch (a[0]) {
            case StringValue s -> parseQuery(s.value());
            case ObjectValue o -> o;
            default -> throw Args.typeError(0, a[0], "string", "object");
        };
        ObjectValue schemaDoc = schemaOperand(a, 1);
        GraphqlValidation.Schema schema;
        try {
            schema = SCHEMAS.get(schemaDoc, GraphqlValidation::schema);
        } catch (GraphqlValidation.InvalidSchema e) {
            throw BuiltinException.error("Error in gqlparser SchemaDocument to Schema conversion: " + e.getMessage());
        }
        String problem = schema.check(query, querySource);
        if (problem != null) throw BuiltinException.error(problem);
        return ArrayValue.of(query, schemaDoc);
    }

    private static ObjectValue schemaOperand(Value[] a, int pos) {
        return switch (a[pos]) {
            case StringValue s -> parseSchema(s.value());
            case ObjectValue o -> o;
            default -> throw Args.typeError(pos, a[pos], "string", "object");
        };
    }

    static ObjectValue parseQuery(String source) {
        try {
            return GraphqlParser.parseQuery(source);
        } catch (GraphqlParser.SyntaxError e) {
            throw syntaxError(e);
        }
    }

    static ObjectValue parseSchema(String source) {
        try {
            return GraphqlSchemaParser.parseSchema(source);
        } catch (GraphqlParser.SyntaxError e) {
            throw syntaxError(e);
        }
    }

    private static BuiltinException syntaxError(GraphqlParser.SyntaxError e) {
        return BuiltinException.error(e.getMessage() + " in GraphQL string at location " + e.line + ":" + e.column);
    }
}
