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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

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

    private static final Set<String> HTTP_KEYS = Set.of("method", "url", "body", "enable_redirect", "force_json_decode",
            "force_yaml_decode", "headers", "raw_body", "tls_use_system_certs", "tls_ca_cert", "tls_ca_cert_file",
            "tls_ca_cert_env_variable", "tls_client_cert", "tls_client_cert_file", "tls_client_cert_env_variable",
            "tls_client_key", "tls_client_key_file", "tls_client_key_env_variable", "tls_insecure_skip_verify",
            "tls_server_name", "timeout", "cache", "force_cache", "force_cache_duration_seconds", "raise_error",
            "caching_mode", "max_retry_attempts", "cache_ignored_headers");

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
                    checkRequest(req);
                    if (!ctx.networkAllowed()) {
                        // Halts even without strict builtin errors: an undefined result would hide why.
                        throw BuiltinException.halt("network calls are disabled: http.send is not evaluated unless"
                                + " enabled (Rego.Builder.allowHttpSend(true), --allow-http-send on the command line,"
                                + " policy.allow_http_send: true in warden.yaml); mock it in tests with"
                                + " `with http.send as ...`");
                    }
                    return HttpSend.send(ctx, req);
                }));
    }

    /** OPA's request validation, so malformed requests fail as they would in OPA. */
    private static void checkRequest(ObjectValue req) {
        Set<String> unknown = new TreeSet<>();
        for (Value k : req.keys()) {
            String key = k instanceof StringValue s ? s.value() : k.toString();
            if (!HTTP_KEYS.contains(key)) unknown.add(key);
        }
        if (!unknown.isEmpty()) throw BuiltinException.typeError("invalid request parameters(s): " + quoted(unknown));
        Set<String> missing = new TreeSet<>();
        for (String required : List.of("method", "url")) if (req.get(required) == null) missing.add(required);
        if (!missing.isEmpty()) throw BuiltinException.typeError("missing required request parameters(s): " + quoted(missing));
    }

    private static String quoted(Set<String> names) {
        List<String> q = new ArrayList<>();
        for (String n : names) q.add("\"" + n + "\"");
        return "{" + String.join(", ", q) + "}";
    }
}
