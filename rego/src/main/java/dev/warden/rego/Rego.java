package dev.warden.rego;

import dev.warden.rego.ast.Module;
import dev.warden.rego.value.Json;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The engine's entry point: a compiled set of Rego modules and base data, from which queries are prepared.
 * Immutable and thread-safe; prepare a query once and evaluate it many times, concurrently.
 *
 * <pre>{@code
 * Rego rego = Rego.builder()
 *         .module("gateway.rego", policyText)
 *         .data(Json.parse(dataJson))
 *         .build();                                  // parses and compiles; throws RegoException
 * PreparedQuery allow = rego.prepare("data.mcp.gateway.allow");
 * boolean ok = allow.eval(EvalOptions.input(input)).isTrue();
 * }</pre>
 */
public final class Rego {
    // Filled in by the compiler: the compiled policy set the evaluator runs.
    final Object compiled;
    private final List<Module> modules;
    private final Value data;

    Rego(Object compiled, List<Module> modules, Value data) {
        this.compiled = compiled;
        this.modules = List.copyOf(modules);
        this.data = data;
    }

    public static Builder builder() { return new Builder(); }

    /** Compiles a query against this policy set; throws {@link RegoException} with located errors. */
    public PreparedQuery prepare(String query) {
        throw new UnsupportedOperationException("query preparation is implemented by the evaluator");
    }

    /** The parsed modules, in the order they were added. */
    public List<Module> modules() { return modules; }

    /** The base data document. */
    public Value data() { return data; }

    /** Collects modules, data and options; {@link #build()} parses and compiles them. */
    public static final class Builder {
        final Map<String, String> modules = new LinkedHashMap<>();
        final List<Value> data = new ArrayList<>();
        boolean v0Compatible;
        boolean strictBuiltinErrors;
        Consumer<String> printer = line -> {};

        /** Adds a module; the name (usually the file path) appears in error locations. */
        public Builder module(String name, String text) {
            modules.put(name, text);
            return this;
        }

        /** Adds base data; objects added more than once are merged (a conflict is an error at build time). */
        public Builder data(Value document) {
            if (!(document instanceof ObjectValue)) {
                throw new IllegalArgumentException("base data must be a JSON object, got " + document.typeName());
            }
            data.add(document);
            return this;
        }

        /** Adds base data from JSON text. */
        public Builder data(String json) { return data(Json.parse(json)); }

        /** Parse modules with Rego v0 syntax ({@code p { ... }}, keywords only when imported). */
        public Builder v0Compatible(boolean on) {
            v0Compatible = on;
            return this;
        }

        /** Builtin errors are evaluation errors rather than undefined results (OPA's {@code --strict-builtin-errors}). */
        public Builder strictBuiltinErrors(boolean on) {
            strictBuiltinErrors = on;
            return this;
        }

        /** Where {@code print} output goes; discarded by default. */
        public Builder printTo(Consumer<String> printer) {
            this.printer = printer;
            return this;
        }

        /** Parses and compiles everything; throws {@link RegoException} listing every error found. */
        public Rego build() {
            throw new UnsupportedOperationException("compilation is implemented by the compiler");
        }
    }
}
