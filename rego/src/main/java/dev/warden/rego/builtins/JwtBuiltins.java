package dev.warden.rego.builtins;

import static dev.warden.rego.builtins.Decl.ANY;
import static dev.warden.rego.builtins.Decl.ANY_OBJECT;
import static dev.warden.rego.builtins.Decl.BOOLEAN;
import static dev.warden.rego.builtins.Decl.STRING;
import static dev.warden.rego.builtins.Decl.fn;

import dev.warden.rego.types.Type;
import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.Json;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code io.jwt.*}: decoding, verification (HS/RS/PS/ES/EdDSA with PEM certificates, PEM keys or JWK sets),
 * {@code decode_verify} with OPA's claim checks, and signing. Only the JDK's crypto is used.
 */
final class JwtBuiltins {
    private JwtBuiltins() {}

    private static final ArrayValue UNVERIFIED = ArrayValue.of(BooleanValue.FALSE, ObjectValue.EMPTY, ObjectValue.EMPTY);
    private static final Set<String> CONSTRAINTS = Set.of("cert", "secret", "alg", "iss", "aud", "time");

    static List<Builtin> all() {
        List<Builtin> out = new ArrayList<>(List.of(
                fn("io.jwt.decode", List.of(STRING), Type.array(ANY), (ctx, a) -> decode(Args.string(a, 0))),
                fn("io.jwt.decode_verify", List.of(STRING, Type.object(STRING, ANY)), Type.array(ANY),
                        (ctx, a) -> decodeVerify(ctx, Args.string(a, 0), Args.object(a, 1))),
                fn("io.jwt.encode_sign", List.of(ANY_OBJECT, ANY_OBJECT, ANY_OBJECT), STRING, (ctx, a) -> StringValue.of(
                        sign(Json.write(Args.object(a, 0)), Json.write(Args.object(a, 1)), Args.object(a, 2)))),
                fn("io.jwt.encode_sign_raw", List.of(STRING, STRING, STRING), STRING,
                        (ctx, a) -> StringValue.of(signRaw(Args.string(a, 0), Args.string(a, 1), Args.string(a, 2))))));
        for (String alg : List.of("HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
                "ES256", "ES384", "ES512", "EdDSA")) {
            out.add(fn("io.jwt.verify_" + alg.toLowerCase(), List.of(STRING, STRING), BOOLEAN,
                    (ctx, a) -> BooleanValue.of(verify(alg, Jws.parse(Args.string(a, 0)), Args.string(a, 1)))));
        }
        return out;
    }

    private static Value decode(String token) {
        Jws jws = Jws.parse(token);
        if (jws.nested()) return decode(jws.innerToken());
        return ArrayValue.of(jws.header(), jws.claims(), StringValue.of(GoBytes.hex(jws.signature())));
    }

    private static boolean verify(String alg, Jws jws, String keyMaterial) {
        if (alg.startsWith("HS")) {
            return JwsAlgorithms.verify(alg, secret(keyMaterial), jws.signingInput(), jws.signature());
        }
        for (JwtKeys.Candidate c : JwtKeys.verificationKeys(keyMaterial)) {
            if (JwsAlgorithms.verify(alg, c.key(), jws.signingInput(), jws.signature())) return true;
        }
        return false;
    }

    private static SecretKeySpec secret(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return new SecretKeySpec(b.length == 0 ? new byte[1] : b, "HMAC");
    }

    private static Value decodeVerify(BuiltinContext ctx, String token, ObjectValue constraints) {
        for (Value k : constraints.keys()) {
            if (!(k instanceof StringValue s) || !CONSTRAINTS.contains(s.value())) {
                throw BuiltinException.error("unknown token validation constraint: " + (k instanceof StringValue s ? s.value() : k));
            }
        }
        String cert = string(constraints, "cert"), secret = string(constraints, "secret");
        if (cert != null && secret != null) throw BuiltinException.error("duplicate key constraints");
        if (cert == null && secret == null) throw BuiltinException.error("no key constraint");
        List<JwtKeys.Candidate> keys = cert != null ? JwtKeys.verificationKeys(cert)
                : List.of(new JwtKeys.Candidate(secret(secret), null, null));
        return decodeVerify(ctx, Jws.parse(token), constraints, keys);
    }

    private static Value decodeVerify(BuiltinContext ctx, Jws jws, ObjectValue constraints, List<JwtKeys.Candidate> keys) {
        String alg = jws.alg();
        String wantAlg = string(constraints, "alg");
        if (alg == null || !JwsAlgorithms.known(alg) || (wantAlg != null && !wantAlg.equals(alg))) return UNVERIFIED;
        if (jws.header().get("crit") != null) return UNVERIFIED; // no critical extensions are understood
        if (!signedByAny(jws, alg, keys)) return UNVERIFIED;
        if (jws.nested()) return decodeVerify(ctx, Jws.parse(jws.innerToken()), constraints, keys);
        ObjectValue claims = jws.claims();
        BigDecimal now = constraints.get("time") instanceof NumberValue t ? t.decimalValue() : BigDecimal.valueOf(ctx.nowNanos());
        BigDecimal exp = timeClaim(claims, "exp"), nbf = timeClaim(claims, "nbf");
        if (exp != null && now.compareTo(exp) >= 0) return UNVERIFIED;
        if (nbf != null && now.compareTo(nbf) < 0) return UNVERIFIED;
        String iss = string(constraints, "iss");
        if (iss != null && !(claims.get("iss") instanceof StringValue s && s.value().equals(iss))) return UNVERIFIED;
        if (!audienceMatches(string(constraints, "aud"), claims.get("aud"))) return UNVERIFIED;
        return ArrayValue.of(BooleanValue.TRUE, jws.header(), claims);
    }

    private static boolean signedByAny(Jws jws, String alg, List<JwtKeys.Candidate> keys) {
        String kid = jws.header().get("kid") instanceof StringValue s ? s.value() : null;
        for (JwtKeys.Candidate c : keys) {
            if (c.alg() != null && !c.alg().equals(alg)) continue;
            if (kid != null && c.kid() != null && !c.kid().equals(kid)) continue;
            if (JwsAlgorithms.verify(alg, c.key(), jws.signingInput(), jws.signature())) return true;
        }
        return false;
    }

    /** An exp/nbf claim in nanoseconds, or null when absent; anything but a number is an error, as in OPA. */
    private static BigDecimal timeClaim(ObjectValue claims, String name) {
        Value v = claims.get(name);
        if (v == null) return null;
        if (!(v instanceof NumberValue n)) throw BuiltinException.error(name + " value must be a number");
        return n.decimalValue().multiply(BigDecimal.valueOf(1_000_000_000L));
    }

    private static boolean audienceMatches(String want, Value aud) {
        if (want == null) return aud == null;
        if (aud instanceof StringValue s) return s.value().equals(want);
        if (aud instanceof ArrayValue arr) return arr.elements().contains(StringValue.of(want));
        return false;
    }

    private static String string(ObjectValue o, String key) { return o.get(key) instanceof StringValue s ? s.value() : null; }

    private static String sign(String headerJson, String payloadJson, ObjectValue jwk) {
        return signRaw(headerJson, payloadJson, jwk);
    }

    private static String signRaw(String header, String payload, String jwkJson) {
        ObjectValue jwk;
        try {
            if (!(Json.parse(jwkJson) instanceof ObjectValue o)) throw JwtKeys.jwkError();
            jwk = o;
        } catch (IllegalArgumentException e) {
            throw JwtKeys.jwkError();
        }
        return signRaw(header, payload, jwk);
    }

    private static String signRaw(String header, String payload, ObjectValue jwk) {
        ObjectValue h = headerObject(header);
        if (!(h.get("alg") instanceof StringValue algValue)) {
            throw BuiltinException.error("missing or invalid 'alg' header: jwsbb: header \"alg\" not found");
        }
        String alg = algValue.value();
        if (!JwsAlgorithms.known(alg)) throw BuiltinException.error("unknown JWS algorithm: " + alg);
        if (h.get("typ") instanceof StringValue typ && typ.value().equalsIgnoreCase("JWT") && !isJson(payload)) {
            throw BuiltinException.error("type is JWT but payload is not JSON");
        }
        String input = GoBytes.base64(GoBytes.utf8(header), true, false) + "." + GoBytes.base64(GoBytes.utf8(payload), true, false);
        byte[] sig = JwsAlgorithms.sign(alg, JwtKeys.jwkKey(jwk, true), input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + GoBytes.base64(sig, true, false);
    }

    private static ObjectValue headerObject(String header) {
        if (header.isEmpty()) {
            throw BuiltinException.error("missing or invalid 'alg' header: cannot parse JSON: cannot parse empty string");
        }
        try {
            Value v = Json.parse(header);
            return v instanceof ObjectValue o ? o : ObjectValue.EMPTY;
        } catch (IllegalArgumentException e) {
            if (header.strip().startsWith("{")) throw BuiltinException.error("missing or invalid 'alg' header: cannot parse JSON");
            return ObjectValue.EMPTY;
        }
    }

    private static boolean isJson(String s) {
        try {
            Json.parse(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

}
