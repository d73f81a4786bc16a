package dev.warden.rego.eval;

import dev.warden.rego.EvalOptions;
import dev.warden.rego.Rego;
import dev.warden.rego.ResultSet;
import dev.warden.rego.value.Json;
import dev.warden.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Helpers for evaluator tests: build a policy from text, run a query, render rows as JSON. */
final class EvalTestSupport {
    private EvalTestSupport() {}

    static Rego policy(String... modules) {
        Rego.Builder b = Rego.builder();
        for (int i = 0; i < modules.length; i++) b.module("m" + i + ".rego", modules[i]);
        return b.build();
    }

    static Rego policyWithData(String data, String... modules) {
        Rego.Builder b = Rego.builder().data(data);
        for (int i = 0; i < modules.length; i++) b.module("m" + i + ".rego", modules[i]);
        return b.build();
    }

    /** The value of the query's first expression, as JSON, or "undefined". */
    static String value(Rego rego, String query) { return value(rego, query, null); }

    static String value(Rego rego, String query, String input) {
        ResultSet rs = rego.prepare(query).eval(EvalOptions.input(input == null ? null : Json.parse(input)));
        return rs.isUndefined() ? "undefined" : Json.write(rs.firstValue());
    }

    /** Every row's bindings, as JSON objects with sorted keys, in result order. */
    static List<String> bindings(Rego rego, String query) {
        ResultSet rs = rego.prepare(query).eval(EvalOptions.NONE);
        List<String> out = new ArrayList<>();
        for (ResultSet.Result r : rs.results()) {
            Map<String, Value> sorted = new TreeMap<>(r.bindings());
            StringBuilder sb = new StringBuilder("{");
            sorted.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append(k).append(':').append(Json.write(v)));
            out.add(sb.append('}').toString());
        }
        return out;
    }
}
