package dev.warden.rego.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.Json;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.SetValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BindingMatcherTest {

    private static ObjectValue row(String json) { return (ObjectValue) Json.parse(json); }

    private static Value n(long v) { return NumberValue.of(v); }

    @Test
    void matchesRowsInAnyOrderAndIgnoresDuplicates() {
        var want = List.of(row("{\"x\": 1}"), row("{\"x\": 2}"));
        var got = List.<Map<String, Value>>of(Map.of("x", n(2)), Map.of("x", n(1)), Map.of("x", n(2)));
        assertThat(new BindingMatcher(false).rowsMatch(want, got)).isTrue();
    }

    @Test
    void rejectsAMissingOrExtraRow() {
        var want = List.of(row("{\"x\": 1}"), row("{\"x\": 2}"));
        assertThat(new BindingMatcher(false).rowsMatch(want, List.of(Map.of("x", n(1))))).isFalse();
        assertThat(new BindingMatcher(false).rowsMatch(List.of(), List.of(Map.of("x", n(1))))).isFalse();
    }

    @Test
    void treatsUndefinedAsNoRows() {
        assertThat(new BindingMatcher(false).rowsMatch(List.of(), List.of())).isTrue();
        assertThat(new BindingMatcher(false).rowsMatch(List.of(row("{}")), List.of())).isFalse();
    }

    @Test
    void comparesNestedSetsWithoutRegardToOrderButArraysInOrder() {
        Value got = ObjectValue.builder().put("s", SetValue.of(n(3), n(1), SetValue.of(n(2)))).build();
        assertThat(BindingMatcher.matches(Json.parse("{\"s\": [[2], 3, 1]}"), got)).isTrue();
        assertThat(BindingMatcher.matches(Json.parse("{\"s\": [1, 3]}"), got)).isFalse();
        assertThat(BindingMatcher.matches(Json.parse("[2, 1]"), ArrayValue.of(n(1), n(2)))).isFalse();
    }

    @Test
    void sortsTopLevelArrayBindingsOnlyWhenAsked() {
        var want = List.of(row("{\"x\": [1, 2]}"));
        var got = List.<Map<String, Value>>of(Map.of("x", ArrayValue.of(n(2), n(1))));
        assertThat(new BindingMatcher(true).rowsMatch(want, got)).isTrue();
        assertThat(new BindingMatcher(false).rowsMatch(want, got)).isFalse();
    }

    @Test
    void seesNonStringObjectKeysAsTheirJsonText() {
        Value got = ObjectValue.builder().put(n(1), StringValue.of("a")).build();
        assertThat(BindingMatcher.matches(Json.parse("{\"1\": \"a\"}"), got)).isTrue();
    }

    @Test
    void equatesNumbersNumerically() {
        assertThat(BindingMatcher.matches(Json.parse("1.0"), n(1))).isTrue();
    }
}
