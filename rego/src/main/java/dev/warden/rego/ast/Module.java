package dev.warden.rego.ast;

import dev.warden.rego.source.Location;
import dev.warden.rego.source.Source;
import java.util.List;

/**
 * A parsed Rego module: its package, imports and rules, and the source it came from.
 *
 * @param pkg       the package path as a ref rooted at {@code data}, e.g. {@code data.mcp.gateway}
 * @param v0        true when parsed with Rego v0 syntax
 * @param annotations every {@code # METADATA} block of the module, in source order
 */
public record Module(Source source, Term.Ref pkg, List<Import> imports, List<Rule> rules, boolean v0,
                     Location location, List<Annotation> annotations) {
    public Module {
        imports = List.copyOf(imports);
        rules = List.copyOf(rules);
        annotations = annotations == null ? List.of() : List.copyOf(annotations);
    }

    /** A module without METADATA annotations. */
    public Module(Source source, Term.Ref pkg, List<Import> imports, List<Rule> rules, boolean v0, Location location) {
        this(source, pkg, imports, rules, v0, location, List.of());
    }

    /** The {@code package}- and {@code subpackages}-scoped annotations, which apply to this module's package. */
    public List<Annotation> packageAnnotations() {
        return annotations.stream()
                .filter(a -> a.scope().equals("package") || a.scope().equals("subpackages"))
                .toList();
    }

    /** {@code import data.x.y as z}, {@code import input.a}, {@code import future.keywords.in}, {@code import rego.v1}. */
    public record Import(Term.Ref path, String alias, Location location) {}
}
