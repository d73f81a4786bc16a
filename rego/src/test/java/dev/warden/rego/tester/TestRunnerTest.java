package dev.warden.rego.tester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.rego.Rego;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestRunnerTest {

    private static final String POLICY = """
            package authz

            allow if input.user == "ann"

            p := 1 if true

            p := 2 if true
            """;

    private static final String TESTS = """
            package authz_test

            import data.authz

            test_ann_is_allowed if authz.allow with input as {"user": "ann"}

            test_bob_is_allowed if authz.allow with input as {"user": "bob"}

            test_conflicting_rule if authz.p == 1

            todo_test_later if false

            helper := 1
            """;

    private static List<TestResult> run(String regex) {
        Rego.Builder b = Rego.builder().module("b_test.rego", TESTS).module("a.rego", POLICY);
        return new TestRunner(regex, Duration.ofSeconds(5)).run(b);
    }

    @Test
    void runsEveryTestRuleOfEveryPackageAndJudgesIt() {
        List<TestResult> results = run(null);
        assertThat(results).extracting(TestResult::fullName).containsExactly(
                "data.authz_test.test_ann_is_allowed", "data.authz_test.test_bob_is_allowed",
                "data.authz_test.test_conflicting_rule", "data.authz_test.todo_test_later");
        assertThat(results).extracting(TestResult::outcome).containsExactly(TestResult.Outcome.PASS,
                TestResult.Outcome.FAIL, TestResult.Outcome.ERROR, TestResult.Outcome.SKIPPED);
        assertThat(results.get(2).error().code()).isEqualTo("eval_conflict_error");
        assertThat(TestReport.allPassed(results)).isFalse();
    }

    @Test
    void aZeroArityTestFunctionIsATestAndAFunctionWithParametersIsNot() {
        Rego.Builder b = Rego.builder().module("z_test.rego", """
                package z_test

                test_written_as_function() if 1 == 1

                test_helper(x) if x == 1
                """);
        List<TestResult> results = new TestRunner(null, Duration.ofSeconds(5)).run(b);
        assertThat(results).extracting(TestResult::fullName).containsExactly("data.z_test.test_written_as_function");
        assertThat(results).extracting(TestResult::outcome).containsExactly(TestResult.Outcome.PASS);
    }

    @Test
    void runsOnlyTestsMatchingTheRunExpression() {
        List<TestResult> results = run("ann_is");
        assertThat(results).extracting(TestResult::name).containsExactly("test_ann_is_allowed");
        assertThat(TestReport.allPassed(results)).isTrue();
        assertThat(TestReport.pretty(results, false)).isEqualTo("PASS: 1/1\n");
    }

    @Test
    void printsFailuresErrorsAndTheSummaryAsOpaTestDoes() {
        String out = TestReport.pretty(run(null), false);
        assertThat(out).contains("b_test.rego:7:\ndata.authz_test.test_bob_is_allowed: FAIL (")
                .contains("data.authz_test.test_conflicting_rule: ERROR (")
                .contains("\n  a.rego:")
                .endsWith("-".repeat(80) + "\nPASS: 1/4\nFAIL: 1/4\nSKIPPED: 1/4\nERROR: 1/4\n");
    }

    @Test
    void writesJsonResultsWithOpasFieldNames() {
        String json = TestReport.json(run("bob"));
        assertThat(json).contains("\"package\": \"data.authz_test\"", "\"name\": \"test_bob_is_allowed\"",
                "\"fail\": true", "\"row\": 7");
    }

    @Test
    void rejectsAnInvalidRunExpression() {
        assertThatThrownBy(() -> new TestRunner("(", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid --run expression");
    }
}
