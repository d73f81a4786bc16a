package dev.warden.rego.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.Json;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.SetValue;
import dev.warden.rego.value.Value;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the table-driven cases under {@code src/test/resources/builtins/<category>/*.json}. Each file is
 * {@code {"cases": [{"note", "call", "args", "want" | "want_undefined" | "want_error" (+ "want_code")}]}};
 * JSON cannot express sets, so {@code {"$set": [...]}} anywhere in args or want stands for a set.
 */
class BuiltinCasesTest {
    private static final BuiltinRegistry REGISTRY = BuiltinRegistry.standard();

    @TestFactory
    Stream<DynamicNode> builtinCases() throws IOException, URISyntaxException {
        Path root = Path.of(getClass().getResource("/builtins").toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path file : files) {
            ObjectValue doc = (ObjectValue) Json.parse(Files.readString(file));
            List<DynamicNode> tests = new ArrayList<>();
            for (Value c : ((ArrayValue) doc.get("cases")).elements()) {
                ObjectValue tc = (ObjectValue) c;
                String call = text(tc.get("call"));
                String note = tc.get("note") == null ? call : text(tc.get("note"));
                tests.add(DynamicTest.dynamicTest(call + ": " + note, () -> run(tc)));
            }
            nodes.add(DynamicContainer.dynamicContainer(root.relativize(file).toString(), tests));
        }
        return nodes.stream();
    }

    private static void run(ObjectValue tc) {
        String name = text(tc.get("call"));
        Builtin b = REGISTRY.get(name);
        if (b == null) fail("no builtin named " + name);
        List<Value> argList = ((ArrayValue) tc.get("args")).elements();
        Value[] args = argList.stream().map(BuiltinCasesTest::decode).toArray(Value[]::new);
        assertThat(args).as("arity of %s", name).hasSize(b.arity());
        TestContext ctx = new TestContext();
        if (tc.get("want_error") != null) {
            assertThatThrownBy(() -> b.function().call(ctx, args))
                    .isInstanceOf(BuiltinException.class)
                    .hasMessageContaining(text(tc.get("want_error")))
                    .satisfies(e -> {
                        if (tc.get("want_code") != null) {
                            assertThat(((BuiltinException) e).code()).isEqualTo(text(tc.get("want_code")));
                        }
                    });
            return;
        }
        Value got = b.function().call(ctx, args);
        if (tc.get("want_undefined") != null) {
            assertThat(got).as("undefined").isNull();
            return;
        }
        assertThat(got).as("result of %s", name).isNotNull();
        assertThat(got).isEqualTo(decode(tc.get("want")));
    }

    static Value decode(Value v) {
        return switch (v) {
            case ArrayValue a -> ArrayValue.of(a.elements().stream().map(BuiltinCasesTest::decode).toList());
            case ObjectValue o -> {
                if (o.size() == 1 && o.get("$set") instanceof ArrayValue members) {
                    yield SetValue.of(members.elements().stream().map(BuiltinCasesTest::decode).toList());
                }
                ObjectValue.Builder b = ObjectValue.builder();
                for (Value k : o.keys()) b.put(k, decode(o.get(k)));
                yield b.build();
            }
            default -> v;
        };
    }

    private static String text(Value v) { return ((dev.warden.rego.value.StringValue) v).value(); }
}
