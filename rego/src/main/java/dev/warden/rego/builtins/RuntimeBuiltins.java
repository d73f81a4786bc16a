package dev.warden.rego.builtins;

import static dev.warden.rego.builtins.Decl.ANY;
import static dev.warden.rego.builtins.Decl.ANY_OBJECT;
import static dev.warden.rego.builtins.Decl.NUMBER;
import static dev.warden.rego.builtins.Decl.STRING;

import dev.warden.rego.types.Type;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.security.SecureRandom;
import java.util.List;

/**
 * Builtins that reach outside the policy: {@code rand.intn} (stable per evaluation), {@code opa.runtime}, and
 * {@code http.send}, which refuses to run unless the policy set allows network calls ({@link HttpSend}): a
 * policy evaluated inside the gateway must not make network calls. Refused, it can still be mocked with
 * {@code with http.send as ...}.
 */
final class RuntimeBuiltins {
    private RuntimeBuiltins() {}

    private static final SecureRandom RANDOM = new SecureRandom();
    static final String VERSION = "1.4.0-warden";

    static List<Builtin> all() {
        return List.of(
                Decl.nondeterministic("rand.intn", List.of(STRING, NUMBER), NUMBER, (ctx, a) -> {
                    String seed = Args.string(a, 0);
                    NumberValue n = Args.integer(a, 1);
                    long bound = n.isLong() ? Math.abs(n.longValue()) : Long.MAX_VALUE;
                    if (bound == 0) return NumberValue.ZERO;
                    return (Value) ctx.cache().computeIfAbsent(List.of("rand.intn", seed, n),
                            k -> NumberValue.of(RANDOM.nextLong(bound)));
                }),
                Decl.nondeterministic("opa.runtime", List.of(), Type.object(STRING, ANY), (ctx, a) -> {
                    // Like OPA when no runtime information was configured: an empty object.
                    if (ctx.env().isEmpty()) return ObjectValue.EMPTY;
                    ObjectValue.Builder env = ObjectValue.builder();
                    ctx.env().forEach((k, v) -> env.put(k, StringValue.of(v)));
                    return ObjectValue.builder()
                            .put("env", env.build())
                            .put("version", StringValue.of(VERSION))
                            .put("commit", StringValue.of(""))
                            .put("config", ObjectValue.EMPTY)
                            .build();
                }),
                // trace(note) annotates OPA's query trace; with no tracer attached it simply succeeds.
                Decl.fn("trace", List.of(STRING), Type.BOOLEAN, (ctx, a) -> {
                    Args.string(a, 0);
                    return dev.warden.rego.value.BooleanValue.TRUE;
                }),
                Decl.nondeterministic("http.send", List.of(ANY_OBJECT), ANY_OBJECT, (ctx, a) -> {
                    ObjectValue req = Args.object(a, 0);
                    if (!ctx.networkAllowed()) {
                        HttpSendRequest.validate(req);
                        // Halts even without strict builtin errors: an undefined result would hide why.
                        throw BuiltinException.halt("network calls are disabled: http.send is not evaluated unless"
                                + " enabled (Rego.Builder.allowHttpSend(true), --allow-http-send on the command line,"
                                + " policy.allow_http_send: true in warden.yaml); mock it in tests with"
                                + " `with http.send as ...`");
                    }
                    return HttpSend.send(ctx, req);
                }));
    }
}
