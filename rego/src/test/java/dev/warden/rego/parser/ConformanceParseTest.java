package dev.warden.rego.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.rego.RegoException;
import dev.warden.rego.source.Source;
import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.Json;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every module and query of OPA's conformance suite parses, except in cases that expect a parse error, and
 * the location of every expression spans exactly its text (re-reading that text gives the same expression). The
 * suite lives outside the repository ({@code ../shared/opa-conformance/v1}); without it the test has nothing
 * to check.
 */
class ConformanceParseTest {
    private static final Path SUITE = Path.of("../../shared/opa-conformance/v1");

    /** Cases known not to parse, with the reason. Keep empty unless a case needs a feature we refuse. */
    private static final Map<String, String> KNOWN_FAILURES = Map.of();

    @Test
    void everyModuleAndQueryOfTheConformanceSuiteParses() throws IOException {
        Path suite = SUITE.toAbsolutePath().normalize();
        if (!Files.isDirectory(suite)) suite = Path.of("../shared/opa-conformance/v1").toAbsolutePath().normalize();
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(suite), "conformance suite not present");
        List<String> failures = new ArrayList<>();
        int parsed = 0;
        List<Path> files;
        try (Stream<Path> s = Files.walk(suite)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            Value doc = Json.parse(Files.readString(file));
            for (Value c : ((ArrayValue) get(doc, "cases")).elements()) {
                String note = str(get(c, "note"));
                if ("rego_parse_error".equals(str(get(c, "want_error_code")))) continue;
                if (KNOWN_FAILURES.containsKey(note)) continue;
                Value modules = get(c, "modules");
                if (modules instanceof ArrayValue arr) {
                    int i = 0;
                    for (Value m : arr.elements()) {
                        try {
                            var module = Parser.parseModule(new Source(note + "/" + i++ + ".rego", str(m)), false);
                            parsed++;
                            for (var rule : module.rules()) {
                                for (var r = rule; r != null; r = r.elseRule()) reparseEachExpression(r.body(), note, failures);
                            }
                        } catch (RegoException e) {
                            failures.add(note + ": " + e.getMessage());
                        }
                    }
                }
                String query = str(get(c, "query"));
                if (query != null) {
                    try {
                        Parser.parseQuery(new Source("query", query));
                        parsed++;
                    } catch (RegoException e) {
                        failures.add(note + " (query): " + e.getMessage());
                    }
                }
                String inputTerm = str(get(c, "input_term"));
                if (inputTerm != null) {
                    try {
                        Parser.parseTerm(new Source("input_term", inputTerm));
                    } catch (RegoException e) {
                        failures.add(note + " (input_term): " + e.getMessage());
                    }
                }
            }
        }
        System.out.println("conformance parse: " + parsed + " parsed, " + failures.size() + " failed");
        failures.stream().limit(40).forEach(f -> System.out.println("  " + f));
        assertThat(failures).isEmpty();
    }

    /** An expression's location text, parsed as a query, gives the same expression: locations are exact. */
    private static void reparseEachExpression(List<dev.warden.rego.ast.Expr> body, String note, List<String> failures) {
        for (var e : body) {
            String text = e.location().text();
            String want = AstPrinter.expr(e);
            String got;
            try {
                var q = Parser.parseQuery(new Source("expr", text));
                got = q.size() == 1 ? AstPrinter.expr(q.getFirst()) : q.size() + " expressions";
            } catch (RegoException ex) {
                got = ex.getMessage();
            }
            if (!want.equals(got)) failures.add(note + " (location of `" + want + "`): text `" + text + "` reads as " + got);
            if (e.kind() instanceof dev.warden.rego.ast.Expr.Every every) reparseEachExpression(every.body(), note, failures);
        }
    }

    private static Value get(Value obj, String key) {
        return obj instanceof ObjectValue o ? o.get(StringValue.of(key)) : null;
    }

    private static String str(Value v) {
        return v instanceof StringValue s ? s.value() : null;
    }
}
