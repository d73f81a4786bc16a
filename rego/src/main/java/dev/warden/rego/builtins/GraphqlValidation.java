package dev.warden.rego.builtins;

import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import graphql.GraphQLException;
import graphql.language.Document;
import graphql.language.SourceLocation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.validation.QueryComplexityLimits;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks schemas and queries with graphql-java, starting from ASTs in OPA's shape. Two of OPA's relaxations of
 * the spec are kept: extending a type nobody defined defines it, and a schema need not have a query root (such
 * a schema just cannot answer queries).
 *
 * <pre>{@code
 * GraphqlValidation.Schema schema = GraphqlValidation.schema(GraphqlSchemaParser.parseSchema(sdl));
 * String problem = schema.check(GraphqlParser.parseQuery(query), query); // null when valid
 * }</pre>
 */
final class GraphqlValidation {
    private static final Set<String> BUILT_IN_TYPES = Set.of("String", "Int", "Float", "Boolean", "ID");
    private static final Set<String> BUILT_IN_DIRECTIVES = Set.of("include", "skip", "deprecated", "specifiedBy");
    // the query root OPA lets a schema leave out; graphql-java needs one, which no query can reach (see check)
    private static final String PLACEHOLDER_ROOT = "type Query { _wardenNoQueryRoot: Boolean }\n";

    private GraphqlValidation() {}

    /** A schema that failed validation. */
    static final class InvalidSchema extends RuntimeException {
        InvalidSchema(String message) { super(message, null, false, false); }
    }

    /** A valid schema, and whether its author gave it a query root. */
    record Schema(GraphQLSchema schema, boolean hasQueryRoot) {
        /** Null when {@code query} is valid against this schema, else OPA-style message of the first problem. */
        String check(ObjectValue query, String source) {
            List<Value> operations = list(query, "Operations");
            if (operations.isEmpty() && list(query, "Fragments").isEmpty()) return null;
            if (!hasQueryRoot) {
                for (Value op : operations) {
                    if (op instanceof ObjectValue o && (o.get("Operation") == null
                            || o.get("Operation").equals(StringValue.of("query")))) {
                        return "Schema does not support operation type \"query\"";
                    }
                }
            }
            Document doc;
            try {
                doc = document(query, source);
            } catch (InvalidSyntaxException e) { // e.g. graphql-java's limit on the number of tokens
                return firstLine(e.getMessage());
            }
            // OPA limits neither depth nor field count of a query; graphql-java's defaults would
            List<ValidationError> errors = new Validator().validateDocument(schema, doc, rule -> true, Locale.ENGLISH,
                    QueryComplexityLimits.NONE);
            if (errors.isEmpty()) return null;
            ValidationError first = errors.getFirst();
            String message = GraphqlMessages.describe(first, schema, doc);
            SourceLocation at = first.getLocations().isEmpty() ? null : first.getLocations().getFirst();
            return at == null ? message : message + " in GraphQL string at location " + at.getLine() + ":" + at.getColumn();
        }
    }

    /** Builds and checks the schema a schema document describes; throws {@link InvalidSchema} when it is not valid. */
    static Schema schema(ObjectValue doc) {
        for (String name : names(list(doc, "Definitions"))) {
            // OPA's library loads the built-in types first, so a schema may not declare them again
            if (BUILT_IN_TYPES.contains(name)) throw new InvalidSchema("Cannot redeclare type " + name + ".");
        }
        ObjectValue normalized = withoutBuiltInDirectives(defineExtendedTypes(doc));
        Set<String> typeNames = names(list(normalized, "Definitions"));
        boolean declaresRoots = !list(normalized, "Schema").isEmpty();
        boolean hasQueryRoot = declaresRoots ? declaresQuery(normalized) : typeNames.contains("Query");
        String sdl = GraphqlPrinter.schema(normalized);
        if (!declaresRoots && !hasQueryRoot) sdl = PLACEHOLDER_ROOT + sdl;
        try {
            return new Schema(UnExecutableSchemaGenerator.makeUnExecutableSchema(new SchemaParser().parse(sdl)), hasQueryRoot);
        } catch (GraphQLException e) {
            throw new InvalidSchema(firstLine(e.getMessage()));
        } catch (RuntimeException e) { // graphql-java's checks also report through other runtime exceptions
            throw new InvalidSchema(e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
        }
    }

    /**
     * A schema may restate the built-in directives; as in OPA, the built-in definition is the one that counts
     * (graphql-java would object to the duplicate).
     */
    private static ObjectValue withoutBuiltInDirectives(ObjectValue doc) {
        List<Value> directives = list(doc, "Directives").stream()
                .filter(d -> !(d instanceof ObjectValue o && o.get("Name") instanceof StringValue s
                        && BUILT_IN_DIRECTIVES.contains(s.value())))
                .toList();
        return ObjectValue.builder().putAll(doc).put("Directives", ArrayValue.of(directives)).build();
    }

    private static boolean declaresQuery(ObjectValue doc) {
        for (String key : List.of("Schema", "SchemaExtension")) {
            for (Value def : list(doc, key)) {
                for (Value op : list(def, "OperationTypes")) {
                    if (op instanceof ObjectValue o && StringValue.of("query").equals(o.get("Operation"))) return true;
                }
            }
        }
        return false;
    }

    /**
     * OPA accepts {@code extend type T} for a T no document defines: the first such extension becomes the
     * definition, later ones extend it.
     */
    static ObjectValue defineExtendedTypes(ObjectValue doc) {
        List<Value> definitions = new ArrayList<>(list(doc, "Definitions"));
        List<Value> extensions = new ArrayList<>();
        Set<String> defined = new HashSet<>(names(definitions));
        defined.addAll(BUILT_IN_TYPES);
        for (Value ext : list(doc, "Extensions")) {
            String name = ext instanceof ObjectValue o && o.get("Name") instanceof StringValue s ? s.value() : "";
            if (defined.add(name)) definitions.add(ext);
            else extensions.add(ext);
        }
        ObjectValue.Builder b = ObjectValue.builder().putAll(doc);
        b.put("Definitions", ArrayValue.of(definitions));
        b.put("Extensions", ArrayValue.of(extensions));
        return b.build();
    }

    private static Document document(ObjectValue query, String source) {
        if (source != null) {
            try {
                return parse(source);
            } catch (InvalidSyntaxException e) {
                // gqlparser accepts a little more than graphql-java (variables on fragments): print our AST instead
            }
        }
        return parse(GraphqlPrinter.query(query));
    }

    /**
     * graphql-java's default limits on queries are tighter than OPA's (none); our parser has already read the
     * document, with its own bound on nesting, so only a generous depth limit is kept here.
     */
    private static final ParserOptions QUERY_OPTIONS = ParserOptions.newParserOptions()
            .maxTokens(Integer.MAX_VALUE).maxWhitespaceTokens(Integer.MAX_VALUE).maxCharacters(Integer.MAX_VALUE)
            .maxRuleDepth(4 * GraphqlParser.MAX_DEPTH).build();

    private static Document parse(String text) {
        return Parser.parse(ParserEnvironment.newParserEnvironment().document(text).parserOptions(QUERY_OPTIONS).build());
    }

    private static Set<String> names(List<Value> defs) {
        return defs.stream().map(d -> d instanceof ObjectValue o && o.get("Name") instanceof StringValue s ? s.value() : "")
                .collect(Collectors.toSet());
    }

    static List<Value> list(Value node, String key) {
        return node instanceof ObjectValue o && o.get(key) instanceof ArrayValue a ? a.elements() : List.of();
    }

    private static String firstLine(String s) {
        if (s == null) return "invalid schema";
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }
}
