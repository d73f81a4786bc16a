package dev.warden.rego.builtins;

import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPrivateKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keys for the JWT builtins: PEM certificates, PEM public keys, JWKs and JWK sets for verification; private JWKs
 * (RSA, EC, OKP/Ed25519, oct) for signing. Errors use OPA's wording.
 */
final class JwtKeys {
    private JwtKeys() {}

    /** A key with the JWK attributes that select it ({@code alg}, {@code kid}), either may be null. */
    record Candidate(Key key, String alg, String kid) {}

    static List<Candidate> verificationKeys(String material) {
        if (material.startsWith("-----BEGIN CERTIFICATE-----")) {
            Pem.Block b = Pem.decode(material);
            if (b == null || b.bytes() == null || !b.type().equals("CERTIFICATE")) {
                throw BuiltinException.error("failed to parse a PEM certificate");
            }
            if (!b.rest().isBlank()) throw BuiltinException.error("extra data after a PEM certificate block");
            return List.of(new Candidate(certificate(b.bytes()).getPublicKey(), null, null));
        }
        if (material.startsWith("-----BEGIN")) {
            Pem.Block b = Pem.decode(material);
            if (b == null || b.bytes() == null || !b.type().equals("PUBLIC KEY")) {
                throw BuiltinException.error("failed to extract a Key from the PEM certificate");
            }
            if (!b.rest().isBlank()) throw BuiltinException.error("extra data after a PEM certificate block");
            return List.of(new Candidate(publicKey(b.bytes()), null, null));
        }
        return jwkSet(material);
    }

    static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw BuiltinException.error("failed to parse a PEM certificate");
        }
    }

    /** A SubjectPublicKeyInfo of any supported type. */
    static PublicKey publicKey(byte[] spki) {
        for (String type : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(spki));
            } catch (GeneralSecurityException e) {
                // try the next key type
            }
        }
        throw BuiltinException.error("failed to extract a Key from the PEM certificate");
    }

    private static List<Candidate> jwkSet(String json) {
        Value v;
        try {
            v = dev.warden.rego.value.Json.parse(json);
        } catch (IllegalArgumentException e) {
            throw jwkError();
        }
        if (!(v instanceof ObjectValue o)) throw jwkError();
        List<Candidate> out = new ArrayList<>();
        if (o.get("keys") instanceof ArrayValue keys) {
            for (Value k : keys.elements()) {
                if (!(k instanceof ObjectValue jwk)) throw jwkError();
                out.add(new Candidate(jwkKey(jwk, false), str(jwk, "alg"), str(jwk, "kid")));
            }
        } else {
            out.add(new Candidate(jwkKey(o, false), str(o, "alg"), str(o, "kid")));
        }
        return out;
    }

    static BuiltinException jwkError() { return BuiltinException.error("failed to parse a JWK key (set)"); }

    static String str(ObjectValue o, String key) { return o.get(key) instanceof StringValue s ? s.value() : null; }

    private static BigInteger big(ObjectValue jwk, String field) {
        String s = str(jwk, field);
        if (s == null) throw jwkError();
        try {
            return new BigInteger(1, GoBytes.unbase64(s, true, s.length() % 4 == 0));
        } catch (BuiltinException e) {
            throw jwkError();
        }
    }


    /** The public key of a JWK, or its private key when {@code priv} (an HMAC secret for "oct"). */
    static Key jwkKey(ObjectValue jwk, boolean priv) {
        String kty = str(jwk, "kty");
        if (kty == null) throw jwkError();
        try {
            return switch (kty) {
                case "RSA" -> priv ? rsaPrivate(jwk) : KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(big(jwk, "n"), big(jwk, "e")));
                case "EC" -> {
                    ECParameterSpec params = curve(str(jwk, "crv"));
                    KeyFactory f = KeyFactory.getInstance("EC");
                    yield priv ? f.generatePrivate(new ECPrivateKeySpec(big(jwk, "d"), params))
                            : f.generatePublic(new ECPublicKeySpec(new ECPoint(big(jwk, "x"), big(jwk, "y")), params));
                }
                case "OKP" -> {
                    if (!"Ed25519".equals(str(jwk, "crv"))) throw jwkError();
                    String field = priv ? "d" : "x";
                    String s = str(jwk, field);
                    if (s == null) throw jwkError();
                    byte[] k = GoBytes.unbase64(s, true, s.length() % 4 == 0);
                    if (k.length != 32) throw jwkError();
                    KeyFactory f = KeyFactory.getInstance("Ed25519");
                    yield priv ? f.generatePrivate(new PKCS8EncodedKeySpec(concat("302e020100300506032b657004220420", k)))
                            : f.generatePublic(new X509EncodedKeySpec(concat("302a300506032b6570032100", k)));
                }
                case "oct" -> {
                    String k = str(jwk, "k");
                    if (k == null) throw jwkError();
                    byte[] secret = GoBytes.unbase64(k, true, k.length() % 4 == 0);
                    yield new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, "HMAC");
                }
                default -> throw jwkError();
            };
        } catch (GeneralSecurityException e) {
            throw jwkError();
        }
    }

    private static Key rsaPrivate(ObjectValue jwk) throws GeneralSecurityException {
        KeyFactory f = KeyFactory.getInstance("RSA");
        if (jwk.get("p") != null && jwk.get("q") != null && jwk.get("dp") != null && jwk.get("dq") != null
                && jwk.get("qi") != null) {
            return f.generatePrivate(new RSAPrivateCrtKeySpec(big(jwk, "n"), big(jwk, "e"), big(jwk, "d"),
                    big(jwk, "p"), big(jwk, "q"), big(jwk, "dp"), big(jwk, "dq"), big(jwk, "qi")));
        }
        return f.generatePrivate(new RSAPrivateKeySpec(big(jwk, "n"), big(jwk, "d")));
    }

    private static ECParameterSpec curve(String crv) throws GeneralSecurityException {
        String name = switch (crv == null ? "" : crv) {
            case "P-256" -> "secp256r1";
            case "P-384" -> "secp384r1";
            case "P-521" -> "secp521r1";
            default -> throw jwkError();
        };
        AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
        p.init(new ECGenParameterSpec(name));
        return p.getParameterSpec(ECParameterSpec.class);
    }

    private static byte[] concat(String hexPrefix, byte[] k) {
        byte[] prefix = HexFormat.of().parseHex(hexPrefix);
        byte[] out = new byte[prefix.length + k.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(k, 0, out, prefix.length, k.length);
        return out;
    }

}
