package dev.warden.rego.builtins;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.SourceLocation;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the schema definition of the field written at a source location of a query, following inline
 * fragments and fragment spreads, so that messages can name the field's declared argument types.
 *
 * <pre>{@code
 * GraphQLFieldDefinition f = new GraphqlFieldFinder(schema, document, location).find(); // null if none
 * }</pre>
 */
record GraphqlFieldFinder(GraphQLSchema schema, Document doc, SourceLocation at) {
    GraphQLFieldDefinition find() {
        Map<String, FragmentDefinition> fragments = doc.getDefinitionsOfType(FragmentDefinition.class).stream()
                .collect(Collectors.toMap(FragmentDefinition::getName, f -> f, (a, b) -> a));
        for (OperationDefinition op : doc.getDefinitionsOfType(OperationDefinition.class)) {
            GraphQLType root = switch (op.getOperation()) {
                case MUTATION -> schema.getMutationType();
                case SUBSCRIPTION -> schema.getSubscriptionType();
                default -> schema.getQueryType();
            };
            GraphQLFieldDefinition f = search(op.getSelectionSet(), root, fragments, new HashSet<>());
            if (f != null) return f;
        }
        return null;
    }

    private GraphQLFieldDefinition search(SelectionSet set, GraphQLType parent, Map<String, FragmentDefinition> fragments,
            Set<String> seen) {
        if (set == null || parent == null) return null;
        for (Selection<?> s : set.getSelections()) {
            GraphQLFieldDefinition found = switch (s) {
                case Field f -> {
                    GraphQLFieldDefinition def = parent instanceof GraphQLFieldsContainer c ? c.getFieldDefinition(f.getName()) : null;
                    if (def != null && at.equals(f.getSourceLocation())) yield def;
                    yield def == null ? null : search(f.getSelectionSet(), GraphQLTypeUtil.unwrapAll(def.getType()), fragments, seen);
                }
                case InlineFragment i -> search(i.getSelectionSet(),
                        i.getTypeCondition() == null ? parent : schema.getType(i.getTypeCondition().getName()), fragments, seen);
                case FragmentSpread sp -> {
                    FragmentDefinition fd = fragments.get(sp.getName());
                    yield fd == null || !seen.add(sp.getName()) ? null
                            : search(fd.getSelectionSet(), schema.getType(fd.getTypeCondition().getName()), fragments, seen);
                }
                default -> null;
            };
            if (found != null) return found;
        }
        return null;
    }
}
