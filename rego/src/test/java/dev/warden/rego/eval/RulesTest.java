package dev.warden.rego.eval;

import static dev.warden.rego.eval.EvalTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.rego.Rego;
import dev.warden.rego.RegoException;
import org.junit.jupiter.api.Test;

class RulesTest {
    @Test
    void completeRuleReadsDataAndInput() {
        Rego r = policyWithData("{\"foo\": \"bar\"}",
                "package test\n\np := 7 if {\n\tdata.foo == q\n}\n\nq := input.baz\n");
        assertThat(value(r, "data.test.p", "{\"baz\": \"bar\"}")).isEqualTo("7");
        assertThat(value(r, "data.test.p", "{\"baz\": \"qux\"}")).isEqualTo("undefined");
    }

    @Test
    void defaultAppliesWhenNoClauseMatches() {
        Rego r = policy("package t\ndefault allow := false\nallow if input.admin\n");
        assertThat(value(r, "data.t.allow", "{\"admin\": true}")).isEqualTo("true");
        assertThat(value(r, "data.t.allow", "{}")).isEqualTo("false");
    }

    @Test
    void elseChainsPickTheFirstDefinedClause() {
        Rego r = policy("package t\nlevel := \"high\" if input.x > 10 else := \"low\" if input.x > 0 else := \"none\"\n");
        assertThat(value(r, "data.t.level", "{\"x\": 11}")).isEqualTo("\"high\"");
        assertThat(value(r, "data.t.level", "{\"x\": 5}")).isEqualTo("\"low\"");
        assertThat(value(r, "data.t.level", "{\"x\": -1}")).isEqualTo("\"none\"");
    }

    @Test
    void partialSetsAndObjectsCollectEverySolution() {
        Rego r = policy("package t\nroles contains r if some r in input.roles\nbyName[n] := count(n) if some n in input.roles\n");
        assertThat(value(r, "data.t.roles", "{\"roles\": [\"b\", \"a\", \"b\"]}")).isEqualTo("[\"a\",\"b\"]");
        assertThat(value(r, "data.t.byName", "{\"roles\": [\"ab\", \"c\"]}")).isEqualTo("{\"ab\":2,\"c\":1}");
    }

    @Test
    void conflictingCompleteRulesAreAnError() {
        Rego r = policy("package t\np := 1 if input.a\np := 2 if input.b\n");
        assertThatThrownBy(() -> value(r, "data.t.p", "{\"a\": true, \"b\": true}"))
                .isInstanceOf(RegoException.class)
                .hasMessageContaining("eval_conflict_error")
                .hasMessageContaining("complete rules must not produce multiple outputs");
    }

    @Test
    void functionsMatchArgumentsPerClause() {
        Rego r = policy("package t\nf(1) := \"one\"\nf(x) := \"many\" if x > 1\nout := [f(1), f(5)]\n");
        assertThat(value(r, "data.t.out")).isEqualTo("[\"one\",\"many\"]");
    }

    @Test
    void queryVariablesIterate() {
        Rego r = policyWithData("{\"xs\": [1, 2, 3]}", "package t\n");
        assertThat(bindings(r, "data.xs[i] = x; x > 1")).containsExactly("{i:1,x:2}", "{i:2,x:3}");
    }
}
