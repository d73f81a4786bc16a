package dev.warden.rego.builtins;

import static dev.warden.rego.builtins.Decl.ANY;
import static dev.warden.rego.builtins.Decl.STRING;
import static dev.warden.rego.builtins.Decl.fn;

import dev.warden.rego.types.Type;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code uuid.rfc4122} (a random version 4 UUID, the same for the same seed within one evaluation) and
 * {@code uuid.parse} (variant, version and, for time-based UUIDs, their fields).
 */
final class UuidBuiltins {
    private UuidBuiltins() {}

    private static final SecureRandom RANDOM = new SecureRandom();
    /** 100-nanosecond intervals between the Gregorian reform (1582-10-15) and the Unix epoch. */
    private static final long GREGORIAN_OFFSET = 122_192_928_000_000_000L;

    static List<Builtin> all() {
        return List.of(
                Decl.nondeterministic("uuid.rfc4122", List.of(STRING), STRING, (ctx, a) -> {
                    String seed = Args.string(a, 0);
                    return (Value) ctx.cache().computeIfAbsent(List.of("uuid.rfc4122", seed),
                            k -> StringValue.of(randomV4().toString()));
                }),
                fn("uuid.parse", List.of(STRING), Type.object(STRING, ANY), (ctx, a) -> parse(Args.string(a, 0))));
    }

    private static UUID randomV4() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        long hi = 0, lo = 0;
        for (int i = 0; i < 8; i++) hi = (hi << 8) | (b[i] & 0xff);
        for (int i = 8; i < 16; i++) lo = (lo << 8) | (b[i] & 0xff);
        return new UUID(hi, lo);
    }

    /** The 16 bytes of a UUID in any of Go's accepted spellings, or null. */
    private static byte[] bytes(String s) {
        String hex;
        if (s.length() == 36 + 9 && s.regionMatches(true, 0, "urn:uuid:", 0, 9)) s = s.substring(9);
        else if (s.length() == 38 && s.charAt(0) == '{' && s.charAt(37) == '}') s = s.substring(1, 37);
        if (s.length() == 36) {
            if (s.charAt(8) != '-' || s.charAt(13) != '-' || s.charAt(18) != '-' || s.charAt(23) != '-') return null;
            hex = s.replace("-", "");
            if (hex.length() != 32) return null;
        } else if (s.length() == 32) {
            hex = s;
        } else {
            return null;
        }
        byte[] b = new byte[16];
        for (int i = 0; i < 16; i++) {
            int hi = Character.digit(hex.charAt(2 * i), 16), lo = Character.digit(hex.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) return null;
            b[i] = (byte) (hi << 4 | lo);
        }
        return b;
    }

    private static Value parse(String s) {
        byte[] b = bytes(s);
        if (b == null) return null;
        int version = (b[6] & 0xff) >> 4;
        ObjectValue.Builder out = ObjectValue.builder()
                .put("version", NumberValue.of(version))
                .put("variant", StringValue.of(variant(b[8] & 0xff)));
        if (version == 1 || version == 2) {
            long t = ((long) (b[6] & 0x0f) << 56 | (long) (b[7] & 0xff) << 48 | (long) (b[4] & 0xff) << 40
                    | (long) (b[5] & 0xff) << 32 | (long) (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8
                    | (b[3] & 0xff));
            out.put("time", NumberValue.of((t - GREGORIAN_OFFSET) * 100));
            out.put("clocksequence", NumberValue.of((b[8] & 0x3f) << 8 | (b[9] & 0xff)));
            List<String> node = new ArrayList<>();
            for (int i = 10; i < 16; i++) node.add(String.format("%02x", b[i] & 0xff));
            out.put("nodeid", StringValue.of(String.join("-", node)));
            out.put("macvariables", StringValue.of(((b[10] & 2) != 0 ? "local" : "global") + ":"
                    + ((b[10] & 1) != 0 ? "multicast" : "unicast")));
            if (version == 2) {
                int domain = b[9] & 0xff;
                out.put("domain", StringValue.of(domain == 0 ? "Person" : domain == 1 ? "Group" : domain == 2 ? "Org"
                        : "Domain" + domain));
                out.put("id", NumberValue.of(((long) (b[0] & 0xff) << 24) | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff)));
            }
        }
        return out.build();
    }

    private static String variant(int b8) {
        if ((b8 & 0x80) == 0) return "Reserved";
        if ((b8 & 0xc0) == 0x80) return "RFC4122";
        if ((b8 & 0xe0) == 0xc0) return "Microsoft";
        return "Future";
    }
}
