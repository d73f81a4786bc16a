package dev.warden.rego.builtins;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IP network (or a single address, with a full-length prefix). Parsing accepts only literals: dotted IPv4
 * and IPv6 text, never host names, so no lookup can ever happen.
 *
 * <pre>{@code
 * Cidr net = Cidr.parseCidr("10.0.0.0/8");
 * net.contains(Cidr.parseIp("10.1.2.3")); // true
 * }</pre>
 */
record Cidr(BigInteger network, int prefix, int bits) {

    /** An address literal, or null. */
    static BigInteger[] address(String s) {
        if (s.indexOf(':') < 0) {
            String[] parts = s.split("\\.", -1);
            if (parts.length != 4) return null;
            long v = 0;
            for (String p : parts) {
                if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) return null;
                if (p.length() > 1 && p.charAt(0) == '0') return null;
                int octet = Integer.parseInt(p);
                if (octet > 255) return null;
                v = (v << 8) | octet;
            }
            return new BigInteger[] {BigInteger.valueOf(v), BigInteger.valueOf(32)};
        }
        if (!s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.') || s.length() > 45) return null;
        try {
            InetAddress a = InetAddress.getByName(s); // a literal containing ':' is parsed, never resolved
            byte[] b = a.getAddress();
            if (a instanceof Inet6Address || b.length == 16) return new BigInteger[] {new BigInteger(1, b), BigInteger.valueOf(128)};
            // Java folds IPv4-mapped IPv6 literals to IPv4; keep them as IPv6 like Go does.
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(b, 0, mapped, 12, 4);
            return new BigInteger[] {new BigInteger(1, mapped), BigInteger.valueOf(128)};
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static Cidr parseIp(String s) {
        BigInteger[] a = address(s);
        return a == null ? null : new Cidr(a[0], a[1].intValue(), a[1].intValue());
    }

    /** A CIDR {@code addr/prefix}, masked to its network; null when malformed. */
    static Cidr parseCidr(String s) {
        int slash = s.indexOf('/');
        if (slash < 0) return null;
        BigInteger[] a = address(s.substring(0, slash));
        String p = s.substring(slash + 1);
        if (a == null || p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) return null;
        int bits = a[1].intValue(), prefix = Integer.parseInt(p);
        if (prefix > bits) return null;
        return new Cidr(mask(a[0], prefix, bits), prefix, bits);
    }

    static Cidr requireCidr(String s) {
        Cidr c = parseCidr(s);
        if (c == null) throw BuiltinException.error("invalid CIDR address: " + s);
        return c;
    }

    static BigInteger mask(BigInteger addr, int prefix, int bits) {
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
        return addr.andNot(hostMask);
    }

    BigInteger last() { return network.or(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE)); }

    boolean contains(Cidr other) {
        return bits == other.bits && other.prefix >= prefix && mask(other.network, prefix, bits).equals(network);
    }

    boolean intersects(Cidr other) {
        return bits == other.bits && (contains(other) || other.contains(this));
    }

    static String format(BigInteger addr, int bits) {
        if (bits == 32) {
            long v = addr.longValue();
            return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) groups[i] = addr.shiftRight(112 - 16 * i).intValue() & 0xffff;
        int bestStart = -1, bestLen = 1; // Go compresses the longest run of two or more zero groups
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) j++;
            if (j - i > bestLen) { bestStart = i; bestLen = j - i; }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    @Override
    public String toString() { return format(network, bits) + "/" + prefix; }
}
