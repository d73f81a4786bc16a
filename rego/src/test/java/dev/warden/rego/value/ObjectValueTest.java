package dev.warden.rego.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ObjectValueTest {

    @Test
    void aBuilderUsedAgainAfterBuildLeavesTheFirstObjectAsItWas() {
        ObjectValue.Builder b = ObjectValue.builder().put("a", NumberValue.of(1));
        ObjectValue first = b.build();

        ObjectValue second = b.put("b", NumberValue.of(2)).put("a", NumberValue.of(3)).build();

        assertThat(Json.write(first)).isEqualTo("{\"a\":1}");
        assertThat(Json.write(second)).isEqualTo("{\"a\":3,\"b\":2}");
    }

    @Test
    void putAllAfterBuildAlsoCopiesFirst() {
        ObjectValue.Builder b = ObjectValue.builder().put("a", NumberValue.of(1));
        ObjectValue first = b.build();

        b.putAll(ObjectValue.builder().put("z", NumberValue.of(26)).build());

        assertThat(first.size()).isEqualTo(1);
        assertThat(first.get("z")).isNull();
        assertThat(b.build().get("z")).isEqualTo(NumberValue.of(26));
    }

    @Test
    void theEntriesCannotBeChangedThroughAsMap() {
        ObjectValue o = ObjectValue.builder().put("a", NumberValue.of(1)).build();

        assertThatThrownBy(() -> o.asMap().put(StringValue.of("b"), NumberValue.of(2)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(o.size()).isEqualTo(1);
    }

    @Test
    void anEmptyBuilderGivesTheSharedEmptyObject() {
        assertThat(ObjectValue.builder().build()).isSameAs(ObjectValue.EMPTY);
    }
}
