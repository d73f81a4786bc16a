package dev.warden.rego.builtins;

import static dev.warden.rego.builtins.Decl.ANY;
import static dev.warden.rego.builtins.Decl.NUMBER;
import static dev.warden.rego.builtins.Decl.STRING;
import static dev.warden.rego.builtins.Decl.fn;

import dev.warden.rego.types.Type;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.Json;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code providers.aws.sign_req}: AWS Signature Version 4 for an {@code http.send}-style request object. The
 * request comes back with {@code Authorization}, {@code host} and {@code x-amz-*} headers added.
 */
final class AwsSigner {
    private AwsSigner() {}

    private static final List<String> REQUIRED_CONFIG = List.of("aws_access_key", "aws_secret_access_key", "aws_service",
            "aws_region");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    static List<Builtin> all() {
        Type obj = Type.object(STRING, ANY);
        return List.of(fn("providers.aws.sign_req", List.of(obj, obj, NUMBER), obj, (ctx, a) -> sign(a)));
    }

    private static Value sign(Value[] a) {
        ObjectValue req = Args.object(a, 0), cfg = Args.object(a, 1);
        require(req, List.of("method", "url"), 0, "request parameters(s)");
        require(cfg, REQUIRED_CONFIG, 1, "AWS config parameters(s)");
        boolean unsigned = false;
        Value dps = cfg.get("disable_payload_signing");
        if (dps != null) {
            if (!(dps instanceof BooleanValue b)) throw Args.typeError(1, "invalid value for 'disable_payload_signing' in AWS config");
            unsigned = b.value();
        }
        NumberValue ns = Args.number(a, 2);
        if (ns.signum() < 0 || !ns.isLong()) throw Args.typeError(2, "could not convert time_ns value into a unix timestamp");
        String amzDate = AMZ_DATE.format(TimeBuiltins.instant(ns.longValue()));
        String day = amzDate.substring(0, 8);

        // OPA signs the method and path exactly as given ("get", "" for a bare host), and so must we to agree.
        String method = text(req, "method");
        URI url;
        try {
            url = new URI(text(req, "url"));
        } catch (URISyntaxException e) {
            throw BuiltinException.error("invalid url: " + e.getMessage());
        }
        String body = req.get("raw_body") instanceof StringValue raw ? raw.value()
                : req.get("body") != null ? Json.write(req.get("body")) : "";
        String payloadHash = unsigned ? "UNSIGNED-PAYLOAD" : GoBytes.hex(sha256(body.getBytes(StandardCharsets.UTF_8)));

        TreeMap<String, String> headers = new TreeMap<>();
        if (req.get("headers") instanceof ObjectValue h) {
            for (Value k : h.keys()) {
                String v = h.get(k) instanceof StringValue s ? s.value() : Json.write(h.get(k));
                headers.put(k instanceof StringValue s ? s.value() : Json.write(k), v);
            }
        }
        headers.put("host", url.getRawAuthority() == null ? "" : url.getRawAuthority());
        // Like OPA, a content hash the caller already set is what gets signed; the output carries the computed one.
        String signedHash = headers.getOrDefault("x-amz-content-sha256", payloadHash);
        headers.put("x-amz-content-sha256", signedHash);
        headers.put("x-amz-date", amzDate);
        if (cfg.get("aws_session_token") instanceof StringValue token) headers.put("x-amz-security-token", token.value());

        TreeMap<String, String> canonical = new TreeMap<>();
        headers.forEach((k, v) -> canonical.put(k.toLowerCase(Locale.ROOT), v.strip().replaceAll("\\s+", " ")));
        String signedHeaders = String.join(";", canonical.keySet());
        StringBuilder creq = new StringBuilder(method).append('\n')
                .append(canonicalPath(url)).append('\n')
                .append(canonicalQuery(url)).append('\n');
        canonical.forEach((k, v) -> creq.append(k).append(':').append(v).append('\n'));
        creq.append('\n').append(signedHeaders).append('\n').append(payloadHash);

        String region = text(cfg, "aws_region"), service = text(cfg, "aws_service");
        String scope = day + "/" + region + "/" + service + "/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + GoBytes.hex(sha256(creq.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] key = ("AWS4" + text(cfg, "aws_secret_access_key")).getBytes(StandardCharsets.UTF_8);
        for (String part : List.of(day, region, service, "aws4_request")) key = hmac(key, part);
        String signature = GoBytes.hex(hmac(key, toSign));
        headers.put("x-amz-content-sha256", payloadHash);
        headers.put("Authorization", "AWS4-HMAC-SHA256 Credential=" + text(cfg, "aws_access_key") + "/" + scope
                + ",SignedHeaders=" + signedHeaders + ",Signature=" + signature);

        ObjectValue.Builder h = ObjectValue.builder();
        headers.forEach((k, v) -> h.put(k, StringValue.of(v)));
        return ObjectValue.builder().putAll(req).put("headers", h.build()).build();
    }

    private static void require(ObjectValue o, List<String> keys, int pos, String what) {
        TreeSet<String> missing = new TreeSet<>(), invalid = new TreeSet<>();
        for (String k : keys) {
            Value v = o.get(k);
            if (v == null) missing.add(k);
            else if (!(v instanceof StringValue)) invalid.add(k);
        }
        if (!missing.isEmpty()) throw Args.typeError(pos, "missing required " + what + ": " + quoted(missing));
        if (!invalid.isEmpty()) throw Args.typeError(pos, "invalid values for required " + what + ": " + quoted(invalid));
    }

    private static String quoted(TreeSet<String> names) {
        List<String> q = new ArrayList<>();
        for (String n : names) q.add("\"" + n + "\"");
        return "{" + String.join(", ", q) + "}";
    }

    private static String text(ObjectValue o, String key) { return ((StringValue) o.get(key)).value(); }

    private static String canonicalPath(URI url) {
        String path = url.getRawPath();
        return path == null ? "" : path;
    }

    private static String canonicalQuery(URI url) {
        String q = url.getRawQuery();
        if (q == null || q.isEmpty()) return "";
        TreeMap<String, List<String>> params = new TreeMap<>();
        for (String part : q.split("&")) {
            int eq = part.indexOf('=');
            String k = EncodingBuiltins.queryUnescape(eq < 0 ? part : part.substring(0, eq));
            String v = eq < 0 ? "" : EncodingBuiltins.queryUnescape(part.substring(eq + 1));
            params.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            List<String> vs = new ArrayList<>(e.getValue());
            vs.sort(null);
            for (String v : vs) out.add(uriEncode(e.getKey()) + "=" + uriEncode(v));
        }
        return String.join("&", out);
    }

    private static String uriEncode(String s) {
        return EncodingBuiltins.queryEscape(s).replace("+", "%20");
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw BuiltinException.error("SHA-256 is not available");
        }
    }

    private static byte[] hmac(byte[] key, String msg) {
        return CryptoBuiltins.mac("HmacSHA256", key, msg.getBytes(StandardCharsets.UTF_8));
    }
}
