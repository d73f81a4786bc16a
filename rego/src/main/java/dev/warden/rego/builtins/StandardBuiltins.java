package dev.warden.rego.builtins;

import java.util.ArrayList;
import java.util.List;

/** The one list of builtin categories that make up the standard registry. */
final class StandardBuiltins {
    private StandardBuiltins() {}

    static List<Builtin> all() {
        List<Builtin> all = new ArrayList<>();
        // Each category class contributes its declarations here, in this order.
        all.addAll(ComparisonBuiltins.all());
        all.addAll(ArithmeticBuiltins.all());
        all.addAll(AggregateBuiltins.all());
        all.addAll(TypeBuiltins.all());
        all.addAll(SetBuiltins.all());
        all.addAll(StringBuiltins.all());
        all.addAll(ObjectBuiltins.all());
        all.addAll(ArrayBuiltins.all());
        all.addAll(JsonBuiltins.all());
        all.addAll(RegexBuiltins.all());
        all.addAll(GlobBuiltins.all());
        all.addAll(NetBuiltins.all());
        all.addAll(GraphBuiltins.all());
        all.addAll(GraphqlBuiltins.all());
        all.addAll(JsonSchemaBuiltins.all());
        all.addAll(TimeBuiltins.all());
        all.addAll(EncodingBuiltins.all());
        all.addAll(YamlBuiltins.all());
        all.addAll(BitsBuiltins.all());
        all.addAll(UnitsBuiltins.all());
        all.addAll(SemverBuiltins.all());
        all.addAll(UuidBuiltins.all());
        all.addAll(CryptoBuiltins.all());
        all.addAll(JwtBuiltins.all());
        all.addAll(X509Builtins.all());
        all.addAll(AwsSigner.all());
        all.addAll(RegoBuiltins.all());
        all.addAll(RuntimeBuiltins.all());
        return all;
    }
}
