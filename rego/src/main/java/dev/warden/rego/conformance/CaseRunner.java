package dev.warden.rego.conformance;

import dev.warden.rego.EvalOptions;
import dev.warden.rego.Rego;
import dev.warden.rego.RegoError;
import dev.warden.rego.RegoException;
import dev.warden.rego.ResultSet;
import dev.warden.rego.value.Json;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one case as OPA's topdown harness does: modules named {@code test-<i>.rego}, the case's data as base
 * documents, strict builtin errors when asked, then the query with the case's input; the outcome is judged
 * against the expected rows or error.
 */
final class CaseRunner {

    CaseResult run(ConformanceCase c, Instant deadline, AtomicBoolean cancelled) {
        Value input;
        try {
            input = InputTerms.inputOf(c);
        } catch (RuntimeException e) {
            return CaseResult.fail(c, "cannot read the case's input: " + describe(e));
        }
        try {
            Rego.Builder builder = Rego.builder().strictBuiltinErrors(c.strictError());
            for (int i = 0; i < c.modules().size(); i++) builder.module("test-" + i + ".rego", c.modules().get(i));
            if (c.data() != null) builder.data(c.data());
            ResultSet rs = builder.build().prepare(c.query())
                    .eval(new EvalOptions(input, deadline, cancelled, null, c.env()));
            return judgeResult(c, rs);
        } catch (RegoException e) {
            return judgeError(c, e);
        } catch (Throwable t) {
            // Anything but a RegoException is an engine bug: report it and carry on with the next case.
            return CaseResult.fail(c, describe(t));
        }
    }

    private CaseResult judgeResult(ConformanceCase c, ResultSet rs) {
        List<Map<String, Value>> rows = rows(c, rs);
        if (c.expectsError()) {
            return CaseResult.fail(c, "want error " + wanted(c) + " but got " + renderRows(rows));
        }
        if (c.wantResult() == null) return CaseResult.fail(c, "case has neither want_result nor an expected error");
        if (!new BindingMatcher(c.sortBindings()).rowsMatch(c.wantResult(), rows)) {
            return CaseResult.fail(c, "want " + renderWant(c.wantResult()) + " but got " + renderRows(rows));
        }
        return CaseResult.pass(c);
    }

    /**
     * An expected error passes on code and text. A case that also lists rows (produced before the error in
     * OPA) is judged on the error alone: our API reports an error instead of partial rows.
     */
    private CaseResult judgeError(ConformanceCase c, RegoException e) {
        if (!c.expectsError()) return CaseResult.fail(c, "unexpected error: " + opaText(e));
        if (c.wantErrorCode() != null && e.errors().stream().noneMatch(x -> x.code().equals(c.wantErrorCode()))) {
            return CaseResult.fail(c, "want error code " + c.wantErrorCode() + " but got: " + opaText(e));
        }
        if (c.wantError() != null && !opaText(e).contains(c.wantError()) && !e.getMessage().contains(c.wantError())) {
            return CaseResult.fail(c, "want error containing \"" + c.wantError() + "\" but got: " + opaText(e));
        }
        return CaseResult.pass(c);
    }

    private static List<Map<String, Value>> rows(ConformanceCase c, ResultSet rs) {
        List<Map<String, Value>> rows = new ArrayList<>();
        for (ResultSet.Result r : rs.results()) {
            Map<String, Value> row = new LinkedHashMap<>(r.bindings());
            if (c.ignoreGeneratedVars()) row.keySet().removeIf(name -> name.startsWith("__localq"));
            rows.add(row);
        }
        return rows;
    }

    /** Errors as OPA's {@code Error()} prints them: {@code file:line: code: message}, one per line. */
    static String opaText(RegoException e) {
        StringBuilder sb = new StringBuilder();
        for (RegoError err : e.errors()) {
            if (!sb.isEmpty()) sb.append('\n');
            if (err.location() != null && err.location().line() > 0) {
                sb.append(err.location().file()).append(':').append(err.location().line()).append(": ");
            }
            sb.append(err.code()).append(": ").append(err.message());
        }
        return sb.isEmpty() ? e.getMessage() : sb.toString();
    }

    private static String wanted(ConformanceCase c) {
        String code = c.wantErrorCode() == null ? "" : c.wantErrorCode();
        String text = c.wantError() == null ? "" : " \"" + c.wantError() + "\"";
        return (code + text).strip();
    }

    private static String renderWant(List<ObjectValue> rows) {
        List<String> parts = new ArrayList<>();
        for (ObjectValue row : rows) parts.add(Json.write(row));
        return parts.toString();
    }

    private static String renderRows(List<Map<String, Value>> rows) {
        if (rows.isEmpty()) return "undefined (no rows)";
        List<String> parts = new ArrayList<>();
        for (Map<String, Value> row : rows) parts.add(row.toString());
        return parts.toString();
    }

    /** An unexpected exception's class, message and the frame that threw it. */
    static String describe(Throwable t) {
        StackTraceElement[] frames = t.getStackTrace();
        return t + (frames.length > 0 ? " at " + frames[0] : "");
    }
}
