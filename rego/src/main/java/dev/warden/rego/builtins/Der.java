package dev.warden.rego.builtins;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Just enough DER to read X.509 names and PKCS#10 requests and to wrap PKCS#1 keys, which the JDK does not expose. */
final class Der {
    private Der() {}

    /** One element: its tag byte and its content octets. */
    record Tlv(int tag, byte[] content) {
        List<Tlv> children() { return Der.readAll(content); }

        BigInteger integer() { return new BigInteger(content); }
    }

    static List<Tlv> readAll(byte[] b) {
        List<Tlv> out = new ArrayList<>();
        int i = 0;
        while (i < b.length) {
            int[] pos = {i};
            out.add(read(b, pos));
            i = pos[0];
        }
        return out;
    }

    /** Reads one element at pos[0], advancing it; "asn1: structure error" when truncated or malformed. */
    static Tlv read(byte[] b, int[] pos) {
        int i = pos[0];
        if (i + 2 > b.length) throw structureError();
        int tag = b[i++] & 0xff;
        if ((tag & 0x1f) == 0x1f) throw structureError(); // high tag numbers never occur in what we read
        int len = b[i++] & 0xff;
        if (len >= 0x80) {
            int n = len & 0x7f;
            if (n == 0 || n > 4 || i + n > b.length) throw structureError();
            len = 0;
            for (int k = 0; k < n; k++) len = (len << 8) | (b[i++] & 0xff);
            if (len < 0) throw structureError();
        }
        if (i + len > b.length) throw structureError();
        pos[0] = i + len;
        return new Tlv(tag, Arrays.copyOfRange(b, i, i + len));
    }

    static Tlv single(byte[] b) {
        int[] pos = {0};
        Tlv t = read(b, pos);
        if (pos[0] != b.length) throw BuiltinException.error("asn1: syntax error: trailing data");
        return t;
    }

    static BuiltinException structureError() { return BuiltinException.error("asn1: structure error: malformed DER"); }

    static String oid(byte[] c) {
        StringBuilder sb = new StringBuilder();
        long v = 0;
        boolean first = true;
        for (byte x : c) {
            v = (v << 7) | (x & 0x7f);
            if ((x & 0x80) == 0) {
                if (first) {
                    long a = Math.min(v / 40, 2);
                    sb.append(a).append('.').append(v - 40 * a);
                    first = false;
                } else {
                    sb.append('.').append(v);
                }
                v = 0;
            }
        }
        return sb.toString();
    }

    static String string(Tlv t) {
        return switch (t.tag()) {
            case 0x1e -> new String(t.content(), StandardCharsets.UTF_16BE);
            case 0x1c -> new String(t.content(), java.nio.charset.Charset.forName("UTF-32BE"));
            case 0x14 -> new String(t.content(), StandardCharsets.ISO_8859_1);
            default -> new String(t.content(), StandardCharsets.UTF_8);
        };
    }

    static byte[] encode(int tag, byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] p : parts) body.writeBytes(p);
        byte[] c = body.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (c.length < 0x80) {
            out.write(c.length);
        } else {
            byte[] len = BigInteger.valueOf(c.length).toByteArray();
            int skip = len[0] == 0 ? 1 : 0;
            out.write(0x80 | (len.length - skip));
            out.write(len, skip, len.length - skip);
        }
        out.writeBytes(c);
        return out.toByteArray();
    }

    /** PKCS#8 PrivateKeyInfo around a PKCS#1 RSAPrivateKey. */
    static byte[] pkcs8FromPkcs1(byte[] pkcs1) {
        byte[] rsaOid = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
        byte[] algorithm = encode(0x30, rsaOid, new byte[] {0x05, 0x00});
        return encode(0x30, new byte[] {0x02, 0x01, 0x00}, algorithm, encode(0x04, pkcs1));
    }
}
