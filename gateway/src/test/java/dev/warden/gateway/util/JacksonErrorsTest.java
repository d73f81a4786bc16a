package dev.warden.gateway.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

class JacksonErrorsTest {
    private static String describe(String json) {
        try {
            ClientJson.MAPPER.readTree(json);
        } catch (JacksonException e) {
            return JacksonErrors.describe(e);
        }
        throw new AssertionError("parsed: " + json);
    }

    @Test
    void aParseErrorSaysWhatBrokeAndWhereWithoutNamingJacksonsClassesOrSettings() {
        String trailing = describe("{\"a\":1} {\"b\":2}");
        String deep = describe("[".repeat(1200) + "]".repeat(1200));
        String nan = describe("{\"n\": NaN}");
        for (String message : new String[] {trailing, deep, nan}) {
            assertThat(message).doesNotContain("`", "tools.jackson", "Feature", "StreamReadConstraints");
        }
        assertThat(trailing).startsWith("Trailing token").endsWith("(line 1, column 9)");
        assertThat(deep).contains("nesting depth").contains("500");
        assertThat(nan).contains("'NaN'").contains("(line 1, column ");
    }
}
