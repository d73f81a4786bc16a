package dev.warden.rego.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.SetValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import org.junit.jupiter.api.Test;

/** Builtins removed from Rego v1 exist only in the v0-compatible registry, with OPA's old behaviour. */
class DeprecatedBuiltinsTest {
    private static Value call(String name, Value... args) {
        return BuiltinRegistry.v0Compatible().get(name).function().call(new TestContext(), args);
    }

    @Test
    void areAbsentFromTheStandardRegistry() {
        for (String name : new String[] {"any", "all", "re_match", "set_diff", "cast_array", "net.cidr_overlap"}) {
            assertThat(BuiltinRegistry.standard().get(name)).as(name).isNull();
            assertThat(BuiltinRegistry.v0Compatible().get(name)).as(name).isNotNull();
        }
        assertThat(BuiltinRegistry.v0Compatible().get("count")).isSameAs(BuiltinRegistry.standard().get("count"));
    }

    @Test
    void behaveAsInOpaV0() {
        assertThat(call("any", ArrayValue.of(BooleanValue.FALSE, BooleanValue.TRUE))).isEqualTo(BooleanValue.TRUE);
        assertThat(call("all", SetValue.EMPTY)).isEqualTo(BooleanValue.TRUE);
        assertThat(call("all", ArrayValue.of(BooleanValue.TRUE, NumberValue.ONE))).isEqualTo(BooleanValue.FALSE);
        assertThat(call("re_match", StringValue.of("^a+$"), StringValue.of("aaa"))).isEqualTo(BooleanValue.TRUE);
        assertThat(call("set_diff", SetValue.of(NumberValue.ONE, NumberValue.ZERO), SetValue.of(NumberValue.ONE)))
                .isEqualTo(SetValue.of(NumberValue.ZERO));
        assertThat(call("cast_set", ArrayValue.of(NumberValue.ONE, NumberValue.ONE))).isEqualTo(SetValue.of(NumberValue.ONE));
        assertThat(call("net.cidr_overlap", StringValue.of("10.0.0.0/8"), StringValue.of("10.2.3.4"))).isEqualTo(BooleanValue.TRUE);
        assertThatThrownBy(() -> call("cast_string", NumberValue.ONE))
                .hasMessage("operand 1 must be string but got number");
    }
}
