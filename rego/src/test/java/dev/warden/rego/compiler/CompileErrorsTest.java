package dev.warden.rego.compiler;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.rego.Rego;
import dev.warden.rego.RegoException;
import org.junit.jupiter.api.Test;

class CompileErrorsTest {
    private static Rego build(String module) {
        return Rego.builder().module("policy.rego", module).build();
    }

    @Test
    void unsafeVarIsReportedAtItsLocation() {
        assertThatThrownBy(() -> build("package t\np if {\n  x > 1\n}\n"))
                .isInstanceOf(RegoException.class)
                .hasMessageContaining("policy.rego:3:3: rego_unsafe_var_error: var x is unsafe");
    }

    @Test
    void recursionIsAnError() {
        assertThatThrownBy(() -> build("package t\np if q\nq if p\n"))
                .hasMessageContaining("rego_recursion_error")
                .hasMessageContaining("data.t.p");
    }

    @Test
    void undefinedFunctionIsATypeError() {
        assertThatThrownBy(() -> build("package t\np if nope(1)\n"))
                .hasMessageContaining("policy.rego:2:6: rego_type_error: undefined function nope");
    }

    @Test
    void reassignmentIsAnError() {
        assertThatThrownBy(() -> build("package t\np if {\n  x := 1\n  x := 2\n}\n"))
                .hasMessageContaining("var x assigned above");
    }

    @Test
    void conflictingRuleKindsAndDefaults() {
        assertThatThrownBy(() -> build("package t\np := 1\np contains 2\n"))
                .hasMessageContaining("rego_type_error: conflicting rules data.t.p found");
        assertThatThrownBy(() -> build("package t\ndefault p := 1\ndefault p := 2\n"))
                .hasMessageContaining("multiple default rules data.t.p found");
    }

    @Test
    void staticBuiltinArgumentTypes() {
        assertThatThrownBy(() -> build("package t\np := count(1)\n"))
                .hasMessageContaining("rego_type_error: count: invalid argument(s)");
    }

    @Test
    void everyErrorIsCollectedAndSorted() {
        assertThatThrownBy(() -> build("package t\np if nope(1)\nq if {\n  y > 1\n}\n"))
                .hasMessageContaining("2 errors occurred")
                .satisfies(e -> {
                    var errors = ((RegoException) e).errors();
                    org.assertj.core.api.Assertions.assertThat(errors.get(0).location().line()).isEqualTo(2);
                    org.assertj.core.api.Assertions.assertThat(errors.get(1).location().line()).isEqualTo(4);
                });
    }
}
