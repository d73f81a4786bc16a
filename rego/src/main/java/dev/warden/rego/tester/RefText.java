package dev.warden.rego.tester;

import dev.warden.rego.ast.Term;
import dev.warden.rego.value.Json;
import dev.warden.rego.value.StringValue;
import java.util.ArrayList;
import java.util.List;

/** Names written as OPA writes refs: {@code data.a.b}, with {@code ["x-y"]} for segments that are not identifiers. */
final class RefText {
    private RefText() {}

    /** A package ref such as {@code data.mcp.gateway}. */
    static String of(Term.Ref ref) {
        List<String> parts = new ArrayList<>();
        parts.add(ref.headName() == null ? "data" : ref.headName());
        for (Term t : ref.path()) {
            parts.add(t instanceof Term.Scalar s && s.value() instanceof StringValue str ? str.value() : t.toString());
        }
        return path(parts);
    }

    /** Segments joined with dots, bracketing any segment after the first that is not an identifier. */
    static String path(List<String> parts) {
        StringBuilder sb = new StringBuilder(parts.get(0));
        for (int i = 1; i < parts.size(); i++) {
            String p = parts.get(i);
            if (isIdentifier(p)) {
                sb.append('.').append(p);
            } else {
                sb.append('[').append(Json.write(StringValue.of(p))).append(']');
            }
        }
        return sb.toString();
    }

    private static boolean isIdentifier(String s) {
        return s.matches("[A-Za-z_][A-Za-z0-9_]*");
    }
}
