package dev.warden.rego.builtins;

import static dev.warden.rego.builtins.Decl.ANY;
import static dev.warden.rego.builtins.Decl.STRING;
import static dev.warden.rego.builtins.Decl.fn;

import dev.warden.rego.RegoError;
import dev.warden.rego.RegoException;
import dev.warden.rego.parser.Parser;
import dev.warden.rego.source.Source;
import dev.warden.rego.types.Type;
import java.util.List;

/** {@code rego.parse_module}: Rego source to OPA's JSON AST ({@code rego.metadata.*} belong to the evaluator). */
final class RegoBuiltins {
    private RegoBuiltins() {}

    static List<Builtin> all() {
        return List.of(fn("rego.parse_module", List.of(STRING, STRING), Type.object(STRING, ANY), (ctx, a) -> {
            try {
                return RegoAstJson.module(Parser.parseModule(new Source(Args.string(a, 0), Args.string(a, 1)), false));
            } catch (RegoException e) {
                RegoError first = e.errors().isEmpty() ? null : e.errors().getFirst();
                throw BuiltinException.error(first == null ? e.getMessage() : first.code() + ": " + first.message());
            }
        }));
    }
}
