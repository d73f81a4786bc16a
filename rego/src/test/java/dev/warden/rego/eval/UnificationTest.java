package dev.warden.rego.eval;

import static dev.warden.rego.eval.EvalTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.rego.Rego;
import org.junit.jupiter.api.Test;

class UnificationTest {
    private final Rego empty = policy("package t\n");

    @Test
    void arrayPatternsBindOnEitherSide() {
        assertThat(bindings(empty, "[x, 1] = [2, y]")).containsExactly("{x:2,y:1}");
        assertThat(bindings(empty, "[1, [a, b]] = [1, [\"p\", \"q\"]]")).containsExactly("{a:\"p\",b:\"q\"}");
    }

    @Test
    void objectPatternsMatchByKey() {
        assertThat(bindings(empty, "{\"x\": x, \"y\": 2} = {\"x\": 1, \"y\": y}")).containsExactly("{x:1,y:2}");
        assertThat(bindings(empty, "{\"a\": v} = {\"a\": 1, \"b\": 2}")).isEmpty();
    }

    @Test
    void mismatchedShapesFail() {
        assertThat(bindings(empty, "[x] = [1, 2]")).isEmpty();
        assertThat(bindings(empty, "[x] = {\"a\": 1}")).isEmpty();
    }

    @Test
    void numbersUnifyAcrossRepresentations() {
        assertThat(bindings(empty, "1 = 1.0")).containsExactly("{}");
    }

    @Test
    void assignmentDeclaresAndComparisonDoesNot() {
        assertThat(bindings(empty, "x := [1, 2, 3]; y := x[_]; y > 1")).containsExactly(
                "{x:[1,2,3],y:2}", "{x:[1,2,3],y:3}");
        assertThat(bindings(empty, "x := 1; x == 2")).isEmpty();
    }

    @Test
    void varsBoundLaterAreOrderedFirst() {
        // OPA reorders so that x is bound before it is compared.
        assertThat(bindings(empty, "x > 1; x = [1, 2, 3][_]")).containsExactly("{x:2}", "{x:3}");
    }

    @Test
    void refsWithPatternsIterateMatchingKeys() {
        Rego r = policyWithData("{\"pairs\": {\"k\": [[1, \"a\"], [2, \"b\"]]}}", "package t\n");
        assertThat(bindings(r, "data.pairs.k[_] = [2, name]")).containsExactly("{name:\"b\"}");
    }

    @Test
    void longBodiesOfAssignmentsDoNotExhaustTheStack() {
        StringBuilder body = new StringBuilder("package t\np := x2999 if {\n  x0 := 0\n");
        for (int i = 1; i < 3000; i++) body.append("  x").append(i).append(" := x").append(i - 1).append(" + 1\n");
        Rego r = policy(body.append("}\n").toString());
        assertThat(value(r, "data.t.p")).isEqualTo("2999");
    }
}
