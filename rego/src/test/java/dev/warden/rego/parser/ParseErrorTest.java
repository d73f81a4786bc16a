package dev.warden.rego.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warden.rego.RegoError;
import dev.warden.rego.RegoException;
import dev.warden.rego.source.Source;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Reporting parse errors")
class ParseErrorTest {

    static List<RegoError> moduleErrors(String text, boolean v0) {
        RegoException e = catchThrowableOfType(RegoException.class,
                () -> Parser.parseModule(new Source("bad.rego", text), v0));
        assertThat(e).as("expected a parse error for:\n" + text).isNotNull();
        assertThat(e.errors()).allSatisfy(err -> assertThat(err.code()).isEqualTo("rego_parse_error"));
        return e.errors();
    }

    static String firstError(String text) {
        RegoError err = moduleErrors(text, false).getFirst();
        return err.location().line() + ":" + err.location().column() + " " + err.message();
    }

    @ParameterizedTest(name = "{0}  →  {1}")
    @CsvSource(delimiterString = "=>", value = {
            "package p\\np { true }                 => 2:1 `if` keyword is required before rule body",
            "package p\\nf(x) = 1 { true }          => 2:1 `if` keyword is required before function body",
            "package p\\np contains x { x := 1 }    => 2:1 `if` keyword is required before rule body",
            "package p\\np                          => 2:1 var cannot be used for rule name",
            "package p\\n1                          => 2:1 number cannot be used for rule name",
            "package p\\n\"s\" = x                  => 2:1 string cannot be used for rule name",
            "package p\\nnot p                      => 2:1 negated expressions cannot be used for rule head",
            "package p\\np if {\\n  x := 1\\n}}     => 4:2 unexpected } token",
            "package p\\nx := \"abc                 => 2:6 non-terminated string",
            "package p\\nx := \"a\\qb\"             => 2:6 illegal escape sequence",
            "package p\\nx := 1 ! 2                 => 2:8 illegal ! character",
            "package p\\nx := 1 @ 2                 => 2:8 illegal token",
            "package p\\nx := 1.                    => 2:6 expected fraction",
            "package p\\nx := 01                    => 2:6 unexpected number token: expected number without leading zero",
            "package p\\nx := -y                    => 2:7 unexpected identifier token: expected number",
            "package p\\nx := 1e999999              => 2:6 number too big",
            "p := 1                                 => 1:1 package expected",
            "package p\\na.b.c                      => 2:1 rule must have value assignment and/or body declaration",
            "package p\\ndefault p := x             => 2:1 illegal default rule (value cannot contain var)",
            "package p\\ndefault p := input.x       => 2:1 illegal default rule (value cannot contain ref)",
            "package p\\ndefault f(1) := 1          => 2:1 illegal default rule (arguments cannot contain number)",
            "package p\\ndefault f(x, x) := 1       => 2:1 illegal default rule (arguments cannot be repeated x)",
            "package p\\nimport foo.bar             => 2:8 unexpected import path, must begin with one of: {data, future, input, rego}, got: foo",
            "package p\\nimport future.keywords.x   => 2:8 unexpected keyword, must be one of [contains every if in]",
            "package p\\nimport future.keywords as k => 2:8 `future` imports cannot be aliased",
            "package p\\nimport rego.v2             => 2:8 invalid import `rego.v2`, must be `rego.v1`",
            "package p\\nimport data.x.if           => 2:15 unexpected import path, must not end with a keyword, got: if",
            "package p\\np if { not some x }        => 2:12 unexpected some keyword: illegal negation of 'some'",
            "package p\\np if { every x in [1] }    => 2:23 unexpected } token: missing body",
            "package p\\np if { x := 1 y := 2 }     => 2:15 unexpected identifier token: expected \\n or ; or }",
            "package p\\np if { x := [1, 2 }        => 2:19 unexpected } token: expected \",\" or \"]\"",
            "package p\\np := {\"a\" 1}             => 2:11 unexpected number token: non-terminated set",
            "package p\\np := $\"{x := 1}\"         => 2:9 unexpected assignment (':=') in template-string expression",
            "package p\\np := (1 + 2                => 2:12 non-terminated expression",
            "package p\\np := input. x              => 2:12 unexpected whitespace token: expected identifier",
            "package p\\np :=                       => 2:5 unexpected eof token: expected rule value term (e.g., p := <VALUE> { ... })",
            "package p\\np[x] := 1 if { x := 1 } else := 2 => 2:25 else keyword cannot be used on rules with variables in head",
            "package p\\np contains 1 if { true } { true } else := 1 => 2:35 unexpected else keyword",
            "package p\\np if { true } else := 1 { true } => 2:15 `if` keyword is required before rule body",
            "package p\\npackage q                  => 2:1 unexpected package",
    })
    void reportsOpasMessageAtTheOffendingLocation(String text, String expected) {
        assertThat(firstError(text.replace("\\n", "\n"))).isEqualTo(expected);
    }

    @Test
    void v1RequiresContainsForPartialSetsAsWellAsIf() {
        assertThat(moduleErrors("package p\np[x] { x := 1 }", false)).extracting(RegoError::message).containsExactly(
                "`if` keyword is required before rule body", "`contains` keyword is required for partial set rules");
    }

    @Test
    void v0ModulesImportingRegoV1MustFollowV1Rules() {
        assertThat(moduleErrors("package p\nimport rego.v1\np { true }", true))
                .extracting(RegoError::message).containsExactly("`if` keyword is required before rule body");
        assertThat(Parser.parseModule(new Source("ok.rego", "package p\np { true }"), true).rules()).hasSize(1);
    }

    @Test
    void v0ModulesUsingFutureKeywordsWithoutImportGetAHint() {
        assertThat(moduleErrors("package p\ndeny contains msg if { msg := 1 }", true).getFirst().message())
                .isEqualTo("var cannot be used for rule name (hint: `import rego.v1` or `import future.keywords.contains`"
                        + " to use `contains` in a v0 module)");
        assertThat(moduleErrors("package p\np { some x in [1] }", true).getFirst().message())
                .isEqualTo("unexpected identifier token: expected \\n or ; or } (hint: `import future.keywords.in` for"
                        + " `some x in xs` expressions)");
        assertThat(moduleErrors("package p\np { every x in [1] { true } }", true).getFirst().message())
                .endsWith("(hint: `import future.keywords.every` for `every x in xs { ... }` expressions)");
    }

    @Test
    void reportsSeveralBrokenStatementsSortedByLocation() {
        List<RegoError> errors = moduleErrors("""
                package p

                a := [1, 2

                b if {
                    x := 1 +
                }

                c := 3

                d { true }
                """, false);
        assertThat(errors).extracting(e -> e.location().line()).containsExactly(5, 7, 11);
        assertThat(errors.get(2).message()).isEqualTo("`if` keyword is required before rule body");
        assertThat(errors).extracting(e -> e.location().line()).isSorted();
    }

    @Test
    void errorsRenderWithTheSourceLineAndACaret() {
        RegoException e = catchThrowableOfType(RegoException.class,
                () -> Parser.parseModule(new Source("policy.rego", "package p\nallow if {\n  x := }\n"), false));
        assertThat(e.getMessage()).isEqualTo("policy.rego:3:8: rego_parse_error: unexpected } token\n  x := }\n       ^");
    }

    @Test
    void queriesReportErrorsToo() {
        assertThatThrownBy(() -> Parser.parseQuery(new Source("q", "x := "))).isInstanceOf(RegoException.class)
                .hasMessageContaining("unexpected eof token");
        assertThatThrownBy(() -> Parser.parseQuery(new Source("q", "  "))).hasMessageContaining("empty query");
        assertThatThrownBy(() -> Parser.parseTerm(new Source("t", "x; y"))).hasMessageContaining("expected exactly one term");
        assertThatThrownBy(() -> Parser.parseQuery(new Source("q", "p { true }"))).isInstanceOf(RegoException.class);
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        String deep = "x := " + "[".repeat(20_000) + "]".repeat(20_000);
        assertThatThrownBy(() -> Parser.parseQuery(new Source("q", deep))).isInstanceOf(RegoException.class)
                .hasMessageContaining("max parsing recursion depth exceeded");
        String deepParens = "x := " + "(".repeat(5_000) + "1" + ")".repeat(5_000);
        assertThatThrownBy(() -> Parser.parseQuery(new Source("q", deepParens))).isInstanceOf(RegoException.class);
    }

    @Test
    void nestedCompositesThatNeedASecondReadingStayFast() {
        String nested = "{".repeat(60) + "a + 1" + "} + 1".repeat(60);
        String comprehensions = "[".repeat(60) + "a | b, c" + "] | d, e".repeat(59) + "]";
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThat(Parser.parseQuery(new Source("q", "x := " + nested))).hasSize(1);
            assertThat(Parser.parseQuery(new Source("q", "x := " + comprehensions))).hasSize(1);
        });
    }

    @Test
    void everyPrefixOfAPolicyEitherParsesOrFailsCleanly() {
        String policy = """
                package mcp.gateway
                import rego.v1

                default allow := false

                allow if {
                    some role in input.user.roles
                    role == "admin"
                }

                deny contains msg if {
                    not input.tool in {"a", "b"}
                    msg := $"tool {input.tool} is not allowed: {count(input.args)}"
                }

                ttl := t if { t := {"x": 1}[input.k] } else := 60

                f(x) := y if { y := [z | z := x[_] * 2; z > `raw`] }
                every_ok if every k, v in input.o { k != v } with data.x as {1, 2}
                """;
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 0; i <= policy.length(); i++) {
                String prefix = policy.substring(0, i);
                for (boolean v0 : new boolean[] {false, true}) {
                    try {
                        Parser.parseModule(new Source("p.rego", prefix), v0);
                    } catch (RegoException expected) {
                        assertThat(expected.errors()).isNotEmpty();
                    }
                }
                try {
                    Parser.parseQuery(new Source("q", prefix));
                } catch (RegoException expected) {
                    assertThat(expected.errors()).isNotEmpty();
                }
            }
        });
        assertThat(Parser.parseModule(new Source("p.rego", policy), false).rules()).hasSize(6);
    }
}
