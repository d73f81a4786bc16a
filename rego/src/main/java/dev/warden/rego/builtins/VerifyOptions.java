package dev.warden.rego.builtins;

import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The options of {@code crypto.x509.parse_and_verify_certificates_with_options}, named as Go's
 * {@code x509.VerifyOptions}: {@code DNSName}, {@code CurrentTime} (ns), {@code KeyUsages}
 * ({@code "KeyUsageServerAuth"}, ...), {@code MaxConstraintComparisons} (accepted, not needed by the JDK).
 */
record VerifyOptions(String dnsName, long nowNanos, List<String> keyUsages) {
    private static final Set<String> KEYS = Set.of("DNSName", "CurrentTime", "KeyUsages", "MaxConstraintComparisons");
    private static final Map<String, String> EKU_OIDS = Map.ofEntries(
            Map.entry("KeyUsageServerAuth", "1.3.6.1.5.5.7.3.1"), Map.entry("KeyUsageClientAuth", "1.3.6.1.5.5.7.3.2"),
            Map.entry("KeyUsageCodeSigning", "1.3.6.1.5.5.7.3.3"), Map.entry("KeyUsageEmailProtection", "1.3.6.1.5.5.7.3.4"),
            Map.entry("KeyUsageTimeStamping", "1.3.6.1.5.5.7.3.8"), Map.entry("KeyUsageOCSPSigning", "1.3.6.1.5.5.7.3.9"),
            Map.entry("KeyUsageIPSECEndSystem", "1.3.6.1.5.5.7.3.5"), Map.entry("KeyUsageIPSECTunnel", "1.3.6.1.5.5.7.3.6"),
            Map.entry("KeyUsageIPSECUser", "1.3.6.1.5.5.7.3.7"));

    static VerifyOptions of(ObjectValue o, long defaultNow) {
        String dns = null;
        long now = defaultNow;
        List<String> usages = new ArrayList<>();
        for (Value k : o.keys()) {
            String key = k instanceof StringValue s ? s.value() : k.toString();
            if (!KEYS.contains(key)) throw Args.typeError(1, "invalid key \"" + key + "\" in options");
            Value v = o.get(k);
            switch (key) {
                case "DNSName" -> {
                    if (!(v instanceof StringValue s)) throw Args.typeError(1, "'DNSName' should be a string");
                    dns = s.value();
                }
                case "CurrentTime" -> {
                    if (!(v instanceof NumberValue n) || !n.isLong()) throw Args.typeError(1, "'CurrentTime' should be a number");
                    now = n.longValue();
                }
                case "KeyUsages" -> {
                    if (!(v instanceof ArrayValue arr)) throw Args.typeError(1, "'KeyUsages' should be an array");
                    for (Value u : arr.elements()) {
                        if (!(u instanceof StringValue s) || (!s.value().equals("KeyUsageAny") && !EKU_OIDS.containsKey(s.value()))) {
                            throw Args.typeError(1, "invalid entry in 'KeyUsages': " + u);
                        }
                        usages.add(((StringValue) u).value());
                    }
                }
                default -> { }
            }
        }
        return new VerifyOptions(dns, now, usages);
    }

    /** The leaf certificate's name and extended key usages, checked as Go's Verify does. */
    boolean acceptsLeaf(X509Certificate leaf) {
        try {
            if (dnsName != null && !matchesDns(leaf)) return false;
            if (keyUsages.isEmpty() || keyUsages.contains("KeyUsageAny")) return true;
            List<String> ekus = leaf.getExtendedKeyUsage();
            if (ekus == null || ekus.contains("2.5.29.37.0")) return true;
            for (String u : keyUsages) if (ekus.contains(EKU_OIDS.get(u))) return true;
            return false;
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    private boolean matchesDns(X509Certificate leaf) throws CertificateParsingException {
        String want = dnsName.toLowerCase(Locale.ROOT);
        var sans = leaf.getSubjectAlternativeNames();
        if (sans == null) return false;
        for (List<?> san : sans) {
            if (san.size() < 2 || !Integer.valueOf(2).equals(san.get(0))) continue;
            String name = san.get(1).toString().toLowerCase(Locale.ROOT);
            if (name.equals(want)) return true;
            if (name.startsWith("*.") && want.indexOf('.') > 0 && want.substring(want.indexOf('.')).equals(name.substring(1))) {
                return true;
            }
        }
        return false;
    }
}
