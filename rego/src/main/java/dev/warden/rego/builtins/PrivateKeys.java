package dev.warden.rego.builtins;

import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.StringValue;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/** Private keys in PEM ("RSA PRIVATE KEY" = PKCS#1, "PRIVATE KEY" = PKCS#8) as JWK objects. */
final class PrivateKeys {
    private PrivateKeys() {}

    /** Every private key in the text, in order; other blocks are skipped. */
    static List<ObjectValue> parse(String text) {
        List<ObjectValue> out = new ArrayList<>();
        String rest = text;
        Pem.Block b;
        while ((b = Pem.decode(rest)) != null) {
            rest = b.rest();
            if (b.bytes() == null) continue;
            byte[] pkcs8 = switch (b.type()) {
                case "RSA PRIVATE KEY" -> Der.pkcs8FromPkcs1(b.bytes());
                case "PRIVATE KEY" -> b.bytes();
                default -> null;
            };
            if (pkcs8 != null) out.add(jwk(pkcs8));
        }
        return out;
    }

    private static ObjectValue jwk(byte[] pkcs8) {
        PrivateKey key = null;
        for (String type : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                key = KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                break;
            } catch (GeneralSecurityException e) {
                // try the next key type
            }
        }
        return switch (key) {
            case RSAPrivateCrtKey k -> ObjectValue.builder().put("kty", StringValue.of("RSA"))
                    .put("n", b64(k.getModulus())).put("e", b64(k.getPublicExponent()))
                    .put("d", b64(k.getPrivateExponent())).put("p", b64(k.getPrimeP())).put("q", b64(k.getPrimeQ()))
                    .put("dp", b64(k.getPrimeExponentP())).put("dq", b64(k.getPrimeExponentQ()))
                    .put("qi", b64(k.getCrtCoefficient())).build();
            case ECPrivateKey k -> ObjectValue.builder().put("kty", StringValue.of("EC"))
                    .put("d", b64(k.getS())).build();
            case null -> throw BuiltinException.error("failed to parse private key");
            default -> ObjectValue.builder().put("kty", StringValue.of(key.getAlgorithm())).build();
        };
    }

    private static StringValue b64(BigInteger n) {
        byte[] b = n.toByteArray();
        if (b.length > 1 && b[0] == 0) b = Arrays.copyOfRange(b, 1, b.length);
        return StringValue.of(Base64.getUrlEncoder().withoutPadding().encodeToString(b));
    }
}
