package dev.warden.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code warden policy ...} in-process against the shipped policies and checks what it prints. */
class PolicyCommandTest {
    private static final Path POLICIES = Path.of("..", "policies");

    record Run(int exit, String out, String err) {}

    static Run warden(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = WardenCommand.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String eval(String input, String query) {
        Run r = warden("policy", "eval", "-d", POLICIES.resolve("gateway.rego").toString(),
                "-i", POLICIES.resolve("test_data").resolve(input).toString(), query);
        assertThat(r.exit()).as(r.err() + r.out()).isZero();
        return r.out();
    }

    @Test
    void allowsTheAdminQueryAsOpaEvalPrintsIt() {
        assertThat(eval("admin_query.json", "data.mcp.gateway.allow")).isEqualTo("""
                {
                  "result": [
                    {
                      "expressions": [
                        {
                          "value": true,
                          "text": "data.mcp.gateway.allow",
                          "location": {
                            "row": 1,
                            "col": 1
                          }
                        }
                      ]
                    }
                  ]
                }
                """);
    }

    @Test
    void deniesTheAnalystsDropTable() {
        assertThat(eval("analyst_drop.json", "data.mcp.gateway.allow")).contains("\"value\": false");
        assertThat(eval("analyst_drop.json", "data.mcp.gateway.reason"))
                .contains("Denied: destructive query not allowed for analyst role on postgres-mcp:execute_query");
    }

    @Test
    void printsBindingsAndPrettyValues() {
        assertThat(eval("admin_query.json", "x := data.mcp.gateway.cache_ttl"))
                .contains("\"bindings\": {\n        \"x\": 60\n      }");
        Run pretty = warden("policy", "eval", "--format", "pretty", "-d", POLICIES.resolve("gateway.rego").toString(),
                "-i", POLICIES.resolve("test_data/admin_query.json").toString(), "data.mcp.gateway.allow");
        assertThat(pretty.out()).isEqualTo("true\n");
    }

    @Test
    void printsEmptyObjectWhenUndefined() {
        assertThat(eval("admin_query.json", "data.mcp.gateway.no_such_rule")).isEqualTo("{}\n");
    }

    @Test
    void failsOnUndefinedOrDefinedWhenAsked() {
        String policy = POLICIES.resolve("gateway.rego").toString();
        assertThat(warden("policy", "eval", "--fail", "-d", policy, "data.mcp.gateway.no_such_rule").exit()).isEqualTo(1);
        assertThat(warden("policy", "eval", "--fail", "-d", policy, "data.mcp.gateway.allow").exit()).isZero();
        assertThat(warden("policy", "eval", "--fail-defined", "-d", policy, "data.mcp.gateway.allow").exit()).isEqualTo(1);
    }

    @Test
    void runsTheShippedPolicyTests() {
        Run r = warden("policy", "test", POLICIES.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).matches("PASS: (\\d+)/\\1\\n");
    }

    @Test
    void listsEachTestWhenVerboseAndFiltersWithRun() {
        Run r = warden("policy", "test", POLICIES.toString(), "-v", "--run", "analyst_may_not_drop");
        assertThat(r.out()).contains("data.mcp.gateway_test.test_analyst_may_not_drop_a_table: PASS (")
                .endsWith("-".repeat(80) + "\nPASS: 1/1\n");
    }

    @Test
    void reportsAFailingTestWithExitStatusOne(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("t_test.rego"), """
                package t

                test_ok if true

                test_wrong if 1 == 2
                """);
        Run r = warden("policy", "test", dir.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("data.t.test_wrong: FAIL (").contains("PASS: 1/2\nFAIL: 1/2\n");
        Run json = warden("policy", "test", dir.toString(), "--format", "json");
        assertThat(json.out()).contains("\"name\": \"test_wrong\"").contains("\"fail\": true");
    }

    @Test
    void printsCompileErrorsWithLocationAndCaretWithoutAStackTrace(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.rego");
        Files.writeString(bad, "package bad\n\nallow if {\n\tx == 1\n}\n");
        Run json = warden("policy", "eval", "-d", bad.toString(), "data.bad.allow");
        assertThat(json.exit()).isEqualTo(1);
        assertThat(json.out()).contains("\"code\": \"rego_unsafe_var_error\"").contains("\"row\": 4");
        assertThat(json.err()).contains(bad + ":4:").contains("\n\t\tx == 1\n\t\t^");
        Run pretty = warden("policy", "eval", "--format", "pretty", "-d", bad.toString(), "data.bad.allow");
        assertThat(pretty.out()).contains(bad + ":4:").contains("rego_unsafe_var_error").contains("\n\t\tx == 1\n\t\t^");
        assertThat(pretty.out() + pretty.err()).doesNotContain("\tat ");
    }

    @Test
    void namesAMissingFile() {
        Run r = warden("policy", "eval", "-d", "no/such/policy.rego", "data.x");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("no/such/policy.rego: no such file or directory");
    }

    @Test
    void runsConformanceCasesAndEndsWithTheSummaryLine(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("basics"));
        Files.writeString(dir.resolve("basics/cases.json"), """
                {"cases": [
                  {"note": "basics/one", "query": "data.t.p = x", "modules": ["package t\\np := 1\\n"],
                   "want_result": [{"x": 1}]},
                  {"note": "basics/wrong", "query": "data.t.p = x", "modules": ["package t\\np := 1\\n"],
                   "want_result": [{"x": 2}]}
                ]}
                """);
        Path report = dir.resolve("report.json");
        Run r = warden("policy", "conformance", dir.toString(), "--json", report.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("basics").endsWith("1 passed, 1 failed\n");
        assertThat(Files.readString(report)).contains("\"note\":\"basics/wrong\"").contains("\"passed\":false");
    }
}
