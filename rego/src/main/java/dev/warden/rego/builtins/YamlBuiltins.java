package dev.warden.rego.builtins;

import static dev.warden.rego.builtins.Decl.ANY;
import static dev.warden.rego.builtins.Decl.BOOLEAN;
import static dev.warden.rego.builtins.Decl.STRING;
import static dev.warden.rego.builtins.Decl.fn;

import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.Json;
import dev.warden.rego.value.NullValue;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.SetValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * {@code yaml.marshal yaml.unmarshal yaml.is_valid} via SnakeYAML Engine. YAML is read as OPA reads it: through
 * JSON, so mapping keys become strings. Errors are phrased like Go's ({@code yaml: line 1: did not find ...}).
 */
final class YamlBuiltins {
    private YamlBuiltins() {}

    private static final LoadSettings LOAD = LoadSettings.builder()
            .setMaxAliasesForCollections(50) // no billion-laughs documents
            .setCodePointLimit(16 * 1024 * 1024)
            .build();
    private static final DumpSettings DUMP = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build();

    static List<Builtin> all() {
        return List.of(
                fn("yaml.marshal", List.of(ANY), STRING, (ctx, a) -> StringValue.of(new Dump(DUMP).dumpToString(toJava(a[0])))),
                fn("yaml.unmarshal", List.of(STRING), ANY, (ctx, a) -> unmarshal(Args.string(a, 0))),
                fn("yaml.is_valid", List.of(ANY), BOOLEAN, (ctx, a) -> {
                    if (!(a[0] instanceof StringValue s)) return BooleanValue.FALSE;
                    try {
                        unmarshal(s.value());
                        return BooleanValue.TRUE;
                    } catch (BuiltinException e) {
                        return BooleanValue.FALSE;
                    }
                }));
    }

    static Value unmarshal(String text) {
        try {
            Iterator<Object> docs = new Load(LOAD).loadAllFromString(text).iterator();
            return docs.hasNext() ? fromJava(docs.next()) : NullValue.INSTANCE;
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(1);
            String problem = e.getProblem() == null ? "invalid document" : e.getProblem();
            if (problem.startsWith("expected ")) {
                int but = problem.indexOf(", but");
                problem = "did not find " + (but > 0 ? problem.substring(0, but) : problem);
            }
            throw BuiltinException.error("yaml: line " + line + ": " + problem);
        } catch (YamlEngineException e) {
            throw BuiltinException.error("yaml: " + e.getMessage());
        }
    }

    private static Value fromJava(Object o) {
        return switch (o) {
            case null -> NullValue.INSTANCE;
            case String s -> StringValue.of(s);
            case Boolean b -> BooleanValue.of(b);
            case Integer i -> NumberValue.of(i);
            case Long l -> NumberValue.of(l);
            case BigInteger b -> NumberValue.of(b);
            case Number n -> {
                double d = n.doubleValue();
                if (!Double.isFinite(d)) throw BuiltinException.error("yaml: cannot represent " + d + " as JSON");
                yield NumberValue.of(d);
            }
            case Map<?, ?> m -> {
                ObjectValue.Builder b = ObjectValue.builder();
                for (var e : m.entrySet()) {
                    Value k = fromJava(e.getKey());
                    b.put(k instanceof StringValue ? k : StringValue.of(Json.write(k)), fromJava(e.getValue()));
                }
                yield b.build();
            }
            case List<?> l -> {
                List<Value> items = new ArrayList<>(l.size());
                for (Object x : l) items.add(fromJava(x));
                yield ArrayValue.of(items);
            }
            case java.util.Set<?> s -> {
                List<Value> items = new ArrayList<>(s.size());
                for (Object x : s) items.add(fromJava(x));
                yield ArrayValue.of(items);
            }
            case byte[] bytes -> StringValue.of(GoBytes.base64(bytes, false, true));
            default -> StringValue.of(o.toString());
        };
    }

    private static Object toJava(Value v) {
        return switch (v) {
            case NullValue n -> null;
            case BooleanValue b -> b.value();
            case NumberValue n -> n.isLong() ? (Object) n.longValue() : n.isInteger() ? n.bigIntegerValue() : n.doubleValue();
            case StringValue s -> s.value();
            case ArrayValue a -> {
                List<Object> l = new ArrayList<>(a.size());
                for (Value x : a.elements()) l.add(toJava(x));
                yield l;
            }
            case SetValue s -> {
                List<Object> l = new ArrayList<>(s.size());
                for (Value x : s.elements()) l.add(toJava(x));
                yield l;
            }
            case ObjectValue o -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (Value k : o.keys()) m.put(k instanceof StringValue s ? s.value() : Json.write(k), toJava(o.get(k)));
                yield m;
            }
        };
    }
}
