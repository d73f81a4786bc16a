package dev.warden.rego.eval;

import static dev.warden.rego.eval.EvalTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.rego.Rego;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WithTest {
    private final Rego rego = policyWithData("{\"limits\": {\"max\": 3}}",
            "package t\nallow if input.n <= data.limits.max\nroles contains \"admin\" if input.admin\n"
                    + "double(x) := x * 2\nout := double(input.n)\nsize := count(input.xs)\n");

    @Test
    void replacesInputForOneExpression() {
        assertThat(value(rego, "data.t.allow with input as {\"n\": 2}")).isEqualTo("true");
        assertThat(value(rego, "data.t.allow with input.n as 9")).isEqualTo("undefined");
    }

    @Test
    void replacesBaseDataAndRules() {
        assertThat(value(rego, "data.t.allow with input as {\"n\": 5} with data.limits.max as 10")).isEqualTo("true");
        assertThat(value(rego, "data.t.roles with data.t.roles as {\"x\"}")).isEqualTo("[\"x\"]");
    }

    @Test
    void memoizedRulesAreNotReusedAcrossWith() {
        assertThat(bindings(rego, "a = data.t.allow with input as {\"n\": 1}; b = data.t.allow with input as {\"n\": 1}"))
                .containsExactly("{a:true,b:true}");
        assertThat(bindings(rego, "a = data.t.out with input as {\"n\": 1}; b = data.t.out with input as {\"n\": 4}"))
                .containsExactly("{a:2,b:8}");
    }

    @Test
    void mocksFunctionsAndBuiltins() {
        assertThat(value(rego, "data.t.out with input as {\"n\": 1} with data.t.double as 7")).isEqualTo("7");
        assertThat(value(rego, "data.t.size with input as {\"xs\": [1]} with count as 42")).isEqualTo("42");
    }

    @Test
    @DisplayName("a with target may name a rule of the package or an import alias, as OPA resolves it to data")
    void targetsResolveThroughThePackageAndImports() {
        Rego r = policy("package lib\nlimits := {\"max\": 3}\n",
                "package t\nimport data.lib\nimport input.user as u\nversions := {\"v1\": true}\n"
                        + "known := versions[input.v]\nmax := lib.limits.max\nname := u.name\n"
                        + "mocked := x if { x := known with versions as {\"v2\": true} with input.v as \"v2\" }\n"
                        + "mockedImport := x if { x := max with lib.limits as {\"max\": 9} }\n"
                        + "mockedInput := x if { x := name with u as {\"name\": \"bob\"} }\n");
        assertThat(value(r, "data.t.mocked")).isEqualTo("true");
        assertThat(value(r, "data.t.mockedImport")).isEqualTo("9");
        assertThat(value(r, "data.t.mockedInput")).isEqualTo("\"bob\"");
    }
}
