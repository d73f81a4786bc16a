package dev.warden.rego.builtins;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Set;

/** The JWS algorithms (RFC 7518) on the JDK's providers: HS*, RS*, PS*, ES* (raw r||s signatures), EdDSA. */
final class JwsAlgorithms {
    private JwsAlgorithms() {}

    static final Set<String> ALL = Set.of("HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384",
            "PS512", "ES256", "ES384", "ES512", "EdDSA");

    static boolean known(String alg) { return ALL.contains(alg); }

    private static String hmacName(String alg) { return "HmacSHA" + alg.substring(2); }

    /** True when {@code sig} is a valid signature of {@code input} under {@code key}; false for a mismatched key type. */
    static boolean verify(String alg, Key key, byte[] input, byte[] sig) {
        if (!known(alg)) return false;
        if (alg.startsWith("HS")) {
            if (key instanceof PublicKey || key instanceof PrivateKey) return false;
            byte[] expected = CryptoBuiltins.mac(hmacName(alg), key.getEncoded(), input);
            return MessageDigest.isEqual(expected, sig);
        }
        if (!(key instanceof PublicKey pub) || !fits(alg, key)) return false;
        try {
            Signature s = signature(alg);
            s.initVerify(pub);
            s.update(input);
            return s.verify(sig);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    static byte[] sign(String alg, Key key, byte[] input) {
        if (alg.startsWith("HS")) {
            if (key instanceof PrivateKey) throw BuiltinException.error("invalid key type for " + alg);
            return CryptoBuiltins.mac(hmacName(alg), key.getEncoded(), input);
        }
        if (!(key instanceof PrivateKey priv) || !fits(alg, key)) {
            throw BuiltinException.error("invalid key type for " + alg);
        }
        try {
            Signature s = signature(alg);
            s.initSign(priv);
            s.update(input);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw BuiltinException.error("failed to sign with " + alg + ": " + e.getMessage());
        }
    }

    private static boolean fits(String alg, Key key) {
        return switch (alg.substring(0, 2)) {
            case "RS", "PS" -> key instanceof RSAKey;
            case "ES" -> key instanceof ECKey;
            default -> key instanceof EdECKey;
        };
    }

    private static Signature signature(String alg) throws GeneralSecurityException {
        if (alg.equals("EdDSA")) return Signature.getInstance("Ed25519");
        String bits = alg.substring(2);
        return switch (alg.substring(0, 2)) {
            case "RS" -> Signature.getInstance("SHA" + bits + "withRSA");
            case "ES" -> Signature.getInstance("SHA" + bits + "withECDSAinP1363Format");
            default -> {
                Signature s = Signature.getInstance("RSASSA-PSS");
                MGF1ParameterSpec mgf = switch (bits) {
                    case "256" -> MGF1ParameterSpec.SHA256;
                    case "384" -> MGF1ParameterSpec.SHA384;
                    default -> MGF1ParameterSpec.SHA512;
                };
                s.setParameter(new PSSParameterSpec("SHA-" + bits, "MGF1", mgf, Integer.parseInt(bits) / 8, 1));
                yield s;
            }
        };
    }
}
