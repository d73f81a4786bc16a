package dev.warden.rego.builtins;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Bytes as Go handles them in OPA's encoding builtins: base64 with Go's strictness and error offsets, hex, and
 * bytes-to-string conversion where each invalid UTF-8 byte becomes one U+FFFD (as Go counts runes).
 */
final class GoBytes {
    private GoBytes() {}

    private static final String STD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final String URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    /** Go's string(bytes) as Java text: valid UTF-8 decoded, every invalid byte one replacement character. */
    static String string(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length);
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xFF;
            int n = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
            int cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
            boolean ok = n > 0 && i + n <= b.length;
            for (int k = 1; ok && k < n; k++) {
                int cc = b[i + k] & 0xFF;
                if ((cc & 0xC0) != 0x80) ok = false;
                cp = (cp << 6) | (cc & 0x3F);
            }
            if (ok && ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))) {
                ok = false;
            }
            if (ok) {
                sb.appendCodePoint(cp);
                i += n;
            } else {
                sb.append('\uFFFD');
                i++;
            }
        }
        return sb.toString();
    }

    static String base64(byte[] b, boolean url, boolean pad) {
        String alphabet = url ? URL : STD;
        StringBuilder sb = new StringBuilder((b.length + 2) / 3 * 4);
        for (int i = 0; i < b.length; i += 3) {
            int n = Math.min(3, b.length - i);
            int v = (b[i] & 0xFF) << 16 | (n > 1 ? (b[i + 1] & 0xFF) << 8 : 0) | (n > 2 ? b[i + 2] & 0xFF : 0);
            for (int k = 0; k < 4; k++) {
                if (k <= n) sb.append(alphabet.charAt((v >> (18 - 6 * k)) & 0x3F));
                else if (pad) sb.append('=');
            }
        }
        return sb.toString();
    }

    /**
     * Go's base64 decoding: {@code padded} requires '=' padding (StdEncoding/URLEncoding), otherwise padding is
     * an error (Raw encodings). Newlines are ignored. Fails with "illegal base64 data at input byte N".
     */
    static byte[] unbase64(String s, boolean url, boolean padded) {
        String alphabet = url ? URL : STD;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] quantum = new int[4];
        int j = 0, i = 0, quantumStart = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r') { i++; continue; }
            if (j == 0) quantumStart = i;
            if (c == '=' && padded) {
                if (j < 2) throw illegal(i);
                int need = 4 - j; // '=' count expected
                int k = i;
                for (int p = 0; p < need; p++) {
                    while (k < s.length() && (s.charAt(k) == '\n' || s.charAt(k) == '\r')) k++;
                    if (k >= s.length() || s.charAt(k) != '=') throw illegal(k >= s.length() ? s.length() : k);
                    k++;
                }
                while (k < s.length() && (s.charAt(k) == '\n' || s.charAt(k) == '\r')) k++;
                if (k < s.length()) throw illegal(k);
                flush(quantum, j, out);
                return out.toByteArray();
            }
            int v = alphabet.indexOf(c);
            if (v < 0) throw illegal(i);
            quantum[j++] = v;
            if (j == 4) {
                flush(quantum, 4, out);
                j = 0;
            }
            i++;
        }
        if (j == 1 || (j > 0 && padded)) throw illegal(quantumStart);
        flush(quantum, j, out);
        return out.toByteArray();
    }

    private static void flush(int[] q, int n, ByteArrayOutputStream out) {
        if (n == 0) return;
        int v = q[0] << 18 | q[1] << 12 | (n > 2 ? q[2] << 6 : 0) | (n > 3 ? q[3] : 0);
        out.write(v >> 16);
        if (n > 2) out.write((v >> 8) & 0xFF);
        if (n > 3) out.write(v & 0xFF);
    }

    private static BuiltinException illegal(int at) {
        return BuiltinException.error("illegal base64 data at input byte " + at);
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (byte x : b) sb.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        return sb.toString();
    }

    static byte[] unhex(String s) {
        byte[] raw = utf8(s);
        byte[] out = new byte[raw.length / 2];
        for (int i = 0; i + 1 < raw.length; i += 2) {
            int hi = nibble(raw, i), lo = nibble(raw, i + 1);
            out[i / 2] = (byte) (hi << 4 | lo);
        }
        if (raw.length % 2 == 1) {
            nibble(raw, raw.length - 1);
            throw BuiltinException.error("encoding/hex: odd length hex string");
        }
        return out;
    }

    private static int nibble(byte[] raw, int i) {
        int v = Character.digit(raw[i] & 0xFF, 16);
        if (v < 0) {
            int b = raw[i] & 0xFF;
            throw BuiltinException.error(String.format("encoding/hex: invalid byte: U+%04X '%c'", b, (char) b));
        }
        return v;
    }
}
