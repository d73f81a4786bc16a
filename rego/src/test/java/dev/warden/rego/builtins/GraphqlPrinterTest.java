package dev.warden.rego.builtins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.rego.value.ObjectValue;
import org.junit.jupiter.api.Test;

/** Printing OPA-shaped ASTs back to GraphQL text loses nothing the AST holds. */
class GraphqlPrinterTest {

    @Test
    void aPrintedQueryParsesBackToTheSameAst() {
        String query = """
                query Q($a: [Int!]! = [1, 2], $b: In = {x: "y\\n", z: null}) @dir(p: ENUM) {
                  alias: f(a: $a, b: $b) { ...Frag ... on T { g } ... @skip(if: true) { h } }
                }
                fragment Frag on T { i(s: \"""block\""") }
                """;
        ObjectValue ast = GraphqlParser.parseQuery(query);
        assertThat(GraphqlParser.parseQuery(GraphqlPrinter.query(ast))).isEqualTo(ast);
    }

    @Test
    void aPrintedSchemaParsesBackToTheSameAst() {
        String sdl = """
                schema @a { query: Q mutation: M }
                extend schema @b
                "Directive" directive @d(x: Int = 3 @e) repeatable on FIELD | OBJECT
                "Obj" type Q implements I & J @k { "field" f(a: [String] = ["x"]): Int! @deprecated(reason: "old") }
                interface I { f: Int! }
                union U = A | B
                enum E { "one" ONE @x TWO }
                input In { a: Int = 1, b: [In!] }
                scalar S @specifiedBy(url: "u")
                extend type Q { g: Int }
                extend input In @z
                """;
        ObjectValue ast = GraphqlSchemaParser.parseSchema(sdl);
        assertThat(GraphqlSchemaParser.parseSchema(GraphqlPrinter.schema(ast))).isEqualTo(ast);
    }

    @Test
    void blockStringsLoseTheirCommonIndentationAndBlankEdges() {
        assertThat(GraphqlText.blockStringValue("\n    first\n      second\n\n    third\n  ")).isEqualTo("first\n  second\n\nthird");
    }
}
