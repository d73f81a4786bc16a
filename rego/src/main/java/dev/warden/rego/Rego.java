package dev.warden.rego;

import dev.warden.rego.ast.Expr;
import dev.warden.rego.ast.Module;
import dev.warden.rego.builtins.BuiltinRegistry;
import dev.warden.rego.compiler.CompiledPolicy;
import dev.warden.rego.compiler.CompiledQuery;
import dev.warden.rego.compiler.Compiler;
import dev.warden.rego.parser.Parser;
import dev.warden.rego.source.Location;
import dev.warden.rego.source.Source;
import dev.warden.rego.value.Json;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    /** The compiled policy set and the options evaluation needs. */
    record Compiled(CompiledPolicy policy, ObjectValue data, boolean strict, Consumer<String> printer,
                    boolean allowHttpSend) {}

    final Object compiled;
    private final List<Module> modules;
    private final Value data;
    private final Map<String, PreparedQuery> prepared = new ConcurrentHashMap<>();

    Rego(Object compiled, List<Module> modules, Value data) {
        this.compiled = compiled;
        this.modules = List.copyOf(modules);
        this.data = data;
    }

    public static Builder builder() { return new Builder(); }

    /** Compiles a query against this policy set; throws {@link RegoException} with located errors. */
    public PreparedQuery prepare(String query) {
        PreparedQuery q = prepared.get(query);
        if (q != null) return q;
        Compiled c = (Compiled) compiled;
        List<Expr> body = Parser.parseQuery(new Source("query", query));
        CompiledQuery cq;
        try {
            cq = Compiler.compileQuery(c.policy(), body);
        } catch (RegoException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RegoException(new RegoError("rego_compile_error", "internal compiler error: " + e,
                    Location.NONE));
        }
        q = new PreparedQuery(query, c, cq);
        if (prepared.size() < 1024) prepared.put(query, q);
        return q;
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
        boolean allowHttpSend;
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

        /**
         * Lets {@code http.send} make real HTTP requests. Off by default: a policy evaluated in the gateway must
         * not reach the network, so {@code http.send} fails with an error naming this option (tests can still
         * replace it with {@code with http.send as ...}).
         */
        public Builder allowHttpSend(boolean on) {
            allowHttpSend = on;
            return this;
        }

        /** Where {@code print} output goes; discarded by default. */
        public Builder printTo(Consumer<String> printer) {
            this.printer = printer;
            return this;
        }

        /** Parses and compiles everything; throws {@link RegoException} listing every error found. */
        public Rego build() {
            List<Module> parsed = new ArrayList<>();
            List<RegoError> errors = new ArrayList<>();
            for (Map.Entry<String, String> m : modules.entrySet()) {
                try {
                    parsed.add(Parser.parseModule(new Source(m.getKey(), m.getValue()), v0Compatible));
                } catch (RegoException e) {
                    errors.addAll(e.errors());
                }
            }
            ObjectValue merged = ObjectValue.EMPTY;
            for (Value d : data) {
                try {
                    merged = merge(merged, (ObjectValue) d, "data");
                } catch (RegoException e) {
                    errors.addAll(e.errors());
                }
            }
            if (!errors.isEmpty()) throw new RegoException(sorted(errors));
            CompiledPolicy policy;
            try {
                // v0 policies may still call the builtins OPA deprecated (any, all, re_match, set_diff, cast_*).
                policy = Compiler.compile(parsed, v0Compatible ? BuiltinRegistry.v0Compatible() : BuiltinRegistry.standard());
            } catch (RegoException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new RegoException(new RegoError("rego_compile_error", "internal compiler error: " + e,
                        Location.NONE));
            }
            return new Rego(new Compiled(policy, merged, strictBuiltinErrors, printer, allowHttpSend), parsed, merged);
        }

        private static List<RegoError> sorted(List<RegoError> errors) {
            List<RegoError> out = new ArrayList<>(errors);
            out.sort(Comparator.comparing((RegoError e) -> e.location() == null ? "" : e.location().file())
                    .thenComparingInt(e -> e.location() == null ? 0 : e.location().line())
                    .thenComparingInt(e -> e.location() == null ? 0 : e.location().column()));
            return out;
        }

        private static ObjectValue merge(ObjectValue a, ObjectValue b, String path) {
            if (a.isEmpty()) return b;
            ObjectValue.Builder out = ObjectValue.builder().putAll(a);
            for (Value k : b.keys()) {
                Value left = a.get(k);
                Value right = b.get(k);
                if (left == null) {
                    out.put(k, right);
                } else if (left instanceof ObjectValue lo && right instanceof ObjectValue ro) {
                    out.put(k, merge(lo, ro, path + "." + k));
                } else if (!left.equals(right)) {
                    throw new RegoException(new RegoError("rego_compile_error",
                            "merge error: conflicting base data at " + path + "." + k, Location.NONE));
                }
            }
            return out.build();
        }
    }
}
