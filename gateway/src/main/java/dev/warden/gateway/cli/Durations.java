package dev.warden.gateway.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads Go-style durations from the command line: {@code 500ms}, {@code 5s}, {@code 2m}. */
final class Durations implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String text) {
        var m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m)").matcher(text.strip());
        if (!m.matches()) throw new TypeConversionException("'" + text + "' is not a duration like 500ms, 5s or 2m");
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }
}
