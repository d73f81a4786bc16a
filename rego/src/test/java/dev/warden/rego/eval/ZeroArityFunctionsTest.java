package dev.warden.rego.eval;

import static dev.warden.rego.eval.EvalTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.rego.Rego;
import dev.warden.rego.RegoException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * As in OPA, {@code f() := v} declares the complete rule {@code f := v}: it can be referenced as {@code f}, called
 * as {@code f()}, and is part of its package's document.
 */
class ZeroArityFunctionsTest {
    private static Rego v0(String module) {
        return Rego.builder().v0Compatible(true).module("m.rego", module).build();
    }

    @Test
    @DisplayName("a zero-arity function is a document that plain references read")
    void referenceReadsTheValue() {
        Rego r = v0("package zf3\nf() = out { out := 2 }\ng := f\nk := [x] { x := f }\n");
        assertThat(value(r, "data.zf3.g")).isEqualTo("2");
        assertThat(value(r, "data.zf3.k")).isEqualTo("[2]");
        assertThat(value(r, "data.zf3.f")).isEqualTo("2");
    }

    @Test
    @DisplayName("calls with no arguments and with an output argument still work")
    void callsStillWork() {
        Rego r = policy("package t\nf() := input.x + 1\na := f()\nb if { f(y); y == 4 }\n");
        assertThat(value(r, "data.t.a", "{\"x\": 3}")).isEqualTo("4");
        assertThat(value(r, "data.t.b", "{\"x\": 3}")).isEqualTo("true");
        assertThat(value(r, "data.t.a", "{}")).isEqualTo("undefined");
    }

    @Test
    @DisplayName("the rule appears in its package's document, like any complete rule")
    void partOfThePackageDocument() {
        Rego r = policy("package t\nf() := 1\ng := 2\n");
        assertThat(value(r, "data.t")).isEqualTo("{\"f\":1,\"g\":2}");
    }

    @Test
    @DisplayName("else chains on zero-arity functions pick the first defined clause, by call and by reference")
    void elseChainsKeepWorking() {
        Rego r = v0("package t\nlevel() = \"high\" { input.x > 10 } else = \"low\" { input.x > 0 } else = \"none\"\n"
                + "byCall := level()\nbyRef := level\n");
        assertThat(value(r, "data.t.byCall", "{\"x\": 11}")).isEqualTo("\"high\"");
        assertThat(value(r, "data.t.byRef", "{\"x\": 5}")).isEqualTo("\"low\"");
        assertThat(value(r, "data.t.byCall", "{\"x\": -1}")).isEqualTo("\"none\"");
    }

    @Test
    @DisplayName("several clauses and a default behave as for complete rules")
    void clausesAndDefaults() {
        Rego r = policy("package t\ndefault f() := \"none\"\nf() := \"a\" if input.a\nf() := \"b\" if input.b\n"
                + "g := f()\n");
        assertThat(value(r, "data.t.g", "{\"a\": true}")).isEqualTo("\"a\"");
        assertThat(value(r, "data.t.g", "{}")).isEqualTo("\"none\"");
        assertThatThrownBy(() -> value(r, "data.t.g", "{\"a\": true, \"b\": true}"))
                .isInstanceOf(RegoException.class)
                .hasMessageContaining("complete rules must not produce multiple outputs");
    }

    @Test
    @DisplayName("zero-arity functions are reachable from other packages and through imports")
    void importedAndQualified() {
        Rego r = policy("package lib\nname() := \"warden\"\n",
                "package app\nimport data.lib\nx := lib.name()\ny := lib.name\nz := data.lib.name()\n");
        assertThat(value(r, "data.app.x")).isEqualTo("\"warden\"");
        assertThat(value(r, "data.app.y")).isEqualTo("\"warden\"");
        assertThat(value(r, "data.app.z")).isEqualTo("\"warden\"");
    }

    @Test
    @DisplayName("with on the rule's data path replaces it for calls and references alike")
    void withReplacesTheDocument() {
        Rego r = policy("package t\nf() := 1\npair := [f, f()]\n");
        assertThat(value(r, "data.t.pair with data.t.f as 9")).isEqualTo("[9,9]");
    }

    @Test
    @DisplayName("calling a zero-arity function with arguments is an arity error")
    void extraArgumentsAreAnError() {
        assertThatThrownBy(() -> policy("package t\nf() := 1\ng := f(1, 2)\n"))
                .isInstanceOf(RegoException.class)
                .hasMessageContaining("arity mismatch");
    }
}
