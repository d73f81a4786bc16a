package dev.warden.rego.compiler;

import dev.warden.rego.ast.Annotation;
import dev.warden.rego.ast.Module;
import dev.warden.rego.ast.Rule;
import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What {@code rego.metadata.rule()} and {@code rego.metadata.chain()} return inside a rule. Both depend only
 * on where the call is written, so the compiler folds them to constants.
 *
 * @param rule  the rule's {@code rule}-scoped annotations, or {@code {}}
 * @param chain from the rule outwards: its rule and document annotations, its package's, then the
 *              {@code subpackages} annotations of enclosing packages, each as {@code {path, annotations}}
 */
record Metadata(Value rule, Value chain) {
    static final Metadata NONE = new Metadata(ObjectValue.EMPTY, ArrayValue.EMPTY);

    static Metadata of(Rule r, String[] rulePath, String[] pkg, List<Module> modules) {
        Value rule = ObjectValue.EMPTY;
        List<Value> chain = new ArrayList<>();
        for (String scope : List.of("rule", "document")) {
            for (Annotation a : r.annotations()) {
                if (!a.scope().equals(scope)) continue;
                if (scope.equals("rule") && rule == ObjectValue.EMPTY) rule = a.value();
                chain.add(entry(rulePath, a.value()));
            }
        }
        if (chain.isEmpty()) chain.add(ObjectValue.builder().put("path", path(rulePath)).build());
        for (int len = pkg.length; len >= 1; len--) {
            String[] prefix = Arrays.copyOf(pkg, len);
            for (Module m : modules) {
                if (!Arrays.equals(Compiler.pkgPath(m), prefix)) continue;
                for (Annotation a : m.packageAnnotations()) {
                    if (len == pkg.length || a.scope().equals("subpackages")) chain.add(entry(prefix, a.value()));
                }
            }
        }
        return new Metadata(rule, ArrayValue.of(chain));
    }

    private static Value entry(String[] path, Value annotations) {
        return ObjectValue.builder().put("annotations", annotations).put("path", path(path)).build();
    }

    private static Value path(String[] path) {
        Value[] out = new Value[path.length];
        for (int i = 0; i < path.length; i++) out[i] = StringValue.of(path[i]);
        return ArrayValue.of(out);
    }
}
