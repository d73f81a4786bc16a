package dev.warden.rego.builtins;

import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.Json;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code http.send} request object read into typed options, with OPA's checks and messages. Options Warden
 * does not implement (client TLS material, custom CAs, inter-query caching) are refused by name rather than
 * silently ignored, so a policy never runs with weaker settings than its author asked for.
 *
 * <pre>{@code
 * HttpSendRequest r = HttpSendRequest.parse(requestObject);   // throws HttpSendRequest.Failure
 * }</pre>
 *
 * @param method        upper-cased HTTP method
 * @param url           the target, http or https
 * @param headers       request headers as given (names as written)
 * @param body          the bytes to send: {@code raw_body}, else {@code body} JSON-encoded, else empty
 * @param timeoutNanos  per-attempt timeout; 0 means none (as in Go)
 * @param redirect      follow redirects ({@code enable_redirect})
 * @param forceJson     decode the response body as JSON whatever its content type
 * @param forceYaml     decode the response body as YAML whatever its content type
 * @param retries       extra attempts after a network error ({@code max_retry_attempts})
 */
record HttpSendRequest(String method, URI url, Map<String, String> headers, byte[] body, boolean hasBody,
                       long timeoutNanos, boolean redirect, boolean forceJson, boolean forceYaml, int retries) {

    /** OPA's default request timeout. */
    static final long DEFAULT_TIMEOUT_NANOS = 5_000_000_000L;

    /** TLS options that need key material or trust settings Warden does not wire into the JDK client. */
    private static final Set<String> UNSUPPORTED_TLS = Set.of("tls_ca_cert", "tls_ca_cert_file",
            "tls_ca_cert_env_variable", "tls_client_cert", "tls_client_cert_file", "tls_client_cert_env_variable",
            "tls_client_key", "tls_client_key_file", "tls_client_key_env_variable", "tls_server_name");

    /** A request that cannot be sent; {@code network} tells OPA's network errors from internal ones. */
    static final class Failure extends Exception {
        final boolean network;

        Failure(String message, boolean network) {
            super(message, null, false, false);
            this.network = network;
        }

        static Failure internal(String message) { return new Failure(message, false); }
    }

    static HttpSendRequest parse(ObjectValue req) throws Failure {
        String method = null;
        String url = null;
        Map<String, String> headers = new LinkedHashMap<>();
        byte[] body = null;
        byte[] rawBody = null;
        long timeout = DEFAULT_TIMEOUT_NANOS;
        for (Value k : req.keys()) {
            String key = ((StringValue) k).value();
            Value v = req.get(k);
            switch (key) {
                case "method" -> method = string(key, v).toUpperCase(Locale.ROOT);
                case "url" -> url = string(key, v);
                case "raw_body" -> rawBody = string(key, v).getBytes(StandardCharsets.UTF_8);
                case "body" -> body = Json.write(v).getBytes(StandardCharsets.UTF_8);
                case "headers" -> headers = headers(v);
                case "timeout" -> timeout = timeout(v);
                case "tls_insecure_skip_verify" -> {
                    if (bool(req, key)) throw unsupported(key);
                }
                case "cache", "force_cache" -> {
                    if (bool(req, key)) {
                        throw Failure.internal("\"" + key + "\" is not supported: Warden's http.send caches"
                                + " responses only within one evaluation (remove the option)");
                    }
                }
                default -> {
                    if (UNSUPPORTED_TLS.contains(key)) throw unsupported(key);
                    // enable_redirect, force_*_decode, raise_error, max_retry_attempts are read below; the cache
                    // tuning options (caching_mode, force_cache_duration_seconds, cache_ignored_headers) and
                    // tls_use_system_certs (the JDK trusts the system store already) change nothing here.
                }
            }
        }
        if (method == null || method.isEmpty()) throw Failure.internal("\"method\" must not be empty");
        URI uri = uri(url);
        boolean hasBody = rawBody != null || body != null;
        return new HttpSendRequest(method, uri, Map.copyOf(headers), rawBody != null ? rawBody : body != null
                ? body : new byte[0], hasBody, timeout, bool(req, "enable_redirect"), bool(req, "force_json_decode"),
                bool(req, "force_yaml_decode"), retries(req));
    }

    /** {@code raise_error}: true unless set to false; any other value is an error. */
    static boolean raiseError(ObjectValue req) throws Failure {
        Value v = req.get("raise_error");
        if (v == null) return true;
        if (v instanceof BooleanValue b) return b.value();
        throw Failure.internal("invalid value for raise_error field");
    }

    private static Failure unsupported(String key) {
        return Failure.internal("\"" + key + "\" is not supported by Warden's http.send"
                + " (custom TLS settings are not implemented; the JDK's default trust store is used)");
    }

    private static String string(String key, Value v) throws Failure {
        if (v instanceof StringValue s) return s.value();
        throw Failure.internal("\"" + key + "\" must be a string");
    }

    private static boolean bool(ObjectValue req, String key) throws Failure {
        Value v = req.get(key);
        if (v == null) return false;
        if (v instanceof BooleanValue b) return b.value();
        throw Failure.internal("invalid value for \"" + key + "\" field: " + Json.write(v) + " (want a boolean)");
    }

    private static Map<String, String> headers(Value v) throws Failure {
        if (!(v instanceof ObjectValue obj)) throw Failure.internal("invalid type for headers key");
        Map<String, String> out = new LinkedHashMap<>();
        for (Value k : obj.keys()) {
            Value h = obj.get(k);
            if (!(k instanceof StringValue name)) throw Failure.internal("invalid type for headers key");
            if (!(h instanceof StringValue s)) {
                throw Failure.internal("invalid type for headers value " + Json.write(h) + " (want a string)");
            }
            out.put(name.value(), s.value());
        }
        return out;
    }

    /** A Go duration ("500ms", "2s"), or nanoseconds as a number or a string of digits. */
    private static long timeout(Value v) throws Failure {
        if (v instanceof NumberValue n) {
            if (!n.isLong()) throw Failure.internal("invalid timeout number value " + n + ", must be int64");
            return n.longValue();
        }
        if (v instanceof StringValue s) {
            try {
                return Long.parseLong(s.value());
            } catch (NumberFormatException notDigits) {
                try {
                    return TimeBuiltins.duration(s.value());
                } catch (BuiltinException e) {
                    throw Failure.internal("invalid timeout value " + Json.write(v) + ": " + e.getMessage());
                }
            }
        }
        throw Failure.internal("'timeout' must be one of {string, number} but got " + v.typeName());
    }

    private static int retries(ObjectValue req) throws Failure {
        Value v = req.get("max_retry_attempts");
        if (v == null) return 0;
        if (v instanceof NumberValue n && n.isLong() && n.longValue() >= 0 && n.longValue() <= Integer.MAX_VALUE) {
            return (int) n.longValue();
        }
        throw Failure.internal("invalid value " + Json.write(v) + " for field \"max_retry_attempts\"");
    }

    private static URI uri(String url) throws Failure {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw Failure.internal("parse " + quote(url) + ": " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw Failure.internal("unsupported protocol scheme " + quote(scheme) + " in " + quote(url)
                    + " (Warden's http.send speaks http and https only)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) throw Failure.internal("no host in request URL " + quote(url));
        return uri;
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder();
        Json.quote(s, sb);
        return sb.toString();
    }
}
