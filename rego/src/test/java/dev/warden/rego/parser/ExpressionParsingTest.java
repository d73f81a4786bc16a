package dev.warden.rego.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.rego.ast.Expr;
import dev.warden.rego.ast.Term;
import dev.warden.rego.source.Source;
import dev.warden.rego.value.NumberValue;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Parsing queries and expressions")
class ExpressionParsingTest {

    static List<Expr> query(String text) { return Parser.parseQuery(new Source("q", text)); }

    static String shape(String text) { return AstPrinter.body(query(text)); }

    @ParameterizedTest(name = "{0}  →  {1}")
    @CsvSource(delimiterString = "=>", value = {
            "x := 1 + 2 * 3                 => assign(x, plus(1, mul(2, 3)))",
            "x = 1 - 2 - 3                  => eq(x, minus(minus(1, 2), 3))",
            "a / b % c * d                  => mul(rem(div(a, b), c), d)",
            "a | b & c                      => or(a, and(b, c))",
            "a + 1 == b * 2                 => equal(plus(a, 1), mul(b, 2))",
            "a != b                         => neq(a, b)",
            "a < b; a <= b; a > b; a >= b   => lt(a, b); lte(a, b); gt(a, b); gte(a, b)",
            "(1 + 2) * 3                    => mul(plus(1, 2), 3)",
            "x := a == b                    => assign(x, equal(a, b))",
            "x in xs                        => internal.member_2(x, xs)",
            "k, v in obj                    => internal.member_3(k, v, obj)",
            "x in {1, 2} == true            => internal.member_2(x, equal({1, 2}, true))",
            "y := x in xs                   => assign(y, internal.member_2(x, xs))",
            "x := -1                        => assign(x, -1)",
            "x := 3 - -1                    => assign(x, minus(3, -1))",
            "x := .5                        => assign(x, 0.5)",
    })
    void infixOperatorsBecomeCallsWithOpasPrecedence(String text, String expected) {
        assertThat(shape(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}  →  {1}")
    @CsvSource(delimiterString = "=>", value = {
            "input.user.roles[i]            => input.user.roles[i]",
            "input.a[_].b                   => input.a[_].b",
            "data.x[\"a-b\"].c               => data.x[\"a-b\"].c",
            "[1, 2][0]                      => [1, 2][0]",
            "f(x).y                         => f(x).y",
            "count(xs)                      => count(xs)",
            "object.get(o, \"k\", 0)        => object.get(o, \"k\", 0)",
            "data.lib.f(1)                  => data.lib.f(1)",
            "input                          => input",
            "x[y[z]]                        => x[y[z]]",
            "input.if.contains              => input.if.contains",
            "contains(s, \"a\")             => contains(s, \"a\")",
    })
    void refsAndCallsKeepTheirPath(String text, String expected) {
        assertThat(shape(text)).isEqualTo(expected);
    }

    @Test
    void dottedNamesAreStringsAndBracketsHoldTerms() {
        Term.Ref ref = (Term.Ref) term("input.user.roles[i]");
        assertThat(ref.headName()).isEqualTo("input");
        assertThat(ref.path()).hasSize(3);
        assertThat(ref.path().get(2)).isInstanceOf(Term.Var.class);
        assertThat(ref.isSimpleName()).isFalse();
        assertThat(((Term.Ref) term("data.a.b")).dotted()).isEqualTo("data.a.b");
    }

    @Test
    void bareInputAndDataAreRefsWithAnEmptyPath() {
        assertThat(term("input")).isInstanceOfSatisfying(Term.Ref.class, r -> {
            assertThat(r.headName()).isEqualTo("input");
            assertThat(r.path()).isEmpty();
        });
        assertThat(term("x")).isInstanceOf(Term.Var.class);
    }

    @Test
    void callsNameTheirOperatorByItsDottedRef() {
        Term.Call call = (Term.Call) term("object.get(o, \"k\", 0)");
        assertThat(call.name()).isEqualTo("object.get");
        assertThat(call.args()).hasSize(3);
        assertThat(((Term.Call) term("a + b")).name()).isEqualTo("plus");
        assertThat(((Term.Call) term("a in b")).name()).isEqualTo("internal.member_2");
    }

    @ParameterizedTest(name = "{0}  →  {1}")
    @CsvSource(delimiterString = "=>", value = {
            "[]                             => []",
            "{}                             => {}",
            "set()                          => set()",
            "{1, 2, 3}                      => {1, 2, 3}",
            "{1}                            => {1}",
            "{\"a\": 1, \"b\": [true, null]} => {\"a\": 1, \"b\": [true, null]}",
            "{[1]: x, 2: y}                 => {[1]: x, 2: y}",
            "[1, 2,]                        => [1, 2]",
            "{a + 1: b}                     => {plus(a, 1): b}",
            "[x | x := xs[_]]               => [x | assign(x, xs[_])]",
            "{x | some x in xs}             => {x | some x in xs}",
            "{k: v | v := o[k]}             => {k: v | assign(v, o[k])}",
            "{1 | 1}                        => {1 | 1}",
            "[x | x = 1; y = 2]             => [x | eq(x, 1); eq(y, 2)]",
    })
    void compositesAndComprehensions(String text, String expected) {
        assertThat(shape(text)).isEqualTo(expected);
    }

    @Test
    void comprehensionBodiesMaySpanLines() {
        assertThat(shape("ys := [y |\n  x := xs[_]\n  y := x * 2\n]"))
                .isEqualTo("assign(ys, [y | assign(x, xs[_]); assign(y, mul(x, 2))])");
    }

    @ParameterizedTest(name = "{0}  →  {1}")
    @CsvSource(delimiterString = "=>", value = {
            "some x, y                      => some x, y",
            "some x in xs                   => some x in xs",
            "some k, v in xs                => some k, v in xs",
            "some [a, b] in pairs           => some [a, b] in pairs",
            "not x                          => not x",
            "not f(x) == 1                  => not equal(f(x), 1)",
            "every x in xs { x > 0 }        => every x in xs { gt(x, 0) }",
            "every k, v in o { k == v }     => every k, v in o { equal(k, v) }",
            "x with input as 1              => x with input as 1",
            "f(x) with input.a as 1 with data.b as {} => f(x) with input.a as 1 with data.b as {}",
            "allow with count as mock_count => allow with count as mock_count",
            "_ = x                          => eq(_, x)",
    })
    void keywordsOfExpressions(String text, String expected) {
        assertThat(shape(text)).isEqualTo(expected);
    }

    @Test
    void someInKeepsKeyValueAndCollection() {
        Expr e = query("some k, v in input.x").getFirst();
        assertThat(e.kind()).isInstanceOfSatisfying(Expr.SomeIn.class, s -> {
            assertThat(AstPrinter.term(s.key())).isEqualTo("k");
            assertThat(AstPrinter.term(s.value())).isEqualTo("v");
            assertThat(AstPrinter.term(s.collection())).isEqualTo("input.x");
        });
        assertThat(((Expr.SomeIn) query("some v in xs").getFirst().kind()).key()).isNull();
    }

    @Test
    void expressionsAreSeparatedBySemicolonsOrNewlines() {
        assertThat(query("x := 1; y := x + 1")).hasSize(2);
        assertThat(query("x := 1\ny := 2\n\nz := 3\n")).hasSize(3);
        assertThat(shape("x := [1,\n 2]")).isEqualTo("assign(x, [1, 2])");
    }

    @Test
    void expressionLocationsSpanExactlyTheirText() {
        List<Expr> exprs = query("  data.test.p = x ;  y := [1, 2]   # trailing\n z");
        assertThat(exprs).extracting(e -> e.location().text()).containsExactly("data.test.p = x", "y := [1, 2]", "z");
        assertThat(exprs.get(0).location().line()).isEqualTo(1);
        assertThat(exprs.get(0).location().column()).isEqualTo(3);
        assertThat(exprs.get(2).location().line()).isEqualTo(2);
    }

    @Test
    void termLocationsSpanTheirText() {
        Term.Call eq = (Term.Call) ((Expr.TermExpr) query("x = f(a, b).c + 1").getFirst().kind()).term();
        Term plus = eq.args().get(1);
        assertThat(plus.location().text()).isEqualTo("f(a, b).c + 1");
        Term ref = ((Term.Call) plus).args().get(0);
        assertThat(ref.location().text()).isEqualTo("f(a, b).c");
        assertThat(((Term.Ref) ref).head().location().text()).isEqualTo("f(a, b)");
        assertThat(term("(1 + 2)").location().text()).isEqualTo("(1 + 2)");
        assertThat(term("[x | x := 1]").location().text()).isEqualTo("[x | x := 1]");
        assertThat(term("-1.5e3").location().text()).isEqualTo("-1.5e3");
    }

    @Test
    void withModifiersCarryTheirOwnLocation() {
        Expr e = query("allow with input as {\"a\": 1}").getFirst();
        assertThat(e.with().getFirst().location().text()).isEqualTo("with input as {\"a\": 1}");
        assertThat(e.with().getFirst().target().headName()).isEqualTo("input");
    }

    @Test
    void wildcardsStayAsUnderscoreVars() {
        Term.Ref ref = (Term.Ref) term("a[_][_]");
        assertThat(ref.path()).allSatisfy(t -> assertThat(t).isInstanceOfSatisfying(Term.Var.class,
                v -> assertThat(v.isWildcard()).isTrue()));
    }

    @Test
    void numbersKeepArbitraryPrecision() {
        Term.Scalar big = (Term.Scalar) term("123456789012345678901234567890");
        assertThat(((NumberValue) big.value()).bigIntegerValue()).hasToString("123456789012345678901234567890");
        Term.Scalar dec = (Term.Scalar) term("0.1000000000000000000000001");
        assertThat(((NumberValue) dec.value()).decimalValue()).isEqualByComparingTo(new BigDecimal("0.1000000000000000000000001"));
        assertThat(AstPrinter.term(term("1e3"))).isEqualTo("1000");
    }

    @Test
    void stringsDecodeEscapesAndRawStringsDoNot() {
        assertThat(AstPrinter.term(term("\"a\\tb\\u00e9\\ud83d\\ude00\""))).isEqualTo("\"a\\tbé😀\"");
        assertThat(AstPrinter.term(term("`a\\tb\nc`"))).isEqualTo("\"a\\\\tb\\nc\"");
    }

    @Test
    void templateStringsInterleaveTextAndTerms() {
        assertThat(AstPrinter.term(term("$\"Hello {input.name}, you are {age + 1}!\"")))
                .isEqualTo("$\"Hello {input.name}, you are {plus(age, 1)}!\"");
        assertThat(AstPrinter.term(term("$`raw \\{not} {x}\nline`"))).isEqualTo("$`raw {not} {x}\nline`");
        assertThat(AstPrinter.term(term("$\"a \\{b} {[1, {2}][0]} {$\"in{x}\"}\"")))
                .isEqualTo("$\"a {b} {[1, {2}][0]} {$\"in{x}\"}\"");
        assertThat(AstPrinter.term(term("$\"{a with input as 42}\""))).isEqualTo("$\"{a with input as 42}\"");
        Term.TemplateString ts = (Term.TemplateString) term("$\"x{y}\"");
        assertThat(ts.literal()).containsExactly(true, false);
        assertThat(ts.location().text()).isEqualTo("$\"x{y}\"");
    }

    @Test
    void inputTermsMayHoldSets() {
        assertThat(AstPrinter.term(Parser.parseTerm(new Source("input", "{\"roles\": {\"a\", \"b\"}, \"n\": set()}"))))
                .isEqualTo("{\"roles\": {\"a\", \"b\"}, \"n\": set()}");
    }

    @Test
    void groundTermsConvertToValues() {
        var value = Parser.parseValue(new Source("input", "{\"roles\": {\"b\", \"a\"}, 1: [null, -2.5]}"));
        assertThat(value).hasToString("{\"1\":[null,-2.5],\"roles\":[\"a\",\"b\"]}");
        assertThat(((dev.warden.rego.value.ObjectValue) value).containsKey(NumberValue.of(1))).isTrue();
        assertThat(((dev.warden.rego.value.ObjectValue) value).get("roles")).isInstanceOf(dev.warden.rego.value.SetValue.class);
        assertThatThrownBy(() -> Parser.parseValue(new Source("input", "{\"a\": x}")))
                .hasMessageContaining("expected a value but found var x");
    }

    private static Term term(String text) { return Parser.parseTerm(new Source("t", text)); }
}
