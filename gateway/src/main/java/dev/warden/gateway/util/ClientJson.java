package dev.warden.gateway.util;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NumericNode;

/**
 * The JSON reader for what clients send (REST bodies, MCP messages): a key given twice in one object is a parse
 * error, and so is a number beyond the range of a 64-bit float; and {@link #readTree} reads only well-formed UTF-8.
 *
 * <p>Why the numbers: Jackson reads {@code 1e999999} as infinity, which no policy can compare and which is not JSON
 * when written back; a call carrying one was denied as a policy engine failure (fail closed, but a 403 for what is
 * the caller's mistake). Numbers too small to represent become 0, as they do in most JSON readers.
 */
public final class ClientJson {
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .nodeFactory(new FiniteNumbers())
            .build();

    private ClientJson() {}

    /**
     * A client's JSON text as a tree, read by {@link #MAPPER} once its bytes are known to be well-formed UTF-8.
     *
     * <p>Why check the bytes first: Jackson decodes some ill-formed sequences instead of refusing them. An overlong
     * form such as {@code C0 80} became a NUL character in a parameter, which then cut a SQL statement short at
     * the upstream; a surrogate encoded in three bytes became half a pair. RFC 8259 requires UTF-8 and RFC 3629
     * forbids both forms, so they are refused here, with the offset of the first bad byte.
     *
     * @throws MalformedUtf8 when the bytes are not well-formed UTF-8
     */
    public static JsonNode readTree(byte[] bytes) {
        int bad = firstIllFormedByte(bytes);
        if (bad >= 0) throw new MalformedUtf8(bad, bytes[bad]);
        return MAPPER.readTree(bytes);
    }

    /** Thrown by {@link #readTree} for bytes that are not well-formed UTF-8. */
    public static final class MalformedUtf8 extends RuntimeException {
        MalformedUtf8(int offset, byte at) {
            super("the text is not well-formed UTF-8 at byte " + offset + " (0x" + String.format("%02x", at & 0xff)
                    + "; an invalid, overlong, surrogate or truncated sequence)", null, false, false);
        }
    }

    /**
     * The offset of the first byte that does not belong to a well-formed UTF-8 sequence (the Unicode standard's
     * table 3-7), or -1 when all of them do. Plain ASCII, the usual case, is one comparison per byte.
     */
    static int firstIllFormedByte(byte[] b) {
        int i = 0;
        int n = b.length;
        while (i < n) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                i++;
                continue;
            }
            int len;
            int lo = 0x80;
            int hi = 0xbf; // the range of the second byte; later bytes are always 80..BF
            if (c >= 0xc2 && c <= 0xdf) {
                len = 2;
            } else if (c >= 0xe0 && c <= 0xef) {
                len = 3;
                if (c == 0xe0) lo = 0xa0;      // below: overlong
                if (c == 0xed) hi = 0x9f;      // above: a surrogate
            } else if (c >= 0xf0 && c <= 0xf4) {
                len = 4;
                if (c == 0xf0) lo = 0x90;      // below: overlong
                if (c == 0xf4) hi = 0x8f;      // above: beyond U+10FFFF
            } else {
                return i;                      // 80..C1 (a continuation, or overlong 2-byte) and F5..FF
            }
            if (i + len > n) return i;
            int second = b[i + 1] & 0xff;
            if (second < lo || second > hi) return i;
            for (int k = 2; k < len; k++) {
                int next = b[i + k] & 0xff;
                if (next < 0x80 || next > 0xbf) return i;
            }
            i += len;
        }
        return -1;
    }

    /** Thrown by {@link #MAPPER} while reading a number beyond a 64-bit float's range. */
    public static final class NumberOutOfRange extends RuntimeException {
        NumberOutOfRange() {
            super("a number in it is beyond the range of a 64-bit float (about ±1.8e308)", null, false, false);
        }
    }

    private static final class FiniteNumbers extends JsonNodeFactory {
        @Override
        public NumericNode numberNode(double v) {
            if (!Double.isFinite(v)) throw new NumberOutOfRange();
            return super.numberNode(v);
        }
    }
}
