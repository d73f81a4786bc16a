package dev.warden.rego.builtins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Certificates (a root → intermediate → leaf chain from OPA's test data) and private keys. */
class X509BuiltinsTest {
    private static Value call(String name, Value... args) {
        return BuiltinRegistry.standard().get(name).function().call(new TestContext(), args);
    }

    private static String chain() throws IOException {
        try (InputStream in = X509BuiltinsTest.class.getResourceAsStream("/builtins/x509/chain.pem")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String cn(Value cert) {
        return ((StringValue) ((ObjectValue) ((ObjectValue) cert).get("Subject")).get("CommonName")).value();
    }

    @Test
    void parsesAChainInOrderWithSubjectsAndNames() throws IOException {
        ArrayValue certs = (ArrayValue) call("crypto.x509.parse_certificates", StringValue.of(chain()));
        assertThat(certs.elements()).extracting(X509BuiltinsTest::cn)
                .containsExactly("OPA Test Root CA", "OPA Test Intermediate CA", "notarealsite.opa.localhost");
        assertThat(((ObjectValue) certs.get(2)).get("DNSNames")).isEqualTo(ArrayValue.of(StringValue.of("notarealsite.opa.localhost")));
        assertThat(((ObjectValue) certs.get(0)).get("IsCA")).isEqualTo(BooleanValue.TRUE);
    }

    @Test
    void verifiesTheChainFromRootToLeafAndReturnsItLeafFirst() throws IOException {
        ArrayValue result = (ArrayValue) call("crypto.x509.parse_and_verify_certificates", StringValue.of(chain()));
        assertThat(result.get(0)).isEqualTo(BooleanValue.TRUE);
        assertThat(((ArrayValue) result.get(1)).elements()).extracting(X509BuiltinsTest::cn)
                .containsExactly("notarealsite.opa.localhost", "OPA Test Intermediate CA", "OPA Test Root CA");
    }

    @Test
    void verifiesWithOptionsForNameAndTime() throws IOException {
        Value chain = StringValue.of(chain());
        Value ok = call("crypto.x509.parse_and_verify_certificates_with_options", chain,
                dev.warden.rego.value.Json.parse("{\"DNSName\": \"notarealsite.opa.localhost\", \"KeyUsages\": [\"KeyUsageAny\"]}"));
        assertThat(((ArrayValue) ok).get(0)).isEqualTo(BooleanValue.TRUE);
        Value wrongName = call("crypto.x509.parse_and_verify_certificates_with_options", chain,
                dev.warden.rego.value.Json.parse("{\"DNSName\": \"example.com\"}"));
        assertThat(((ArrayValue) wrongName).get(0)).isEqualTo(BooleanValue.FALSE);
        Value afterExpiry = call("crypto.x509.parse_and_verify_certificates_with_options", chain,
                dev.warden.rego.value.Json.parse("{\"CurrentTime\": 2524608000000000000}"));
        assertThat(((ArrayValue) afterExpiry).get(0)).isEqualTo(BooleanValue.FALSE);
    }

    @Test
    void aBrokenChainIsNotValid() throws IOException {
        String pem = chain();
        String withoutIntermediate = pem.substring(0, pem.indexOf("-----END CERTIFICATE-----") + 26)
                + pem.substring(pem.lastIndexOf("-----BEGIN CERTIFICATE-----"));
        assertThat(call("crypto.x509.parse_and_verify_certificates", StringValue.of(withoutIntermediate)))
                .isEqualTo(ArrayValue.of(BooleanValue.FALSE, ArrayValue.EMPTY));
    }

    @Test
    void readsPkcs8PrivateKeysAsJwks() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) g.generateKeyPair().getPrivate();
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        ArrayValue keys = (ArrayValue) call("crypto.parse_private_keys", StringValue.of(pem));
        assertThat(keys.size()).isEqualTo(1);
        ObjectValue jwk = (ObjectValue) keys.get(0);
        assertThat(jwk.get("kty")).isEqualTo(StringValue.of("RSA"));
        assertThat(jwk.get("e")).isEqualTo(StringValue.of("AQAB"));
    }
}
