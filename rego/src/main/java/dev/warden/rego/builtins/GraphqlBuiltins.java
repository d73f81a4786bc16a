package dev.warden.rego.builtins;

import static dev.warden.rego.builtins.Decl.ANY;
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
 * {@code graphql.*}: parsing queries and schemas into OPA's AST objects, and validating them (schema rules, and
 * queries against a schema). Queries and schemas may be given as text or as ASTs from the parse builtins.
 */
final class GraphqlBuiltins {
    private GraphqlBuiltins() {}

    static List<Builtin> all() {
        Type doc = Type.anyOf(STRING, ANY_OBJECT);
        return List.of(
                fn("graphql.parse_query", List.of(STRING), ANY_OBJECT, (ctx, a) -> query(Args.string(a, 0)).ast()),
                fn("graphql.parse_schema", List.of(STRING), ANY_OBJECT, (ctx, a) -> schemaAst(Args.string(a, 0))),
                fn("graphql.parse", List.of(doc, doc), Type.array(ANY_OBJECT), (ctx, a) -> {
                    GraphqlParser.Located q = queryArg(a, 0);
                    ObjectValue s = schemaArg(a, 1);
                    String problem = problem(q, s);
                    if (problem != null) throw BuiltinException.error(problem);
                    return ArrayValue.of(q.ast(), s);
                }),
                fn("graphql.parse_and_verify", List.of(doc, doc), Type.array(ANY), (ctx, a) -> {
                    try {
                        GraphqlParser.Located q = queryArg(a, 0);
                        ObjectValue s = schemaArg(a, 1);
                        if (problem(q, s) == null) return ArrayValue.of(BooleanValue.TRUE, q.ast(), s);
                    } catch (BuiltinException invalid) {
                        // fall through: not valid
                    }
                    return ArrayValue.of(BooleanValue.FALSE, ObjectValue.EMPTY, ObjectValue.EMPTY);
                }),
                fn("graphql.is_valid", List.of(doc, doc), BOOLEAN, (ctx, a) -> {
                    try {
                        return BooleanValue.of(problem(queryArg(a, 0), schemaArg(a, 1)) == null);
                    } catch (BuiltinException invalid) {
                        return BooleanValue.FALSE;
                    }
                }),
                fn("graphql.schema_is_valid", List.of(doc), BOOLEAN, (ctx, a) -> {
                    try {
                        return BooleanValue.of(new GraphqlSchema(schemaArg(a, 0)).problem() == null);
                    } catch (BuiltinException invalid) {
                        return BooleanValue.FALSE;
                    }
                }));
    }

    private static String problem(GraphqlParser.Located query, ObjectValue schemaAst) {
        GraphqlSchema schema = new GraphqlSchema(schemaAst);
        if (schema.problem() != null) return schema.problem();
        return GraphqlQueryValidator.validate(query.ast(), schema, query.positions());
    }

    private static GraphqlParser.Located query(String text) {
        try {
            return GraphqlParser.parseLocatedQuery(text);
        } catch (GraphqlParser.SyntaxError e) {
            throw located(e);
        }
    }

    private static ObjectValue schemaAst(String text) {
        try {
            return GraphqlParser.parseSchema(text);
        } catch (GraphqlParser.SyntaxError e) {
            throw located(e);
        }
    }

    private static BuiltinException located(GraphqlParser.SyntaxError e) {
        return BuiltinException.error(e.getMessage() + " in GraphQL string at location " + e.line + ":" + e.column);
    }

    private static GraphqlParser.Located queryArg(Value[] a, int pos) {
        return switch (a[pos]) {
            case StringValue s -> query(s.value());
            case ObjectValue o -> new GraphqlParser.Located(o, java.util.Map.of());
            default -> throw Args.typeError(pos, a[pos], "string", "object");
        };
    }

    private static ObjectValue schemaArg(Value[] a, int pos) {
        return switch (a[pos]) {
            case StringValue s -> schemaAst(s.value());
            case ObjectValue o -> o;
            default -> throw Args.typeError(pos, a[pos], "string", "object");
        };
    }

}
