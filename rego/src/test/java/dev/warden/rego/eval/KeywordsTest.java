package dev.warden.rego.eval;

import static dev.warden.rego.eval.EvalTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.rego.Rego;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeywordsTest {
    @Test
    void everyHoldsOnlyWhenTheBodyHoldsForEachElement() {
        Rego r = policy("package t\nall_pos if every x in input.xs { x > 0 }\n");
        assertThat(value(r, "data.t.all_pos", "{\"xs\": [1, 2]}")).isEqualTo("true");
        assertThat(value(r, "data.t.all_pos", "{\"xs\": [1, -2]}")).isEqualTo("undefined");
        assertThat(value(r, "data.t.all_pos", "{\"xs\": []}")).isEqualTo("true");
        assertThat(value(r, "data.t.all_pos", "{\"xs\": 3}")).isEqualTo("undefined");
    }

    @Test
    void negationSucceedsWhenTheExpressionIsUndefinedOrFalse() {
        Rego r = policy("package t\ndeny if not input.admin\n");
        assertThat(value(r, "data.t.deny", "{}")).isEqualTo("true");
        assertThat(value(r, "data.t.deny", "{\"admin\": false}")).isEqualTo("true");
        assertThat(value(r, "data.t.deny", "{\"admin\": true}")).isEqualTo("undefined");
    }

    @Test
    void someInBindsKeysAndValues() {
        Rego r = policy("package t\npairs contains [k, v] if some k, v in input.o\n");
        assertThat(value(r, "data.t.pairs", "{\"o\": {\"a\": 1, \"b\": 2}}")).isEqualTo("[[\"a\",1],[\"b\",2]]");
    }

    @Test
    void comprehensionsCollectWithOuterBindings() {
        Rego r = policy("package t\nn := 2\nbig := [x | some x in input.xs; x > n]\n"
                + "sq := {x: y | some x in input.xs; y := x * x}\nuniq := {x | x := input.xs[_]}\n");
        String in = "{\"xs\": [1, 3, 3, 4]}";
        assertThat(value(r, "data.t.big", in)).isEqualTo("[3,3,4]");
        assertThat(value(r, "data.t.sq", in)).isEqualTo("{\"1\":1,\"3\":9,\"4\":16}");
        assertThat(value(r, "data.t.uniq", in)).isEqualTo("[1,3,4]");
    }

    @Test
    void comprehensionsShareVarsTheEnclosingBodyBindsLater() {
        Rego r = policy("package t\np := ys if {\n  ys := [y | y := x + 1]\n  x = 5\n}\n"
                + "q := ys if {\n  ys := [x | x := 1]\n  x := 2\n}\n");
        assertThat(value(r, "data.t.p")).isEqualTo("[6]");
        assertThat(value(r, "data.t.q")).isEqualTo("[1]"); // a later := declares a different x
    }

    @Test
    void templateStringsInterpolateValues() {
        Rego r = policy("package t\nmsg := $\"user {input.name} has {count(input.roles)} roles\"\n");
        assertThat(value(r, "data.t.msg", "{\"name\": \"ann\", \"roles\": [1, 2]}"))
                .isEqualTo("\"user ann has 2 roles\"");
    }

    @Test
    void printWritesToThePrinterAndUndefinedArgsShowAsUndefined() {
        List<String> lines = new ArrayList<>();
        Rego r = Rego.builder().module("p.rego", "package t\np if { print(\"hi\", input.missing, 1) }\n")
                .printTo(lines::add).build();
        assertThat(value(r, "data.t.p", "{}")).isEqualTo("true");
        assertThat(lines).containsExactly("hi <undefined> 1");
    }
}
