package dev.warden.rego.conformance;

import dev.warden.rego.value.Json;
import dev.warden.rego.value.JsonSyntaxException;
import dev.warden.rego.value.Value;

/** The input document of a case: its JSON {@code input}, or its {@code input_term} read as a Rego term. */
final class InputTerms {
    private InputTerms() {}

    static Value inputOf(ConformanceCase c) {
        if (c.inputTerm() != null) return parse(c.inputTerm());
        return c.input();
    }

    static Value parse(String text) {
        try {
            return Json.parse(text);
        } catch (JsonSyntaxException e) {
            throw new IllegalArgumentException("input_term is Rego term syntax, which needs the Rego parser: "
                    + e.getMessage());
        }
    }
}
