package dev.warden.rego.eval;

import static dev.warden.rego.eval.EvalTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.rego.EvalOptions;
import dev.warden.rego.Rego;
import dev.warden.rego.ResultSet;
import dev.warden.rego.value.Json;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * As in OPA, the references, calls and comprehensions a negated call takes as arguments are evaluated before
 * the negation: {@code not f(input.x)} is undefined, not true, when {@code input.x} is undefined (OPA issue
 * #1877). A reference compared with {@code =} or {@code ==} is not.
 */
class NegatedDynamicsTest {
    private static final String POLICY = """
            package t
            f(_) := true
            g(x) := x
            builtin if not startswith(input.missing, "x")
            user if not f(input.missing)
            compare if not input.missing > 5
            notEqual if not input.missing != 5
            equal if not input.missing == 5
            unify if not input.missing = 5
            inArray if not f([input.missing])
            nestedCall if not f(g(input.missing))
            callHead if not g(input.missing).allowed
            bracket if not data.t.roles[input.missing]
            plainRef if not input.missing
            roles := {"admin": true}
            """;

    @Test
    @DisplayName("an undefined reference argument makes a negated call undefined, as in OPA")
    void undefinedArgumentsFailTheBody() {
        Rego r = policy(POLICY);
        for (String rule : new String[] {"builtin", "user", "compare", "notEqual", "inArray", "nestedCall",
                                         "callHead", "bracket"}) {
            assertThat(value(r, "data.t." + rule, "{}")).as(rule).isEqualTo("undefined");
        }
    }

    @Test
    @DisplayName("references compared with = or ==, and plain references, stay inside the negation")
    void equalityAndPlainReferencesAreNegated() {
        Rego r = policy(POLICY);
        for (String rule : new String[] {"equal", "unify", "plainRef"}) {
            assertThat(value(r, "data.t." + rule, "{}")).as(rule).isEqualTo("true");
        }
    }

    @Test
    @DisplayName("with defined arguments negation works as before")
    void definedArgumentsAreNegatedNormally() {
        Rego r = policy(POLICY);
        assertThat(value(r, "data.t.builtin", "{\"missing\": \"abc\"}")).isEqualTo("true");
        assertThat(value(r, "data.t.builtin", "{\"missing\": \"xyz\"}")).isEqualTo("undefined");
        assertThat(value(r, "data.t.compare", "{\"missing\": 3}")).isEqualTo("true");
        assertThat(value(r, "data.t.bracket", "{\"missing\": \"guest\"}")).isEqualTo("true");
        assertThat(value(r, "data.t.bracket", "{\"missing\": \"admin\"}")).isEqualTo("undefined");
    }

    @Test
    @DisplayName("an absent optional parameter does not make a rule accept (gatekeeper's allowed-users policy)")
    void absentParameterDoesNotAccept() {
        Rego r = policy("""
                package t
                accept("RunAsAny", _, _) := true
                accept("MustRunAs", v, ranges) if { some r in ranges; v >= r.min; v <= r.max }
                violation contains v if {
                  v := input.value
                  not accept(input.params.rule, v, input.params.ranges)
                }
                """);
        assertThat(value(r, "data.t.violation", "{\"value\": 12, \"params\": {\"rule\": \"RunAsAny\"}}"))
                .isEqualTo("[]");
        assertThat(value(r, "data.t.violation",
                "{\"value\": 12, \"params\": {\"rule\": \"MustRunAs\", \"ranges\": [{\"min\": 100, \"max\": 200}]}}"))
                .isEqualTo("[12]");
    }

    @Test
    @DisplayName("negations inside comprehensions and with modifiers keep their meaning")
    void nestedBodiesAndWith() {
        Rego r = policy("""
                package t
                f(x) := x > 1
                kept := [x | some x in [1, 2, 3]; not f(input.m[x])]
                mocked if not f(input.v) with input.v as 0
                """);
        assertThat(value(r, "data.t.kept", "{\"m\": {\"1\": 5}}")).isEqualTo("[]");
        assertThat(value(r, "data.t.kept", "{\"m\": [0, 0, 5, 0]}")).isEqualTo("[1,3]");
        assertThat(value(r, "data.t.mocked", "{}")).isEqualTo("true");
    }

    @Test
    @DisplayName("a query reports only the expressions the user wrote, not the hoisted bindings")
    void queriesReportTheirOwnExpressions() {
        Rego r = policy("package t\n");
        ResultSet rs = r.prepare("not startswith(input.x, \"a\"); y := 1")
                .eval(EvalOptions.input(Json.parse("{\"x\": \"bcd\"}")));
        assertThat(rs.results()).hasSize(1);
        assertThat(rs.results().get(0).expressions()).extracting(ResultSet.ExpressionValue::text)
                .containsExactly("not startswith(input.x, \"a\")", "y := 1");
        assertThat(r.prepare("not startswith(input.x, \"a\")").eval(EvalOptions.NONE).isUndefined()).isTrue();
    }
}
