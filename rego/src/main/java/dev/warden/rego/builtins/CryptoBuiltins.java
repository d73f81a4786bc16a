package dev.warden.rego.builtins;

import static dev.warden.rego.builtins.Decl.BOOLEAN;
import static dev.warden.rego.builtins.Decl.STRING;
import static dev.warden.rego.builtins.Decl.fn;

import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.StringValue;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Digests and HMACs of strings (their UTF-8 bytes), hex-encoded as OPA returns them. */
final class CryptoBuiltins {
    private CryptoBuiltins() {}

    static List<Builtin> all() {
        return List.of(
                digest("crypto.md5", "MD5"),
                digest("crypto.sha1", "SHA-1"),
                digest("crypto.sha256", "SHA-256"),
                hmac("crypto.hmac.md5", "HmacMD5"),
                hmac("crypto.hmac.sha1", "HmacSHA1"),
                hmac("crypto.hmac.sha256", "HmacSHA256"),
                hmac("crypto.hmac.sha512", "HmacSHA512"),
                fn("crypto.hmac.equal", List.of(STRING, STRING), BOOLEAN, (ctx, a) -> BooleanValue.of(
                        MessageDigest.isEqual(GoBytes.utf8(Args.string(a, 0)), GoBytes.utf8(Args.string(a, 1))))));
    }

    private static Builtin digest(String name, String algorithm) {
        return fn(name, List.of(STRING), STRING, (ctx, a) -> {
            try {
                byte[] d = MessageDigest.getInstance(algorithm).digest(GoBytes.utf8(Args.string(a, 0)));
                return StringValue.of(GoBytes.hex(d));
            } catch (GeneralSecurityException e) {
                throw BuiltinException.error(algorithm + " is not available: " + e.getMessage());
            }
        });
    }

    private static Builtin hmac(String name, String algorithm) {
        return fn(name, List.of(STRING, STRING), STRING,
                (ctx, a) -> StringValue.of(GoBytes.hex(mac(algorithm, GoBytes.utf8(Args.string(a, 1)), GoBytes.utf8(Args.string(a, 0))))));
    }

    static byte[] mac(String algorithm, byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            // An empty key is legal for HMAC but SecretKeySpec refuses it; a single zero byte is equivalent.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw BuiltinException.error(algorithm + " failed: " + e.getMessage());
        }
    }
}
