package dev.warden.rego.eval;

import static dev.warden.rego.eval.EvalTestSupport.bindings;
import static dev.warden.rego.eval.EvalTestSupport.policy;
import static dev.warden.rego.eval.EvalTestSupport.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.rego.Rego;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What a query's expressions report, as opa eval reports it (OPA's rewrite of queries to capture values). */
@DisplayName("Query expressions report their values as opa eval does")
class QueryValuesTest {
    static final Rego LIB = policy("""
            package lib
            double(x) := x * 2
            no(_) := false
            """);

    @Test
    void aBuiltinCallReportsItsResult() {
        assertThat(value(LIB, "count([1, 2])")).isEqualTo("2");
        assertThat(value(LIB, "units.parse(\"10Ki\")")).isEqualTo("10240");
    }

    @Test
    void aUserFunctionCallReportsItsResult() {
        assertThat(value(LIB, "data.lib.double(21)")).isEqualTo("42");
    }

    @Test
    void aFalseResultIsReportedWhenItIsTheWholeQuery() {
        assertThat(value(LIB, "1 > 2")).isEqualTo("false");
        assertThat(value(LIB, "data.lib.no(1)")).isEqualTo("false");
    }

    @Test
    void aFalseResultMakesALongerQueryUndefined() {
        assertThat(value(LIB, "x := 1; x > 2")).isEqualTo("undefined");
        assertThat(value(LIB, "x := 3; x > 2")).isEqualTo("true");
    }

    @Test
    void iterationKeepsOnlyTruthyValues() {
        assertThat(bindings(LIB, "[true, false, true][i]")).containsExactlyInAnyOrder("{i:0}", "{i:2}");
    }

    @Test
    void aCallWithoutResultIsJustTrue() {
        assertThat(value(LIB, "print(1)")).isEqualTo("true");
    }
}
