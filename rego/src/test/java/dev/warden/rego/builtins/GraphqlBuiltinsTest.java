package dev.warden.rego.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.Json;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import org.junit.jupiter.api.Test;

/** The graphql.* builtins: AST shape, OPA's syntax error messages, and validation through graphql-java. */
class GraphqlBuiltinsTest {
    private static final String EMPLOYEES = """
            type Employee { id: String! salary: Int! }
            type Query { employeeByID(id: String): Employee }
            """;

    private final TestContext ctx = new TestContext();

    private Value call(String name, Value... args) {
        return BuiltinRegistry.standard().get(name).function().call(ctx, args);
    }

    private static StringValue s(String v) { return StringValue.of(v); }

    @Test
    void parsesAQueryIntoOpasAstShape() {
        Value ast = call("graphql.parse_query", s("query Q($id: ID! = 4) { a: node(id: $id, tags: [\"x\"]) { ...F } }"));
        assertThat(ast).isEqualTo(Json.parse("""
                {"Operations": [{"Name": "Q", "Operation": "query",
                  "VariableDefinitions": [{"Variable": "id", "Used": false,
                    "Type": {"NamedType": "ID", "NonNull": true},
                    "DefaultValue": {"Raw": "4", "Kind": 1, "ExpectedTypeHasDefault": false}}],
                  "SelectionSet": [{"Alias": "a", "Name": "node",
                    "Arguments": [
                      {"Name": "id", "Value": {"Raw": "id", "Kind": 0, "ExpectedTypeHasDefault": false}},
                      {"Name": "tags", "Value": {"Raw": "", "Kind": 8, "ExpectedTypeHasDefault": false,
                        "Children": [{"Name": "", "Value": {"Raw": "x", "Kind": 3, "ExpectedTypeHasDefault": false}}]}}],
                    "SelectionSet": [{"Name": "F"}]}]}]}
                """));
    }

    @Test
    void parsesASchemaWithDescriptionsListsAndDirectives() {
        Value ast = call("graphql.parse_schema", s("""
                \"""
                  A greeting.
                \"""
                type Hello implements & A & B @key { world(n: [Int!] = [1]): String @deprecated }
                directive @key repeatable on OBJECT | INTERFACE
                """));
        ObjectValue hello = (ObjectValue) ((ArrayValue) ((ObjectValue) ast).get("Definitions")).get(0);
        assertThat(hello.get("Description")).isEqualTo(s("A greeting."));
        assertThat(hello.get("Interfaces")).isEqualTo(Json.parse("[\"A\", \"B\"]"));
        ObjectValue field = (ObjectValue) ((ArrayValue) hello.get("Fields")).get(0);
        assertThat(field.get("Type")).isEqualTo(Json.parse("{\"NamedType\": \"String\", \"NonNull\": false}"));
        assertThat(((ObjectValue) ((ArrayValue) field.get("Arguments")).get(0)).get("Type")).isEqualTo(Json.parse(
                "{\"NamedType\": \"\", \"NonNull\": false, \"Elem\": {\"NamedType\": \"Int\", \"NonNull\": true}}"));
        assertThat(((ObjectValue) ast).get("Directives")).isEqualTo(Json.parse("""
                [{"Description": "", "Name": "key", "IsRepeatable": true, "Locations": ["OBJECT", "INTERFACE"]}]"""));
    }

    @Test
    void reportsSyntaxErrorsInOpasWordsWithLineAndColumn() {
        assertThatThrownBy(() -> call("graphql.parse_query", s("{ field: {} }")))
                .hasMessage("Expected Name, found { in GraphQL string at location 1:10");
        assertThatThrownBy(() -> call("graphql.parse_query", s("\n  fragment F Type { a }")))
                .hasMessage("Expected \"on\", found Name \"Type\" in GraphQL string at location 2:14");
        assertThatThrownBy(() -> call("graphql.parse_schema", s("enum E {}")))
                .hasMessage("expected at least one definition, found } in GraphQL string at location 1:9");
        // as in OPA, a token the lexer cannot read is reported as <Invalid> where the parser meets it
        assertThatThrownBy(() -> call("graphql.parse_schema", s("type T { a: String } 'x'")))
                .hasMessage("Unexpected <Invalid> in GraphQL string at location 1:22");
    }

    @Test
    void rejectsAStringThatIsNeitherStringNorObject() {
        assertThatThrownBy(() -> call("graphql.parse", NumberValue.of(1), s(EMPLOYEES)))
                .hasMessage("operand 1 must be one of {string, object} but got number");
    }

    @Test
    void validatesQueriesAgainstSchemas() {
        assertThat(call("graphql.is_valid", s("{ employeeByID(id: \"a\") { salary } }"), s(EMPLOYEES)))
                .isEqualTo(BooleanValue.TRUE);
        assertThat(call("graphql.is_valid", s("{ employeeByID(id: \"a\") { bonus } }"), s(EMPLOYEES)))
                .isEqualTo(BooleanValue.FALSE);
        assertThat(call("graphql.is_valid", s("{ employeeByID"), s(EMPLOYEES))).isEqualTo(BooleanValue.FALSE);
    }

    @Test
    void acceptsAstObjectsInPlaceOfTextAndReturnsThemUnchanged() {
        Value query = call("graphql.parse_query", s("query { employeeByID(id: \"alice\") { salary } }"));
        Value schema = call("graphql.parse_schema", s(EMPLOYEES));
        assertThat(call("graphql.parse", query, schema)).isEqualTo(ArrayValue.of(query, schema));
        assertThat(call("graphql.parse_and_verify", query, schema)).isEqualTo(ArrayValue.of(BooleanValue.TRUE, query, schema));
    }

    @Test
    void namesAMissingRequiredArgumentWithItsType() {
        String schema = "type Query { act(locale: Locale!): String } enum Locale { EN DE }";
        assertThatThrownBy(() -> call("graphql.parse", s("{\n  act\n}"), s(schema)))
                .hasMessage("Field \"act\" argument \"locale\" of type \"Locale!\" is required, but it was not provided"
                        + " in GraphQL string at location 2:3");
        assertThat(call("graphql.parse_and_verify", s("{ act }"), s(schema)))
                .isEqualTo(ArrayValue.of(BooleanValue.FALSE, ObjectValue.EMPTY, ObjectValue.EMPTY));
    }

    @Test
    void extendingAnUndefinedTypeDefinesItAsOpaDoes() {
        assertThat(call("graphql.schema_is_valid", s("extend type Query { a: Int }"))).isEqualTo(BooleanValue.TRUE);
        assertThat(call("graphql.is_valid", s("{ a }"), s("extend type Query { a: Int }"))).isEqualTo(BooleanValue.TRUE);
    }

    @Test
    void aSchemaWithoutQueryRootIsValidButAnswersNoQuery() {
        assertThat(call("graphql.schema_is_valid", s("scalar Hello"))).isEqualTo(BooleanValue.TRUE);
        assertThat(call("graphql.is_valid", s("{ _wardenNoQueryRoot }"), s("scalar Hello"))).isEqualTo(BooleanValue.FALSE);
        assertThat(call("graphql.is_valid", s(""), s("scalar Hello"))).isEqualTo(BooleanValue.TRUE);
    }

    @Test
    void rejectsSchemasThatReferToUndefinedOrWrongKindsOfTypes() {
        assertThat(call("graphql.schema_is_valid", s("type Query { a: Missing }"))).isEqualTo(BooleanValue.FALSE);
        assertThat(call("graphql.schema_is_valid", s("type Query { a(i: Query): Int }"))).isEqualTo(BooleanValue.FALSE);
        assertThat(call("graphql.schema_is_valid", s("union U = | A |"))).isEqualTo(BooleanValue.FALSE);
        assertThat(call("graphql.schema_is_valid", NumberValue.of(3))).isEqualTo(BooleanValue.FALSE);
    }

    @Test
    void refusesDocumentsNestedTooDeeplyWithAnErrorNotACrash() {
        String deep = "{ f(a: " + "[".repeat(100_000) + " }";
        assertThatThrownBy(() -> call("graphql.parse_query", s(deep)))
                .hasMessageStartingWith("Document nests deeper than 500 levels");
        assertThat(call("graphql.is_valid", s(deep), s(EMPLOYEES))).isEqualTo(BooleanValue.FALSE);
    }

    @Test
    void rewordsCommonValidationErrorsAsOpaDoes() {
        String schema = "type Query { a(x: Int): Int b: B } type B { c: Int }";
        assertThatThrownBy(() -> call("graphql.parse", s("{ zz }"), s(schema)))
                .hasMessage("Cannot query field \"zz\" on type \"Query\" in GraphQL string at location 1:3");
        assertThatThrownBy(() -> call("graphql.parse", s("query Q($v: Int) { a }"), s(schema)))
                .hasMessage("Variable \"$v\" is never used in operation \"Q\" in GraphQL string at location 1:9");
        assertThatThrownBy(() -> call("graphql.parse", s("{ b }"), s(schema)))
                .hasMessage("Field \"b\" of type \"B\" must have a selection of subfields. Did you mean \"b { ... }\"?"
                        + " in GraphQL string at location 1:3");
        assertThatThrownBy(() -> call("graphql.parse", s("{ a @nope }"), s(schema)))
                .hasMessage("Unknown directive \"@nope\" in GraphQL string at location 1:5");
        assertThatThrownBy(() -> call("graphql.parse", s("subscription { a }"), s(schema)))
                .hasMessage("Schema does not support operation type \"subscription\" in GraphQL string at location 1:1");
    }

    @Test
    void builtInTypesCannotBeRedeclaredButBuiltInDirectivesMayBeRestated() {
        assertThat(call("graphql.schema_is_valid", s("scalar Int type Query { a: Int }"))).isEqualTo(BooleanValue.FALSE);
        assertThat(call("graphql.schema_is_valid", s("""
                directive @deprecated(reason: String = "No longer supported") on FIELD_DEFINITION | ENUM_VALUE
                type Query { a: Int @deprecated }
                """))).isEqualTo(BooleanValue.TRUE);
    }

    @Test
    void validatesLargeAndDeeplyNestedQueries() {
        String schema = "type Query { n: N } type N { n: N v: Int }";
        String deep = "{ " + "n { ".repeat(300) + "v" + " }".repeat(300) + " }";
        assertThat(call("graphql.is_valid", s(deep), s(schema))).isEqualTo(BooleanValue.TRUE);
        String wide = "{ n { " + "v ".repeat(20_000) + "} }";
        assertThat(call("graphql.is_valid", s(wide), s(schema))).isEqualTo(BooleanValue.TRUE);
    }
}
