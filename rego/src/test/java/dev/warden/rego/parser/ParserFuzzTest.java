package dev.warden.rego.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.rego.RegoException;
import dev.warden.rego.source.Source;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** Random sequences of Rego fragments must parse or fail with a located parse error, quickly. */
class ParserFuzzTest {
    private static final String[] FRAGMENTS = {
        "package p\n", "import rego.v1\n", "import future.keywords.in\n", "p", "q", "x", "_", "f", "input", "data",
        ".", "[", "]", "{", "}", "(", ")", ",", ";", ":", ":=", "=", "==", "!=", "<", ">=", "+", "-", "*", "/", "%",
        "&", "|", "if", "else", "default", "contains", "in", "some", "every", "not", "with", "as", "true", "null",
        "1", "0.5", "-2", "1e3", "\"s\"", "`r`", "$\"t{", "$`u{", "\"", "`", "$", "!", "@", "#c\n", "\n", " ", "\t",
        "set()", "count(x)", "[x | x := 1]", "{k: v | k := 1; v := 2}", "every x in y { x }", "p if { x }\n",
    };

    @Test
    void randomFragmentSoupNeverCrashesOrHangs() {
        Random random = new Random(20261125);
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int round = 0; round < 3000; round++) {
                StringBuilder sb = new StringBuilder();
                int n = 1 + random.nextInt(30);
                for (int i = 0; i < n; i++) sb.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]).append(random.nextBoolean() ? " " : "");
                String text = sb.toString();
                boolean v0 = round % 2 == 0;
                check(() -> Parser.parseModule(new Source("f.rego", text), v0), text);
                check(() -> Parser.parseQuery(new Source("q", text)), text);
            }
        });
    }

    private static void check(Runnable parse, String text) {
        try {
            parse.run();
        } catch (RegoException e) {
            assertThat(e.errors()).as(text).isNotEmpty();
            assertThat(e.getMessage()).as(text).doesNotContain("internal parser error");
            e.errors().forEach(err -> assertThat(err.location()).as(text).isNotNull());
        }
    }
}
