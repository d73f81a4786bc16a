package dev.warden.rego.builtins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import org.junit.jupiter.api.Test;

/** Builtins whose results depend on the evaluation: random values are stable within one, fresh across them. */
class StatefulBuiltinsTest {
    private static Value call(BuiltinContext ctx, String name, Value... args) {
        return BuiltinRegistry.standard().get(name).function().call(ctx, args);
    }

    @Test
    void randIntnIsStableWithinOneEvaluationAndInRange() {
        TestContext ctx = new TestContext();
        Value first = call(ctx, "rand.intn", StringValue.of("seed"), NumberValue.of(1000));
        for (int i = 0; i < 20; i++) {
            assertThat(call(ctx, "rand.intn", StringValue.of("seed"), NumberValue.of(1000))).isEqualTo(first);
        }
        long n = ((NumberValue) first).longValue();
        assertThat(n).isBetween(0L, 999L);
        assertThat(call(ctx, "rand.intn", StringValue.of("seed"), NumberValue.ZERO)).isEqualTo(NumberValue.ZERO);
    }

    @Test
    void uuidIsStablePerSeedAndAVersionFourUuid() {
        TestContext ctx = new TestContext();
        Value a = call(ctx, "uuid.rfc4122", StringValue.of("k"));
        assertThat(call(ctx, "uuid.rfc4122", StringValue.of("k"))).isEqualTo(a);
        assertThat(call(ctx, "uuid.rfc4122", StringValue.of("other"))).isNotEqualTo(a);
        assertThat(((StringValue) a).value()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(call(new TestContext(), "uuid.rfc4122", StringValue.of("k"))).isNotEqualTo(a);
    }

    @Test
    void nondeterministicBuiltinsAreMarked() {
        for (String name : new String[] {"rand.intn", "uuid.rfc4122", "http.send", "time.now_ns", "opa.runtime"}) {
            assertThat(BuiltinRegistry.standard().get(name).nondeterministic()).as(name).isTrue();
        }
        assertThat(BuiltinRegistry.standard().get("count").nondeterministic()).isFalse();
    }

    @Test
    void walkIsTheOnlyRelation() {
        assertThat(BuiltinRegistry.standard().all().stream().filter(Builtin::relation).map(Builtin::name))
                .containsExactly("walk");
    }
}
