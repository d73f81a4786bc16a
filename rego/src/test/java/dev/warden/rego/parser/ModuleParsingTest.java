package dev.warden.rego.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.rego.ast.Module;
import dev.warden.rego.ast.Rule;
import dev.warden.rego.source.Source;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Parsing modules")
class ModuleParsingTest {

    static Module module(String text) { return Parser.parseModule(new Source("m.rego", text), false); }

    static Module v0(String text) { return Parser.parseModule(new Source("m.rego", text), true); }

    static List<String> rules(Module m) { return m.rules().stream().map(AstPrinter::rule).toList(); }

    static String rule(String text) {
        List<String> rules = rules(module("package p\n" + text));
        assertThat(rules).hasSize(1);
        return rules.getFirst();
    }

    @Test
    void packagePathIsRootedAtData() {
        assertThat(module("package a.b.c\n").pkg().dotted()).isEqualTo("data.a.b.c");
        assertThat(AstPrinter.term(module("package a[\"b-c\"].d\n").pkg())).isEqualTo("data.a[\"b-c\"].d");
        assertThat(module("package foo.as.bar\n").pkg().dotted()).isEqualTo("data.foo.as.bar");
        assertThat(module("# comment\npackage x").pkg().location().text()).isEqualTo("package x");
    }

    @Test
    void importsKeepPathAndAlias() {
        Module m = module("""
                package p
                import data.x.y
                import data.x as z
                import input.q
                import future.keywords
                import future.keywords.in
                import rego.v1
                """);
        assertThat(m.imports()).extracting(i -> AstPrinter.term(i.path()), Module.Import::alias).containsExactly(
                org.assertj.core.groups.Tuple.tuple("data.x.y", null),
                org.assertj.core.groups.Tuple.tuple("data.x", "z"),
                org.assertj.core.groups.Tuple.tuple("input.q", null),
                org.assertj.core.groups.Tuple.tuple("future.keywords", null),
                org.assertj.core.groups.Tuple.tuple("future.keywords.in", null),
                org.assertj.core.groups.Tuple.tuple("rego.v1", null));
        assertThat(m.imports().get(1).location().text()).isEqualTo("import data.x as z");
        assertThat(m.v0()).isFalse();
    }

    @ParameterizedTest(name = "{0}  →  {1}")
    @CsvSource(delimiterString = "=>", value = {
            "p := 1                                 => p := 1",
            "p = 1                                  => p = 1",
            "p := 1 + 2                             => p := plus(1, 2)",
            "p if input.x > 1                       => p = true if { gt(input.x, 1) }",
            "p if { x := 1; x > 0 }                 => p = true if { assign(x, 1); gt(x, 0) }",
            "p := v if { v := 2 }                   => p := v if { assign(v, 2) }",
            "p contains x if { some x in xs }       => p contains x if { some x in xs }",
            "p contains \"a\"                       => p contains \"a\"",
            "p[k] := v if { some k, v in o }        => p[k] := v if { some k, v in o }",
            "p[x] if { x := 1 }                     => p[x] = true if { assign(x, 1) }",
            "a.b.c := 1                             => a.b.c := 1",
            "a.b[x] := 1 if { x := 2 }              => a.b[x] := 1 if { assign(x, 2) }",
            "a.b contains x if { x := 1 }           => a.b contains x if { assign(x, 1) }",
            "as.foo := 1                            => as.foo := 1",
            "f(x, y) := z if { z := x + y }         => f(x, y) := z if { assign(z, plus(x, y)) }",
            "f(x) if { x > 1 }                      => f(x) = true if { gt(x, 1) }",
            "f(x) := x                              => f(x) := x",
            "f(x)                                   => f(x) = true",
            "a.b.f(x) := 1                          => a.b.f(x) := 1",
            "default p := false                     => default p := false",
            "default p = {\"a\": [1]}               => default p = {\"a\": [1]}",
            "default f(_) := 0                      => default f(_) := 0",
            "p if { true }                          => p = true if { true }",
            "p if {}                                => p = true if { {} }",
    })
    void ruleHeadsAndBodies(String text, String expected) {
        assertThat(rule(text)).isEqualTo(expected);
    }

    @Test
    void elseChainsKeepTheirOwnValuesAndBodies() {
        String r = rule("""
                p := 1 if {
                    input.x == 1
                } else := 2 if {
                    input.x == 2
                } else = 3 if input.x == 3
                  else := 4
                """);
        assertThat(r).isEqualTo("p := 1 if { equal(input.x, 1) } else := 2 if { equal(input.x, 2) }"
                + " else = 3 if { equal(input.x, 3) } else := 4");
        assertThat(rule("f(x) := 1 if x > 0 else := -1")).isEqualTo("f(x) := 1 if { gt(x, 0) } else := -1");
        assertThat(rule("p if { false } else if { true }")).isEqualTo("p = true if { false } else = true if { true }");
    }

    @Test
    void ruleKindsAreVisibleOnTheHead() {
        Module m = module("""
                package p
                s contains x if some x in [1]
                o[k] := 1 if some k in [1]
                f(x) := x
                c := 1
                """);
        Rule.Head set = m.rules().get(0).head();
        assertThat(set.isPartialSet()).isTrue();
        assertThat(set.value()).isNull();
        assertThat(set.ref().path()).isEmpty();
        Rule.Head obj = m.rules().get(1).head();
        assertThat(obj.isPartialSet()).isFalse();
        assertThat(obj.ref().path()).hasSize(1);
        assertThat(obj.assign()).isTrue();
        assertThat(m.rules().get(2).head().isFunction()).isTrue();
        Rule.Head complete = m.rules().get(3).head();
        assertThat(complete.isFunction()).isFalse();
        assertThat(complete.key()).isNull();
        assertThat(m.rules().get(3).body()).isEmpty();
    }

    @Test
    void multipleDefinitionsAreSeparateRules() {
        Module m = module("""
                package p
                allow if input.admin
                allow if {
                    input.role == "dev"
                }
                default allow := false
                """);
        assertThat(rules(m)).containsExactly("allow = true if { input.admin }",
                "allow = true if { equal(input.role, \"dev\") }", "default allow := false");
    }

    @Test
    void ruleLocationsSpanTheRuleAndHeadLocationsTheHead() {
        Module m = module("package p\n\nallow := x if {\n  x := 1\n}\nq := 2\n");
        Rule allow = m.rules().getFirst();
        assertThat(allow.location().text()).isEqualTo("allow := x if {\n  x := 1\n}");
        assertThat(allow.location().line()).isEqualTo(3);
        assertThat(allow.head().location().text()).isEqualTo("allow := x");
        assertThat(allow.body().getFirst().location().text()).isEqualTo("x := 1");
        assertThat(m.rules().get(1).location().text()).isEqualTo("q := 2");
        assertThat(m.location().text()).isEqualTo(m.source().text());
    }

    @Test
    void v1KeywordsCanBeUsedAfterADot() {
        assertThat(rule("p if input.if.contains == data.every.some")).isEqualTo(
                "p = true if { equal(input.if.contains, data.every.some) }");
    }

    @Test
    void v0RulesWithoutIfAndPartialSetsByBrackets() {
        Module m = v0("""
                package p
                allow { input.admin }
                deny[msg] { msg := "no" }
                obj[k] = v { k := "a"; v := 1 }
                f(x) = y { y := x }
                default allow = false
                q = 1
                """);
        assertThat(m.v0()).isTrue();
        assertThat(rules(m)).containsExactly("allow = true if { input.admin }", "deny contains msg if { assign(msg, \"no\") }",
                "obj[k] = v if { assign(k, \"a\"); assign(v, 1) }", "f(x) = y if { assign(y, x) }",
                "default allow = false", "q = 1");
        assertThat(m.rules().get(1).head().isPartialSet()).isTrue();
    }

    @Test
    void v0KeywordsAreIdentifiersUntilImported() {
        Module plain = v0("package p\np { contains(\"abc\", \"b\"); in := 1; if := 2; every := [in, if] }");
        assertThat(rules(plain).getFirst()).contains("assign(in, 1)", "assign(every, [in, if])");
        Module imported = v0("package p\nimport future.keywords.in\np { 1 in [1] }");
        assertThat(rules(imported).getFirst()).isEqualTo("p = true if { internal.member_2(1, [1]) }");
        Module all = v0("package p\nimport rego.v1\ns contains x if { some x in [1] }");
        assertThat(rules(all).getFirst()).isEqualTo("s contains x if { some x in [1] }");
        Module every = v0("package p\nimport future.keywords.every\np { every x in [1] { x > 0 } }");
        assertThat(rules(every).getFirst()).isEqualTo("p = true if { every x in [1] { gt(x, 0) } }");
    }

    @Test
    void commentsAndBlankLinesAreIgnored() {
        Module m = module("""
                # leading comment
                package p # trailing

                # between
                allow if { # in body
                    # alone
                    input.x   # after
                }
                """);
        assertThat(rules(m)).containsExactly("allow = true if { input.x }");
    }

    @Test
    void byteOrderMarkIsSkipped() {
        assertThat(module("\uFEFFpackage p\nx := 1").rules()).hasSize(1);
    }
    @Test
    void v0HeadsWithoutBodiesAndDeeperRefHeads() {
        Module m = v0("""
                package p
                obj["a"] = 1
                names["alice"]
                a.b[x] { x := "k" }
                f(x) = x
                """);
        assertThat(rules(m)).containsExactly("obj.a = 1", "names contains \"alice\"",
                "a.b[x] = true if { assign(x, \"k\") }", "f(x) = x");
    }

    @Test
    void elseAndDefaultRulesAreLocatedAtTheirKeyword() {
        Module m = module("package p\ndefault p := 0\np := 1 if { false }\n else := 2\n");
        Rule dflt = m.rules().get(0);
        assertThat(dflt.location().text()).isEqualTo("default p := 0");
        assertThat(dflt.head().location().text()).isEqualTo("p := 0");
        Rule els = m.rules().get(1).elseRule();
        assertThat(els.location().text()).isEqualTo("else := 2");
        assertThat(els.location().line()).isEqualTo(4);
        assertThat(els.head().ref().dotted()).isEqualTo("p");
        assertThat(m.rules().get(1).location().text()).isEqualTo("p := 1 if { false }\n else := 2");
    }

    @Test
    void termsOfRuleHeadsAreLocated() {
        Rule r = module("package p\ndeny contains msg if { msg := \"no\" }").rules().getFirst();
        assertThat(r.head().key().location().text()).isEqualTo("msg");
        assertThat(r.head().ref().location().text()).isEqualTo("deny");
        assertThat(r.head().location().text()).isEqualTo("deny contains msg");
    }
}
