package dev.warden.gateway.cli;

import dev.warden.rego.RegoError;
import dev.warden.rego.RegoException;
import dev.warden.rego.ResultSet;
import dev.warden.rego.source.Location;
import dev.warden.rego.tester.IndentedJson;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How {@code warden policy eval} prints results and errors, in the shapes {@code opa eval} uses. */
final class EvalOutput {
    private EvalOutput() {}

    /** {@code {"result": [{"expressions": [...], "bindings": {...}}]}}, or {@code {}} when undefined. */
    static String json(ResultSet rs) {
        Map<String, Object> root = new LinkedHashMap<>();
        if (!rs.isUndefined()) {
            List<Object> rows = new ArrayList<>();
            for (ResultSet.Result r : rs.results()) {
                Map<String, Object> row = new LinkedHashMap<>();
                List<Object> exprs = new ArrayList<>();
                for (ResultSet.ExpressionValue e : r.expressions()) {
                    Map<String, Object> expr = new LinkedHashMap<>();
                    expr.put("value", e.value());
                    expr.put("text", e.text());
                    Map<String, Object> loc = new LinkedHashMap<>();
                    loc.put("row", e.location() == null ? 1 : e.location().line());
                    loc.put("col", e.location() == null ? 1 : e.location().column());
                    expr.put("location", loc);
                    exprs.add(expr);
                }
                row.put("expressions", exprs);
                if (!r.bindings().isEmpty()) row.put("bindings", new TreeMap<>(r.bindings()));
                rows.add(row);
            }
            root.put("result", rows);
        }
        return IndentedJson.write(root);
    }

    /** A single value as indented JSON, a table of bindings, or {@code undefined}. */
    static String pretty(ResultSet rs) {
        if (rs.isUndefined()) return "undefined";
        ResultSet.Result first = rs.results().get(0);
        if (rs.results().size() == 1 && first.bindings().isEmpty()
                && (first.expressions().size() == 1 || first.expressions().stream().allMatch(e -> e.value() instanceof BooleanValue))) {
            return IndentedJson.write(first.expressions().get(0).value());
        }
        List<String> headers = new ArrayList<>(new TreeMap<>(first.bindings()).keySet());
        List<Integer> exprColumns = new ArrayList<>();
        for (int i = 0; i < first.expressions().size(); i++) {
            if (!(first.expressions().get(i).value() instanceof BooleanValue)) {
                exprColumns.add(i);
                headers.add(first.expressions().get(i).text());
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (ResultSet.Result r : rs.results()) {
            List<String> cells = new ArrayList<>();
            for (String var : new TreeMap<>(r.bindings()).keySet()) cells.add(Json.write(r.bindings().get(var)));
            for (int i : exprColumns) cells.add(Json.write(r.expressions().get(i).value()));
            rows.add(cells);
        }
        return table(headers, rows);
    }

    private static String table(List<String> headers, List<List<String>> rows) {
        int[] width = new int[headers.size()];
        for (int i = 0; i < width.length; i++) width[i] = headers.get(i).length();
        for (List<String> row : rows) {
            for (int i = 0; i < width.length && i < row.size(); i++) width[i] = Math.max(width[i], row.get(i).length());
        }
        StringBuilder rule = new StringBuilder("+");
        for (int w : width) rule.append("-".repeat(w + 2)).append('+');
        StringBuilder sb = new StringBuilder().append(rule).append('\n');
        sb.append(line(headers, width)).append('\n').append(rule).append('\n');
        for (List<String> row : rows) sb.append(line(row, width)).append('\n');
        return sb.append(rule).toString();
    }

    private static String line(List<String> cells, int[] width) {
        StringBuilder sb = new StringBuilder("|");
        for (int i = 0; i < width.length; i++) {
            String c = i < cells.size() ? cells.get(i) : "";
            sb.append(' ').append(c).append(" ".repeat(width[i] - c.length())).append(" |");
        }
        return sb.toString();
    }

    /** {@code {"errors": [{"message", "code", "location": {"file", "row", "col"}, "details": {"line", "idx"}}]}}. */
    static String jsonErrors(RegoException e) {
        List<Object> errors = new ArrayList<>();
        for (RegoError err : e.errors()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("message", err.message());
            m.put("code", err.code());
            Location loc = err.location();
            if (loc != null && loc.line() > 0) {
                Map<String, Object> l = new LinkedHashMap<>();
                l.put("file", loc.file());
                l.put("row", loc.line());
                l.put("col", loc.column());
                m.put("location", l);
                String source = loc.source().line(loc.line());
                if (!source.isEmpty()) {
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("line", source);
                    details.put("idx", Math.max(0, loc.column() - 1));
                    m.put("details", details);
                }
            }
            errors.add(m);
        }
        return IndentedJson.write(Map.of("errors", errors));
    }

    /** {@code 1 error occurred: file:line:col: code: message}, then the source line and a caret under the column. */
    static String prettyErrors(RegoException e) {
        List<RegoError> errors = e.errors();
        StringBuilder sb = new StringBuilder();
        sb.append(errors.size()).append(errors.size() == 1 ? " error occurred:" : " errors occurred:");
        sb.append(errors.size() == 1 ? " " : "\n");
        for (int i = 0; i < errors.size(); i++) {
            RegoError err = errors.get(i);
            if (i > 0) sb.append('\n');
            Location loc = err.location();
            boolean located = loc != null && loc.line() > 0;
            if (located) sb.append(loc).append(": ");
            sb.append(err.code()).append(": ").append(err.message());
            if (located && !loc.source().line(loc.line()).isEmpty()) {
                for (String line : loc.caret().split("\n", -1)) sb.append("\n\t").append(line);
            }
        }
        if (errors.isEmpty()) sb.append(e.getMessage());
        return sb.toString();
    }

}
