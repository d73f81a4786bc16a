package dev.warden.rego.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.rego.RegoException;
import dev.warden.rego.ast.Annotation;
import dev.warden.rego.ast.Module;
import dev.warden.rego.source.Source;
import dev.warden.rego.value.Json;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Reading METADATA annotations")
class AnnotationParsingTest {

    static Module module(String text) { return Parser.parseModule(new Source("m.rego", text), false); }

    static String json(Annotation a) { return Json.write(a.value()); }

    @Test
    void packageAndRuleBlocksTakeTheirScopeFromWhatFollows() {
        Module m = module("""
                # METADATA
                # description: The Rego test suite
                package testing

                # METADATA
                # title: Testing annotations
                # authors:
                # - The OPA contributors
                p := x if {
                	x := 1
                }
                """);
        assertThat(m.annotations()).extracting(Annotation::scope).containsExactly("package", "rule");
        assertThat(m.packageAnnotations()).singleElement().extracting(AnnotationParsingTest::json)
                .isEqualTo("{\"description\":\"The Rego test suite\",\"scope\":\"package\"}");
        assertThat(m.rules().getFirst().annotations()).singleElement().extracting(AnnotationParsingTest::json)
                .isEqualTo("{\"authors\":[{\"name\":\"The OPA contributors\"}],\"scope\":\"rule\",\"title\":\"Testing annotations\"}");
        assertThat(m.annotations().get(1).location().line()).isEqualTo(5);
    }

    @Test
    void ruleBlocksApplyToTheirOwnRuleAndDocumentBlocksToEveryRuleOfThePath() {
        Module m = module("""
                package testing

                # METADATA
                # scope: document
                # title: Doc
                p := "foo" if {
                	false
                }

                # METADATA
                # title: Another annotation
                p := x if {
                	x := 1
                }

                q := 1
                """);
        assertThat(m.rules().get(0).annotations()).extracting(Annotation::scope).containsExactly("document");
        assertThat(m.rules().get(1).annotations()).extracting(a -> a.value().get("title").toString())
                .containsExactly("\"Doc\"", "\"Another annotation\"");
        assertThat(m.rules().get(2).annotations()).isEmpty();
    }

    @Test
    void authorsResourcesSchemasAndCustomFieldsAreNormalizedAsOpaRendersThem() {
        Module m = module("""
                package p

                # METADATA
                # entrypoint: true
                # organizations: [Acme]
                # authors:
                # - Jane Doe <jane@example.com>
                # - name: John
                #   email: john@example.com
                # related_resources:
                # - https://example.com
                # - ref: https://example.com/b
                #   description: B
                # schemas:
                # - input.user: schema.user
                # - input.x: {type: string}
                # custom:
                #   severity: 3
                allow if true
                """);
        Annotation a = m.rules().getFirst().annotations().getFirst();
        assertThat(a.scope()).isEqualTo("document");
        assertThat(json(a)).isEqualTo("{\"authors\":[{\"email\":\"jane@example.com\",\"name\":\"Jane Doe\"},"
                + "{\"email\":\"john@example.com\",\"name\":\"John\"}],\"custom\":{\"severity\":3},\"entrypoint\":true,"
                + "\"organizations\":[\"Acme\"],\"related_resources\":[{\"ref\":\"https://example.com\"},"
                + "{\"description\":\"B\",\"ref\":\"https://example.com/b\"}],\"schemas\":[{\"path\":[\"input\",\"user\"],"
                + "\"schema\":[\"schema\",\"user\"]},{\"definition\":{\"type\":\"string\"},\"path\":[\"input\",\"x\"]}],"
                + "\"scope\":\"document\"}");
    }

    @Test
    void ordinaryCommentsAreNotAnnotations() {
        Module m = module("package p\n# just a note\n# title: no\nallow if true\n");
        assertThat(m.annotations()).isEmpty();
        assertThat(m.rules().getFirst().annotations()).isEmpty();
    }

    @Test
    void misplacedOrMalformedBlocksAreParseErrors() {
        assertThatThrownBy(() -> module("# METADATA\n# scope: rule\npackage p\n"))
                .isInstanceOf(RegoException.class)
                .hasMessageContaining("m.rego:1:1: rego_parse_error: annotation scope 'rule' must be applied to rule (have package)");
        assertThatThrownBy(() -> module("package p\n# METADATA\n# scope: everywhere\np := 1\n"))
                .hasMessageContaining("invalid annotation scope 'everywhere'");
        assertThatThrownBy(() -> module("package p\n# METADATA\n#\np := 1\n"))
                .hasMessageContaining("expected METADATA block, found whitespace");
        assertThatThrownBy(() -> module("package p\n# METADATA\n# title: [unclosed\np := 1\n"))
                .hasMessageContaining("rego_parse_error: yaml:");
        assertThatThrownBy(() -> module("package p\n# METADATA\n# title: x\nimport data.y\n"))
                .hasMessageContaining("invalid annotation scope 'import'");
    }
}
