package dev.warden.rego.builtins;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.language.SourceLocation;
import graphql.language.VariableDefinition;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import graphql.validation.ValidationError;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewords graphql-java's validation errors the way OPA's GraphQL library words them, for the rules where the
 * two disagree only in wording (OPA's "Did you mean ...?" suggestions are not reproduced). Other errors keep
 * graphql-java's text without its "Validation error (...) :" prefix. OPA drops the final full stop.
 *
 * <pre>{@code
 * String message = GraphqlMessages.describe(error, schema, document);
 * // Cannot query field "bonus" on type "Employee"
 * }</pre>
 */
final class GraphqlMessages {
    private GraphqlMessages() {}

    private static final Pattern PREFIX = Pattern.compile("^Validation error \\([^)]*\\) ?: ");

    /** graphql-java's wording (after the prefix) and OPA's, with {@code $1}, {@code $2} for the quoted parts. */
    private record Rewording(Pattern theirs, String ours) {}

    private static final List<Rewording> REWORDINGS = List.of(
            new Rewording(Pattern.compile("Field '(.*)' in type '(.*)' is undefined"), "Cannot query field \"$1\" on type \"$2\""),
            new Rewording(Pattern.compile("Unused fragment '(.*)'"), "Fragment \"$1\" is never used"),
            new Rewording(Pattern.compile("Subselection required for type '(.*)' of field '(.*)'"),
                    "Field \"$2\" of type \"$1\" must have a selection of subfields. Did you mean \"$2 { ... }\"?"),
            new Rewording(Pattern.compile("Subselection not allowed on leaf type '(.*)' of field '(.*)'"),
                    "Field \"$2\" must not have a selection since type \"$1\" has no subfields"),
            new Rewording(Pattern.compile("There can be only one operation named '(.*)'"),
                    "There can be only one operation named \"$1\""),
            new Rewording(Pattern.compile("Unknown type '(.*)'"), "Unknown type \"$1\""),
            new Rewording(Pattern.compile("Undefined fragment '(.*)'"), "Unknown fragment \"$1\""),
            new Rewording(Pattern.compile("Unknown directive '(.*)'"), "Unknown directive \"@$1\""));

    private static final Pattern UNSUPPORTED_OPERATION = Pattern.compile("The '(.*)' operation is not supported by the schema");
    private static final Pattern UNUSED_VARIABLE = Pattern.compile("Unused variable '(.*)'");
    private static final Pattern MISSING_ARGUMENT = Pattern.compile("Missing field argument '(.*)'");

    static String describe(ValidationError error, GraphQLSchema schema, Document doc) {
        String message = PREFIX.matcher(error.getMessage()).replaceFirst("");
        SourceLocation at = error.getLocations().isEmpty() ? null : error.getLocations().getFirst();
        for (Rewording r : REWORDINGS) {
            Matcher m = r.theirs().matcher(message);
            if (m.matches()) return m.replaceFirst(r.ours());
        }
        Matcher m = UNSUPPORTED_OPERATION.matcher(message);
        if (m.matches()) return "Schema does not support operation type \"" + m.group(1).toLowerCase() + "\"";
        m = UNUSED_VARIABLE.matcher(message);
        if (m.matches()) {
            String operation = operationDeclaring(doc, at);
            return "Variable \"$" + m.group(1) + "\" is never used" + (operation.isEmpty() ? "" : " in operation \"" + operation + "\"");
        }
        m = MISSING_ARGUMENT.matcher(message);
        if (m.matches() && at != null) {
            GraphQLFieldDefinition field = new GraphqlFieldFinder(schema, doc, at).find();
            if (field != null && field.getArgument(m.group(1)) instanceof GraphQLArgument arg) {
                return "Field \"" + field.getName() + "\" argument \"" + arg.getName() + "\" of type \""
                        + GraphQLTypeUtil.simplePrint(arg.getType()) + "\" is required, but it was not provided";
            }
        }
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }

    /** The name of the operation declaring the variable defined at {@code at}, or "" for an anonymous one. */
    private static String operationDeclaring(Document doc, SourceLocation at) {
        for (OperationDefinition op : doc.getDefinitionsOfType(OperationDefinition.class)) {
            for (VariableDefinition v : op.getVariableDefinitions()) {
                if (at != null && at.equals(v.getSourceLocation())) return op.getName() == null ? "" : op.getName();
            }
        }
        return "";
    }
}
