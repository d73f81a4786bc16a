package dev.warden.gateway.util;

import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;

/** Jackson's parse errors as a person reads them: what broke and where, without the parser's internals. */
public final class JacksonErrors {
    /** Jackson's "(start marker at [Source: REDACTED ...])": internal detail that means nothing to a reader. */
    private static final Pattern SOURCE_DESCRIPTION = Pattern.compile("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)");

    /**
     * Where Jackson names its own classes and settings: "(bound as `tools.jackson...JsonNode`)", "(`JsonToken...`)",
     * ": not allowed as per
     * `DeserializationFeature...`", ", from `StreamReadConstraints...`", ": enable `JsonReadFeature...` to allow".
     */
    private static final Pattern INTERNALS = Pattern.compile(
            "\\s*\\((?:bound as )?`[^`]*`\\)|:\\s*not allowed as per `[^`]*`|,\\s*from `[^`]*`|:\\s*enable `[^`]*` to allow");

    private JacksonErrors() {}

    /**
     * Jackson's message without its internal source description, then where it broke, e.g.
     * {@code Unexpected end-of-input: expected close marker for Object (line 1, column 2)}.
     */
    public static String describe(JacksonException e) {
        String message = SOURCE_DESCRIPTION.matcher(String.valueOf(e.getOriginalMessage())).replaceAll("");
        message = INTERNALS.matcher(message).replaceAll("");
        var loc = e.getLocation();
        return message + (loc == null || loc.getLineNr() < 1 ? ""
                : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")");
    }
}
