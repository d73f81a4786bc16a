package dev.warden.gateway.util;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NumericNode;

/**
 * The JSON reader for what clients send (REST bodies, MCP messages): a key given twice in one object is a parse
 * error, and so is a number beyond the range of a 64-bit float.
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
