package dev.warden.rego.builtins;

import static dev.warden.rego.builtins.Decl.ANY;
import static dev.warden.rego.builtins.Decl.STRING;
import static dev.warden.rego.builtins.Decl.fn;

import dev.warden.rego.types.Type;
import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.NullValue;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * {@code crypto.x509.*} and {@code crypto.parse_private_keys}. Certificates come back shaped like Go's
 * {@code x509.Certificate} as OPA returns it (the fields policies read: Subject, Issuer, DNSNames, URIStrings,
 * validity, serial number, CA flag, raw DER).
 */
final class X509Builtins {
    private X509Builtins() {}

    static List<Builtin> all() {
        Type obj = Type.object(STRING, ANY);
        return List.of(
                fn("crypto.x509.parse_certificates", List.of(STRING), Type.array(obj),
                        (ctx, a) -> ArrayValue.of(certificates(Args.string(a, 0)).stream().map(X509Objects::certificate).toList())),
                fn("crypto.x509.parse_and_verify_certificates", List.of(STRING), Type.array(ANY),
                        (ctx, a) -> parseAndVerify(ctx, Args.string(a, 0), ObjectValue.EMPTY)),
                fn("crypto.x509.parse_and_verify_certificates_with_options", List.of(STRING, obj), Type.array(ANY),
                        (ctx, a) -> parseAndVerify(ctx, Args.string(a, 0), Args.object(a, 1))),
                fn("crypto.x509.parse_certificate_request", List.of(STRING), obj,
                        (ctx, a) -> X509Objects.certificateRequest(derOrPem(Args.string(a, 0), "CERTIFICATE REQUEST"))),
                fn("crypto.x509.parse_keypair", List.of(STRING, STRING), obj, (ctx, a) -> keypair(Args.string(a, 0), Args.string(a, 1))),
                fn("crypto.x509.parse_rsa_private_key", List.of(STRING), obj, (ctx, a) -> {
                    List<ObjectValue> keys = PrivateKeys.parse(pemText(Args.string(a, 0)));
                    if (keys.isEmpty()) throw BuiltinException.error("failed to parse PEM block containing the key");
                    return keys.get(0);
                }),
                fn("crypto.parse_private_keys", List.of(STRING), Type.array(obj), (ctx, a) -> {
                    String s = Args.string(a, 0);
                    if (s.isEmpty()) return NullValue.INSTANCE;
                    String text = s.startsWith("-----BEGIN") ? s : tryBase64(s);
                    return ArrayValue.of(text == null ? List.of() : PrivateKeys.parse(text));
                }));
    }

    /** PEM text as given, or base64-encoded PEM decoded ("illegal base64 ..." otherwise). */
    private static String pemText(String s) {
        if (s.startsWith("-----BEGIN")) return s;
        return new String(GoBytes.unbase64(s, false, true), StandardCharsets.UTF_8);
    }

    private static String tryBase64(String s) {
        try {
            return new String(GoBytes.unbase64(s, false, true), StandardCharsets.UTF_8);
        } catch (BuiltinException e) {
            return null;
        }
    }

    /** PEM (possibly a chain), base64 of PEM, or base64 of DER (possibly concatenated). */
    static List<X509Certificate> certificates(String s) {
        byte[] bytes = s.startsWith("-----BEGIN") ? s.getBytes(StandardCharsets.UTF_8) : GoBytes.unbase64(s, false, true);
        try {
            Collection<? extends java.security.cert.Certificate> certs =
                    CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes));
            if (certs.isEmpty()) throw BuiltinException.error("x509: malformed certificate");
            List<X509Certificate> out = new ArrayList<>();
            for (var c : certs) out.add((X509Certificate) c);
            return out;
        } catch (GeneralSecurityException e) {
            throw BuiltinException.error("x509: malformed certificate");
        }
    }

    private static byte[] derOrPem(String s, String type) {
        byte[] bytes = s.startsWith("-----BEGIN") ? s.getBytes(StandardCharsets.UTF_8) : GoBytes.unbase64(s, false, true);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (text.startsWith("-----BEGIN")) {
            Pem.Block b = Pem.decode(text);
            if (b == null || b.bytes() == null) throw BuiltinException.error("invalid PEM-encoded " + type.toLowerCase());
            return b.bytes();
        }
        return bytes;
    }

    /**
     * [valid, chain]: as in OPA, the first certificate is the trusted root and the last the leaf; the chain comes
     * back leaf first, as Go's Verify returns it.
     */
    private static Value parseAndVerify(BuiltinContext ctx, String s, ObjectValue options) {
        VerifyOptions opts = VerifyOptions.of(options, ctx.nowNanos());
        List<X509Certificate> certs;
        try {
            certs = certificates(s);
        } catch (BuiltinException e) {
            return ArrayValue.of(BooleanValue.FALSE, ArrayValue.EMPTY);
        }
        if (certs.size() < 2) return ArrayValue.of(BooleanValue.FALSE, ArrayValue.EMPTY);
        List<X509Certificate> chain = new ArrayList<>(certs);
        java.util.Collections.reverse(chain);
        try {
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(chain.getLast(), null)));
            params.setRevocationEnabled(false);
            params.setDate(new java.util.Date(opts.nowNanos() / 1_000_000L));
            CertificateFactory f = CertificateFactory.getInstance("X.509");
            CertPathValidator.getInstance("PKIX").validate(f.generateCertPath(chain.subList(0, chain.size() - 1)), params);
        } catch (GeneralSecurityException e) {
            return ArrayValue.of(BooleanValue.FALSE, ArrayValue.EMPTY);
        }
        if (!opts.acceptsLeaf(chain.getFirst())) return ArrayValue.of(BooleanValue.FALSE, ArrayValue.EMPTY);
        return ArrayValue.of(BooleanValue.TRUE, ArrayValue.of(chain.stream().map(X509Objects::certificate).toList()));
    }

    private static Value keypair(String cert, String key) {
        List<X509Certificate> certs = certificates(pemText(cert));
        List<ObjectValue> keys = PrivateKeys.parse(pemText(key));
        if (keys.isEmpty()) throw BuiltinException.error("tls: failed to find any PEM data in key input");
        List<Value> ders = new ArrayList<>();
        for (X509Certificate c : certs) {
            try {
                ders.add(StringValue.of(java.util.Base64.getEncoder().encodeToString(c.getEncoded())));
            } catch (GeneralSecurityException e) {
                throw BuiltinException.error("x509: malformed certificate");
            }
        }
        return ObjectValue.builder().put("Certificate", ArrayValue.of(ders)).put("PrivateKey", keys.get(0))
                .put("Leaf", X509Objects.certificate(certs.get(0))).build();
    }

    static String time(java.util.Date d) {
        return DateTimeFormatter.ISO_INSTANT.format(d.toInstant());
    }

    static NumberValue num(long n) { return NumberValue.of(n); }
}
