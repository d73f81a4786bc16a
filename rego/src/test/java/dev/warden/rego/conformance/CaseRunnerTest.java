package dev.warden.rego.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.rego.value.Json;
import dev.warden.rego.value.ObjectValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaseRunnerTest {
    private static final String CONFLICT = "package t\n\np := 1 if true\n\np := 2 if true\n";

    private static ConformanceCase parse(String json) {
        return ConformanceCase.fromJson("t", (ObjectValue) Json.parse(json));
    }

    private static CaseResult run(String json) {
        return new CaseRunner().run(parse(json), Instant.now().plusSeconds(5), null);
    }

    private static String conflictCase(String wantCode, String wantText) {
        return """
                {"note": "t/conflict", "query": "data.t.p = x", "modules": [%s],
                 "want_error_code": %s, "want_error": %s}
                """.formatted(Json.write(dev.warden.rego.value.StringValue.of(CONFLICT)),
                Json.write(dev.warden.rego.value.StringValue.of(wantCode)),
                Json.write(dev.warden.rego.value.StringValue.of(wantText)));
    }

    @Test
    void passesAnExpectedErrorWithItsCodeAndText() {
        CaseResult r = run(conflictCase("eval_conflict_error", "complete rules must not produce multiple outputs"));
        assertThat(r.passed()).as(r.reason()).isTrue();
    }

    @Test
    void failsAnErrorWithAnotherCodeOrText() {
        assertThat(run(conflictCase("eval_type_error", "multiple outputs")).reason())
                .startsWith("want error code eval_type_error but got: test-0.rego:");
        assertThat(run(conflictCase("eval_conflict_error", "something else")).reason())
                .startsWith("want error containing \"something else\"");
    }

    @Test
    void failsAnUnexpectedErrorAndAMissingOne() {
        assertThat(run("""
                {"note": "t/x", "query": "data.t.p = x", "modules": [%s], "want_result": [{"x": 1}]}
                """.formatted(Json.write(dev.warden.rego.value.StringValue.of(CONFLICT)))).reason())
                .startsWith("unexpected error: test-0.rego:");
        assertThat(run("""
                {"note": "t/x", "query": "x = 1", "want_error_code": "eval_type_error"}
                """).reason()).isEqualTo("want error eval_type_error but got [{x=1}]");
    }

    @Test
    void readsInputTermsWithSets() {
        CaseResult r = run("""
                {"note": "t/set", "query": "x = input.s", "input_term": "{\\"s\\": {3, 1, 2}}",
                 "want_result": [{"x": [1, 2, 3]}]}
                """);
        assertThat(r.passed()).as(r.reason()).isTrue();
    }

    @Test
    void comparesRowsAsAnUnorderedCollection() {
        CaseResult r = run("""
                {"note": "t/rows", "query": "x = [3, 1, 2][_]", "want_result": [{"x": 1}, {"x": 2}, {"x": 3}]}
                """);
        assertThat(r.passed()).as(r.reason()).isTrue();
    }

    @Test
    void runsCasesPastOneThatHangs() {
        ConformanceCase slow = parse("""
                {"note": "t/slow", "want_result": [{"x": 1}],
                 "query": "x = 1; every a in numbers.range(1, 1000) { every b in numbers.range(1, 1000) { a != b - 1000 } }"}
                """);
        ConformanceCase quick = parse("""
                {"note": "t/quick", "query": "x = 1", "want_result": [{"x": 1}]}
                """);
        ConformanceReport report = new ConformanceRunner(Duration.ofMillis(200), c -> {})
                .run(new ConformanceSuite(List.of(slow, quick)));
        assertThat(report.results().get(0).passed()).isFalse();
        assertThat(report.results().get(0).reason()).containsAnyOf("eval_cancel_error", "timed out");
        assertThat(report.results().get(1).passed()).isTrue();
        assertThat(report.summary()).isEqualTo("1 passed, 1 failed");
    }
}
