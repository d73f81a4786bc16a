package dev.warden.rego.parser;

import dev.warden.rego.RegoError;
import dev.warden.rego.RegoException;
import dev.warden.rego.ast.Annotation;
import dev.warden.rego.ast.Term;
import dev.warden.rego.lexer.Comment;
import dev.warden.rego.source.Location;
import dev.warden.rego.source.Source;
import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.NullValue;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads {@code # METADATA} comment blocks: a comment starting with {@code METADATA}, then the comments on the
 * lines right below it that start in the first column, whose text (less one leading space) is YAML.
 */
final class AnnotationParser {
    private static final LoadSettings LOAD = LoadSettings.builder().setMaxAliasesForCollections(50).build();
    private static final Set<String> SCOPES = Set.of("rule", "document", "package", "subpackages");

    private AnnotationParser() {}

    /** One METADATA block before it is interpreted. */
    record Block(Location location, String yaml) {}

    static List<Block> blocks(Source source, List<Comment> comments) {
        List<Block> blocks = new ArrayList<>();
        StringBuilder yaml = null;
        Location start = null;
        int lastLine = -1;
        for (Comment c : comments) {
            Location loc = source.locationAt(c.start());
            if (yaml != null && loc.line() == lastLine + 1 && loc.column() == 1) {
                yaml.append(c.text().startsWith(" ") ? c.text().substring(1) : c.text()).append('\n');
                lastLine = loc.line();
                continue;
            }
            if (yaml != null) blocks.add(new Block(start, yaml.toString()));
            yaml = null;
            if (c.text().strip().startsWith("METADATA")) {
                yaml = new StringBuilder();
                start = loc;
                lastLine = loc.line();
            }
        }
        if (yaml != null) blocks.add(new Block(start, yaml.toString()));
        return blocks;
    }

    /**
     * Interprets a block that precedes a statement of the given kind ({@code rule}, {@code package},
     * {@code import}, or null when nothing follows it).
     */
    static Annotation interpret(Block block, String attachedTo) {
        Location at = block.location().withLength(0);
        if (block.yaml().isBlank()) throw error(at, "expected METADATA block, found whitespace");
        Object doc;
        try {
            doc = new Load(LOAD).loadFromString(block.yaml());
        } catch (YamlEngineException e) {
            throw error(at, "yaml: " + e.getMessage().lines().findFirst().orElse("invalid document"));
        }
        if (!(doc instanceof Map<?, ?> map)) throw error(at, "yaml: METADATA block must be a mapping");
        boolean entrypoint = Boolean.TRUE.equals(map.get("entrypoint"));
        String scope = map.get("scope") instanceof String s ? s : null;
        if (scope == null && attachedTo != null) {
            scope = switch (attachedTo) {
                case "rule" -> entrypoint ? "document" : "rule";
                case "package" -> "package";
                default -> attachedTo;
            };
        }
        if (scope == null || !SCOPES.contains(scope)) {
            throw error(at, "invalid annotation scope '" + (scope == null ? "" : scope)
                    + "'. Use one of 'rule', 'document', 'package', or 'subpackages'");
        }
        String needs = scope.equals("rule") || scope.equals("document") ? "rule" : "package";
        if (!needs.equals(attachedTo)) {
            throw error(at, "annotation scope '" + scope + "' must be applied to " + needs
                    + (attachedTo == null ? "" : " (have " + attachedTo + ")"));
        }
        ObjectValue.Builder b = ObjectValue.builder();
        b.put("scope", StringValue.of(scope));
        putString(b, map, "title");
        putString(b, map, "description");
        if (entrypoint) b.put("entrypoint", BooleanValue.TRUE);
        if (map.get("organizations") instanceof List<?> orgs && !orgs.isEmpty()) {
            b.put("organizations", ArrayValue.of(orgs.stream().map(o -> (Value) StringValue.of(String.valueOf(o))).toList()));
        }
        if (map.get("related_resources") instanceof List<?> rr && !rr.isEmpty()) {
            b.put("related_resources", ArrayValue.of(rr.stream().map(r -> relatedResource(r, at)).toList()));
        }
        if (map.get("authors") instanceof List<?> authors && !authors.isEmpty()) {
            b.put("authors", ArrayValue.of(authors.stream().map(a -> author(a, at)).toList()));
        }
        if (map.get("schemas") instanceof List<?> schemas && !schemas.isEmpty()) {
            b.put("schemas", ArrayValue.of(schemas.stream().map(s -> schema(s, at)).toList()));
        }
        if (map.get("custom") instanceof Map<?, ?> custom && !custom.isEmpty()) b.put("custom", toValue(custom));
        return new Annotation(scope, b.build(), at);
    }

    private static void putString(ObjectValue.Builder b, Map<?, ?> map, String key) {
        if (map.get(key) instanceof String s && !s.isEmpty()) b.put(key, StringValue.of(s));
    }

    private static Value relatedResource(Object r, Location at) {
        ObjectValue.Builder b = ObjectValue.builder();
        if (r instanceof String url && !url.isBlank()) return b.put("ref", StringValue.of(url)).build();
        if (r instanceof Map<?, ?> m && m.get("ref") instanceof String url && !url.isBlank()) {
            b.put("ref", StringValue.of(url.strip()));
            if (m.get("description") instanceof String d && !d.isBlank()) b.put("description", StringValue.of(d.strip()));
            return b.build();
        }
        throw error(at, "invalid related-resource definition " + r + ": 'ref' value required");
    }

    /** {@code "Jane Doe <jane@example.com>"} or {@code {name: ..., email: ...}}. */
    private static Value author(Object a, Location at) {
        ObjectValue.Builder b = ObjectValue.builder();
        String name = null;
        String email = null;
        if (a instanceof String s) {
            List<String> words = new ArrayList<>(List.of(s.strip().split("\\s+")));
            String last = words.isEmpty() ? "" : words.getLast();
            if (last.length() >= 2 && last.startsWith("<") && last.endsWith(">")) {
                email = last.substring(1, last.length() - 1);
                words.removeLast();
            }
            name = String.join(" ", words);
        } else if (a instanceof Map<?, ?> m) {
            name = m.get("name") instanceof String n ? n.strip() : null;
            email = m.get("email") instanceof String e ? e.strip() : null;
        }
        if ((name == null || name.isEmpty()) && (email == null || email.isEmpty())) {
            throw error(at, "invalid author definition " + a + ": 'name' and/or 'email' values required");
        }
        if (name != null && !name.isEmpty()) b.put("name", StringValue.of(name));
        if (email != null && !email.isEmpty()) b.put("email", StringValue.of(email));
        return b.build();
    }

    /** {@code - input.x: schema.y} or {@code - input.x: {type: ...}}: paths as arrays, as OPA renders them. */
    private static Value schema(Object s, Location at) {
        if (!(s instanceof Map<?, ?> m) || m.size() != 1) throw error(at, "invalid schema declaration");
        var entry = m.entrySet().iterator().next();
        ObjectValue.Builder b = ObjectValue.builder();
        b.put("path", refArray(String.valueOf(entry.getKey()), at, "invalid document reference"));
        if (entry.getValue() instanceof String ref) {
            Value schemaRef = refArray(ref, at, "invalid schema reference");
            if (!(schemaRef instanceof ArrayValue arr) || arr.isEmpty() || !arr.get(0).equals(StringValue.of("schema"))) {
                throw error(at, "invalid schema reference");
            }
            b.put("schema", schemaRef);
        } else if (entry.getValue() instanceof Map<?, ?> def) {
            b.put("definition", toValue(def));
        } else {
            throw error(at, "invalid schema declaration for path \"" + entry.getKey() + "\"");
        }
        return b.build();
    }

    private static Value refArray(String text, Location at, String message) {
        Term t;
        try {
            t = Parser.parseTerm(new Source("annotation", text));
        } catch (RegoException e) {
            throw error(at, message);
        }
        List<Value> parts = new ArrayList<>();
        switch (t) {
            case Term.Var v -> parts.add(StringValue.of(v.name()));
            case Term.Ref r when r.head() instanceof Term.Var v -> {
                parts.add(StringValue.of(v.name()));
                for (Term p : r.path()) {
                    if (!(p instanceof Term.Scalar sc)) throw error(at, message);
                    parts.add(sc.value());
                }
            }
            default -> throw error(at, message);
        }
        return ArrayValue.of(parts);
    }

    private static Value toValue(Object o) {
        return switch (o) {
            case null -> NullValue.INSTANCE;
            case String s -> StringValue.of(s);
            case Boolean b -> BooleanValue.of(b);
            case Integer i -> NumberValue.of(i);
            case Long l -> NumberValue.of(l);
            case BigInteger big -> NumberValue.of(big);
            case Number n -> Double.isFinite(n.doubleValue()) ? NumberValue.of(n.doubleValue()) : StringValue.of(n.toString());
            case Map<?, ?> m -> {
                ObjectValue.Builder b = ObjectValue.builder();
                for (var e : m.entrySet()) b.put(StringValue.of(String.valueOf(e.getKey())), toValue(e.getValue()));
                yield b.build();
            }
            case List<?> l -> ArrayValue.of(l.stream().map(AnnotationParser::toValue).toList());
            default -> StringValue.of(o.toString());
        };
    }

    private static RegoException error(Location at, String message) {
        return new RegoException(new RegoError("rego_parse_error", message, at));
    }
}
