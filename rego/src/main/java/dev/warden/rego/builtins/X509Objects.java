package dev.warden.rego.builtins;

import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.NullValue;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Certificates and certificate requests as the JSON objects OPA returns (Go's field names). */
final class X509Objects {
    private X509Objects() {}

    private static final Map<String, String> NAME_FIELDS = Map.of("2.5.4.6", "Country", "2.5.4.10", "Organization",
            "2.5.4.11", "OrganizationalUnit", "2.5.4.7", "Locality", "2.5.4.8", "Province", "2.5.4.9", "StreetAddress",
            "2.5.4.17", "PostalCode");

    static ObjectValue certificate(X509Certificate c) {
        ObjectValue.Builder b = ObjectValue.builder();
        try {
            b.put("Raw", StringValue.of(Base64.getEncoder().encodeToString(c.getEncoded())));
        } catch (CertificateEncodingException e) {
            throw BuiltinException.error("x509: malformed certificate");
        }
        b.put("Version", NumberValue.of(c.getVersion()));
        b.put("SerialNumber", NumberValue.of(c.getSerialNumber()));
        b.put("Issuer", name(c.getIssuerX500Principal().getEncoded()));
        b.put("Subject", name(c.getSubjectX500Principal().getEncoded()));
        b.put("NotBefore", StringValue.of(X509Builtins.time(c.getNotBefore())));
        b.put("NotAfter", StringValue.of(X509Builtins.time(c.getNotAfter())));
        b.put("IsCA", BooleanValue.of(c.getBasicConstraints() >= 0));
        b.put("SignatureAlgorithm", StringValue.of(c.getSigAlgName()));
        b.put("PublicKeyAlgorithm", StringValue.of(c.getPublicKey().getAlgorithm()));
        Map<Integer, List<Value>> sans = subjectAltNames(c);
        b.put("DNSNames", orNull(sans.get(2)));
        b.put("EmailAddresses", orNull(sans.get(1)));
        b.put("IPAddresses", orNull(sans.get(7)));
        b.put("URIStrings", orNull(sans.get(6)));
        return b.build();
    }

    private static Value orNull(List<Value> items) {
        return items == null || items.isEmpty() ? NullValue.INSTANCE : ArrayValue.of(items);
    }

    private static Map<Integer, List<Value>> subjectAltNames(X509Certificate c) {
        Map<Integer, List<Value>> out = new LinkedHashMap<>();
        try {
            Collection<List<?>> sans = c.getSubjectAlternativeNames();
            if (sans == null) return out;
            for (List<?> san : sans) {
                if (san.size() >= 2 && san.get(0) instanceof Integer type && san.get(1) instanceof String v) {
                    out.computeIfAbsent(type, k -> new ArrayList<>()).add(StringValue.of(v));
                }
            }
        } catch (CertificateParsingException e) {
            throw BuiltinException.error("x509: malformed subject alternative names");
        }
        return out;
    }

    /** A DER Name as Go's pkix.Name: CommonName and SerialNumber strings, the other attributes as string lists. */
    static ObjectValue name(byte[] der) {
        Map<String, List<Value>> lists = new LinkedHashMap<>();
        String cn = "", serial = "";
        List<Value> names = new ArrayList<>();
        for (Der.Tlv rdn : Der.single(der).children()) {
            for (Der.Tlv atv : rdn.children()) {
                List<Der.Tlv> parts = atv.children();
                if (parts.size() < 2) continue;
                String oid = Der.oid(parts.get(0).content());
                String value = Der.string(parts.get(1));
                names.add(ObjectValue.builder().put("Type", StringValue.of(oid)).put("Value", StringValue.of(value)).build());
                switch (oid) {
                    case "2.5.4.3" -> cn = value;
                    case "2.5.4.5" -> serial = value;
                    default -> {
                        String field = NAME_FIELDS.get(oid);
                        if (field != null) lists.computeIfAbsent(field, k -> new ArrayList<>()).add(StringValue.of(value));
                    }
                }
            }
        }
        ObjectValue.Builder b = ObjectValue.builder();
        for (String field : List.of("Country", "Organization", "OrganizationalUnit", "Locality", "Province",
                "StreetAddress", "PostalCode")) {
            b.put(field, orNull(lists.get(field)));
        }
        return b.put("SerialNumber", StringValue.of(serial)).put("CommonName", StringValue.of(cn))
                .put("Names", ArrayValue.of(names)).put("ExtraNames", NullValue.INSTANCE).build();
    }

    /** A PKCS#10 request: version, subject and the raw forms. */
    static ObjectValue certificateRequest(byte[] der) {
        Der.Tlv csr = Der.single(der);
        List<Der.Tlv> top = csr.children();
        if (csr.tag() != 0x30 || top.size() < 3) throw Der.structureError();
        List<Der.Tlv> info = top.get(0).children();
        if (info.size() < 3 || info.get(0).tag() != 0x02 || info.get(1).tag() != 0x30) throw Der.structureError();
        byte[] subject = Der.encode(0x30, info.get(1).content());
        return ObjectValue.builder()
                .put("Raw", StringValue.of(Base64.getEncoder().encodeToString(der)))
                .put("Version", NumberValue.of(info.get(0).integer()))
                .put("Subject", name(subject))
                .put("RawSubject", StringValue.of(Base64.getEncoder().encodeToString(subject)))
                .build();
    }
}
