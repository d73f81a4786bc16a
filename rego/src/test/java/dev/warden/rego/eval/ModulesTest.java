package dev.warden.rego.eval;

import static dev.warden.rego.eval.EvalTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.rego.Rego;
import org.junit.jupiter.api.Test;

class ModulesTest {
    @Test
    void importsResolveAliasesAcrossPackages() {
        Rego r = policy(
                "package lib.roles\nadmins := {\"ann\"}\nis_admin(u) if u in admins\n",
                "package app\nimport data.lib.roles as r\nimport input.user\nallow if r.is_admin(user)\n");
        assertThat(value(r, "data.app.allow", "{\"user\": \"ann\"}")).isEqualTo("true");
        assertThat(value(r, "data.app.allow", "{\"user\": \"bob\"}")).isEqualTo("undefined");
    }

    @Test
    void v0SyntaxIsAcceptedBehindTheFlag() {
        Rego r = Rego.builder().v0Compatible(true)
                .module("v0.rego", "package t\nallow { input.x == 1 }\nnames[n] { n := input.ys[_] }\n").build();
        assertThat(value(r, "data.t.allow", "{\"x\": 1}")).isEqualTo("true");
        assertThat(value(r, "data.t.names", "{\"ys\": [\"b\", \"a\"]}")).isEqualTo("[\"a\",\"b\"]");
    }

    @Test
    void dataMergesBaseDocumentsAndRulesUnderOnePath() {
        Rego r = Rego.builder().data("{\"app\": {\"limit\": 3}}")
                .module("p.rego", "package app\nover if input.n > data.app.limit\n").build();
        assertThat(value(r, "data.app", "{\"n\": 5}")).isEqualTo("{\"limit\":3,\"over\":true}");
        assertThat(bindings(r, "data.app[k]")).containsExactly("{k:\"limit\"}"); // over is undefined without input
    }

    @Test
    void refHeadsBuildNestedObjects() {
        Rego r = policy("package t\na.b.c := 1\na.b[k] := 2 if some k in [\"x\", \"y\"]\n");
        assertThat(value(r, "data.t.a")).isEqualTo("{\"b\":{\"c\":1,\"x\":2,\"y\":2}}");
    }

    @Test
    void undefinedQueriesHaveNoRowsAndDefinedOnesReportTheirDocument() {
        Rego r = policy("package t\np := false\n");
        assertThat(value(r, "data.t.p")).isEqualTo("false");
        assertThat(value(r, "data.t.missing")).isEqualTo("undefined");
    }

    @Test
    void regoMetadataReportsTheRulesAnnotations() {
        Rego r = policy("""
                # METADATA
                # description: gateway rules
                package t

                # METADATA
                # title: Allow admins
                info := {"rule": rego.metadata.rule(), "chain": rego.metadata.chain()}
                """);
        assertThat(value(r, "data.t.info")).isEqualTo("{\"chain\":[{\"annotations\":{\"scope\":\"rule\","
                + "\"title\":\"Allow admins\"},\"path\":[\"t\",\"info\"]},{\"annotations\":{\"description\":"
                + "\"gateway rules\",\"scope\":\"package\"},\"path\":[\"t\"]}],\"rule\":{\"scope\":\"rule\","
                + "\"title\":\"Allow admins\"}}");
    }
}
