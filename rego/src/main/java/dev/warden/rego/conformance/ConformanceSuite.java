package dev.warden.rego.conformance;

import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.Json;
import dev.warden.rego.value.JsonSyntaxException;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The cases of a conformance directory: one folder per topic, each holding JSON files of the form
 * {@code {"cases": [...]}}. Cases are sorted by note, as OPA's loader sorts them.
 *
 * <pre>{@code
 * ConformanceSuite suite = ConformanceSuite.load(Path.of("../shared/opa-conformance/v1"));
 * ConformanceReport report = new ConformanceRunner().run(suite);
 * }</pre>
 */
public record ConformanceSuite(List<ConformanceCase> cases) {

    public ConformanceSuite {
        cases = List.copyOf(cases);
    }

    /**
     * Loads every {@code *.json} file under {@code dir}; the topic of a case is the first folder below {@code dir}.
     * Throws {@link IllegalArgumentException} naming the file when a file is not a valid case file.
     */
    public static ConformanceSuite load(Path dir) {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("not a directory: " + dir);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        List<ConformanceCase> cases = new ArrayList<>();
        for (Path file : files) cases.addAll(loadFile(dir, file));
        cases.sort(Comparator.comparing(ConformanceCase::note));
        return new ConformanceSuite(cases);
    }

    private static List<ConformanceCase> loadFile(Path root, Path file) {
        Path rel = root.relativize(file);
        String topic = rel.getNameCount() > 1 ? rel.getName(0).toString() : stripJson(rel.toString());
        Value doc;
        try {
            doc = Json.parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (JsonSyntaxException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        if (!(doc instanceof ObjectValue o) || !(o.get("cases") instanceof ArrayValue list)) {
            throw new IllegalArgumentException(file + ": expected an object with a \"cases\" array");
        }
        List<ConformanceCase> out = new ArrayList<>();
        for (Value c : list.elements()) {
            if (!(c instanceof ObjectValue co)) throw new IllegalArgumentException(file + ": a case is not an object");
            try {
                out.add(ConformanceCase.fromJson(topic, co));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static String stripJson(String name) {
        return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    }

    /** The cases whose note contains {@code text}. */
    public ConformanceSuite filter(String text) {
        return new ConformanceSuite(cases.stream().filter(c -> c.note().contains(text)).toList());
    }
}
