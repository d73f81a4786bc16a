package dev.warden.rego.tester;

import dev.warden.rego.value.Json;
import dev.warden.rego.value.JsonSyntaxException;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Policy and data files loaded from paths as {@code opa eval -d} and {@code opa test} load them: {@code .rego}
 * files become modules named by their path; data files ({@code .json}, {@code .yaml}, {@code .yml}) are placed
 * under the folders that lead to them from the directory named on the command line (a file at
 * {@code policies/roles/data.json} loaded from {@code policies} lands at {@code data.roles}). Documents merge;
 * two files setting the same leaf are a merge error.
 *
 * <p>One deliberate difference from OPA's plain loader: inside a directory, only files named {@code data.json},
 * {@code data.yaml} or {@code data.yml} are data, as in an OPA bundle and as the gateway itself loads its policy
 * directory. So example inputs can sit next to policies ({@code policies/test_data/*.json}) and
 * {@code warden policy test policies/} tests exactly what the gateway runs. A data file named on the command line
 * loads whatever its name. Other files inside directories are ignored.
 *
 * <pre>{@code
 * PolicyFiles files = PolicyFiles.load(List.of(Path.of("policies")), null, List.of());
 * Rego rego = files.builder().build();
 * }</pre>
 *
 * @param modules module text by file name, in load order
 * @param data    the merged data document
 */
public record PolicyFiles(Map<String, String> modules, ObjectValue data) {

    public PolicyFiles {
        modules = Collections.unmodifiableMap(new LinkedHashMap<>(modules));
    }

    /** Raised when a path cannot be read or a data file is malformed; the message names the file. */
    public static final class LoadException extends RuntimeException {
        public LoadException(String message) { super(message, null, false, false); }
    }

    /**
     * @param yamlReader parses YAML text to a value, or null when YAML files are not supported
     * @param ignore     glob patterns of file or folder names to skip (OPA's {@code --ignore})
     */
    public static PolicyFiles load(List<Path> paths, Function<String, Value> yamlReader, List<String> ignore) {
        List<Pattern> skip = ignore.stream().map(PolicyFiles::glob).toList();
        Map<String, String> modules = new LinkedHashMap<>();
        Map<String, Object> data = new LinkedHashMap<>();
        for (Path p : paths) {
            if (!Files.exists(p)) throw new LoadException(p + ": no such file or directory");
            loadRec(p, List.of(), 0, skip, yamlReader, modules, data);
        }
        return new PolicyFiles(modules, (ObjectValue) toValue(data));
    }

    /** A builder holding these modules and data, ready for options and {@code build()}. */
    public dev.warden.rego.Rego.Builder builder() {
        dev.warden.rego.Rego.Builder b = dev.warden.rego.Rego.builder();
        modules.forEach(b::module);
        b.data(data);
        return b;
    }

    private static void loadRec(Path p, List<String> prefix, int depth, List<Pattern> skip,
                                Function<String, Value> yaml, Map<String, String> modules, Map<String, Object> data) {
        String name = p.getFileName() == null ? p.toString() : p.getFileName().toString();
        if (depth > 0 && skip.stream().anyMatch(g -> g.matcher(name).matches())) return;
        if (Files.isDirectory(p)) {
            List<String> inner = depth > 0 ? append(prefix, name) : prefix;
            List<Path> children;
            try (Stream<Path> list = Files.list(p)) {
                children = list.sorted().toList();
            } catch (IOException e) {
                throw new LoadException(p + ": cannot list directory: " + e.getMessage());
            }
            for (Path child : children) loadRec(child, inner, depth + 1, skip, yaml, modules, data);
            return;
        }
        String text;
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        boolean known = lower.endsWith(".rego") || lower.endsWith(".json") || lower.endsWith(".yaml")
                || lower.endsWith(".yml");
        boolean dataInDirectory = name.equals("data.json") || name.equals("data.yaml") || name.equals("data.yml");
        if (depth > 0 && !(lower.endsWith(".rego") || dataInDirectory)) return;
        try {
            text = Files.readString(p);
        } catch (IOException e) {
            throw new LoadException(p + ": cannot read file: " + e.getMessage());
        }
        if (lower.endsWith(".rego") || !known) {
            modules.put(p.toString(), text);
            return;
        }
        Value doc = lower.endsWith(".json") ? parseJson(p, text) : parseYaml(p, text, yaml);
        for (int i = prefix.size() - 1; i >= 0; i--) doc = ObjectValue.builder().put(prefix.get(i), doc).build();
        if (!(doc instanceof ObjectValue obj)) {
            throw new LoadException(p + ": bad document type: data files at the root must hold an object");
        }
        String clash = conflict(data, obj, "data");
        if (clash != null) {
            throw new LoadException(p + ": merge error: " + clash + " is already set by another data file"
                    + " (skip example inputs with --ignore)");
        }
        put(data, obj);
    }

    private static Value parseJson(Path p, String text) {
        try {
            return Json.parse(text);
        } catch (JsonSyntaxException e) {
            throw new LoadException(p + ": " + e.getMessage());
        }
    }

    private static Value parseYaml(Path p, String text, Function<String, Value> yaml) {
        if (yaml == null) throw new LoadException(p + ": YAML data files are not supported here");
        try {
            return yaml.apply(text);
        } catch (RuntimeException e) {
            throw new LoadException(p + ": error converting YAML to JSON: " + e.getMessage());
        }
    }

    /**
     * The path both sides set when merging {@code obj} into the accumulated data would overwrite a value (OPA
     * merges objects only; any other value set twice is a conflict, even when equal), else null.
     */
    @SuppressWarnings("unchecked")
    private static String conflict(Map<String, Object> into, ObjectValue obj, String path) {
        for (Value k : obj.keys()) {
            String key = ((StringValue) k).value();
            Object existing = into.get(key);
            if (existing == null) continue;
            String here = RefText.path(List.of(path, key));
            if (!(existing instanceof Map<?, ?> m) || !(obj.get(k) instanceof ObjectValue o)) return here;
            String deeper = conflict((Map<String, Object>) m, o, here);
            if (deeper != null) return deeper;
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> into, ObjectValue obj) {
        for (Value k : obj.keys()) {
            String key = ((StringValue) k).value();
            Value v = obj.get(k);
            if (v instanceof ObjectValue o) {
                Map<String, Object> child = (Map<String, Object>) into.computeIfAbsent(key, x -> new LinkedHashMap<>());
                put(child, o);
            } else {
                into.put(key, v);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Value toValue(Object o) {
        if (o instanceof Value v) return v;
        ObjectValue.Builder b = ObjectValue.builder();
        ((Map<String, Object>) o).forEach((k, v) -> b.put(k, toValue(v)));
        return b.build();
    }

    private static List<String> append(List<String> list, String item) {
        List<String> out = new ArrayList<>(list);
        out.add(item);
        return out;
    }

    /** A file-name glob ({@code *}, {@code ?}) as a regular expression. */
    private static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append("[^/]*");
                case '?' -> re.append("[^/]");
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
