package dev.warden.rego.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.Json;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Signing and verifying round trips with freshly generated keys, and decode_verify's claim checks. */
class JwtBuiltinsTest {
    private final TestContext ctx = new TestContext();

    private Value call(String name, Value... args) {
        return BuiltinRegistry.standard().get(name).function().call(ctx, args);
    }

    private static StringValue s(String v) { return StringValue.of(v); }

    private static String b64(BigInteger n) {
        byte[] b = n.toByteArray();
        if (b[0] == 0 && b.length > 1) b = Arrays.copyOfRange(b, 1, b.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String pem(byte[] spki) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(spki) + "\n-----END PUBLIC KEY-----\n";
    }

    @Test
    void signsWithAnRsaJwkAndVerifiesWithThePemPublicKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair kp = g.generateKeyPair();
        RSAPrivateCrtKey k = (RSAPrivateCrtKey) kp.getPrivate();
        ObjectValue jwk = (ObjectValue) Json.parse("{\"kty\":\"RSA\",\"n\":\"" + b64(k.getModulus()) + "\",\"e\":\""
                + b64(k.getPublicExponent()) + "\",\"d\":\"" + b64(k.getPrivateExponent()) + "\"}");
        for (String alg : new String[] {"RS256", "PS384"}) {
            Value token = call("io.jwt.encode_sign", Json.parse("{\"alg\":\"" + alg + "\"}"), Json.parse("{\"sub\":\"ann\"}"), jwk);
            String pub = pem(kp.getPublic().getEncoded());
            assertThat(call("io.jwt.verify_" + alg.toLowerCase(), token, s(pub))).isEqualTo(BooleanValue.TRUE);
            String other = "{\"kty\":\"RSA\",\"n\":\"" + b64(((RSAPublicKey) kp.getPublic()).getModulus().add(BigInteger.TWO))
                    + "\",\"e\":\"AQAB\"}";
            assertThat(call("io.jwt.verify_" + alg.toLowerCase(), token, s(other))).isEqualTo(BooleanValue.FALSE);
        }
    }

    @Test
    void signsAndVerifiesEcdsaThroughJwks() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair kp = g.generateKeyPair();
        ECPublicKey pub = (ECPublicKey) kp.getPublic();
        String point = "\"crv\":\"P-256\",\"x\":\"" + b64(pub.getW().getAffineX()) + "\",\"y\":\"" + b64(pub.getW().getAffineY()) + "\"";
        ObjectValue priv = (ObjectValue) Json.parse("{\"kty\":\"EC\"," + point + ",\"d\":\""
                + b64(((ECPrivateKey) kp.getPrivate()).getS()) + "\"}");
        Value token = call("io.jwt.encode_sign", Json.parse("{\"alg\":\"ES256\",\"kid\":\"k1\"}"), Json.parse("{\"iss\":\"warden\"}"), priv);
        String jwks = "{\"keys\":[{\"kty\":\"EC\",\"kid\":\"k1\"," + point + "}]}";
        ArrayValue result = (ArrayValue) call("io.jwt.decode_verify", token,
                Json.parse("{\"cert\":" + Json.write(s(jwks)) + ",\"iss\":\"warden\"}"));
        assertThat(result.get(0)).isEqualTo(BooleanValue.TRUE);
        assertThat(((ObjectValue) result.get(2)).get("iss")).isEqualTo(s("warden"));
    }

    @Test
    void decodeVerifyChecksExpiryAgainstTheEvaluationClock() {
        ObjectValue key = (ObjectValue) Json.parse("{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}");
        long nowSeconds = TestContext.NOW / 1_000_000_000L;
        Value live = call("io.jwt.encode_sign", Json.parse("{\"alg\":\"HS256\"}"),
                Json.parse("{\"exp\":" + (nowSeconds + 60) + "}"), key);
        Value expired = call("io.jwt.encode_sign", Json.parse("{\"alg\":\"HS256\"}"),
                Json.parse("{\"exp\":" + (nowSeconds - 60) + "}"), key);
        ObjectValue constraints = (ObjectValue) Json.parse("{\"secret\":\"secret\"}");
        assertThat(((ArrayValue) call("io.jwt.decode_verify", live, constraints)).get(0)).isEqualTo(BooleanValue.TRUE);
        assertThat(call("io.jwt.decode_verify", expired, constraints))
                .isEqualTo(ArrayValue.of(BooleanValue.FALSE, ObjectValue.EMPTY, ObjectValue.EMPTY));
        ObjectValue later = ObjectValue.builder().put("secret", s("secret"))
                .put("time", NumberValue.of((nowSeconds + 120) * 1_000_000_000L)).build();
        assertThat(((ArrayValue) call("io.jwt.decode_verify", live, later)).get(0)).isEqualTo(BooleanValue.FALSE);
    }

    @Test
    void malformedTokensFailWithOpasMessages() {
        assertThatThrownBy(() -> call("io.jwt.decode", s("abc")))
                .isInstanceOf(BuiltinException.class).hasMessage("encoded JWT had no period separators");
        assertThatThrownBy(() -> call("io.jwt.decode", s("a.b")))
                .hasMessage("encoded JWT must have 3 sections, found 2");
        assertThatThrownBy(() -> call("io.jwt.verify_rs256", s("e30.e30.e30"), s("not a key")))
                .hasMessage("failed to parse a JWK key (set)");
        assertThatThrownBy(() -> call("io.jwt.decode_verify", s("e30.e30.e30"), Json.parse("{\"secret\":\"x\",\"bogus\":1}")))
                .hasMessageContaining("unknown token validation constraint: bogus");
    }
}
