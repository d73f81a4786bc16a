package dev.warden.rego.builtins;

import static dev.warden.rego.builtins.Decl.NUMBER;
import static dev.warden.rego.builtins.Decl.fn;

import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.Value;
import java.math.BigInteger;
import java.util.List;
import java.util.function.BinaryOperator;

/** {@code bits.*} on arbitrary-size integers (two's complement, as Go's math/big does). */
final class BitsBuiltins {
    private BitsBuiltins() {}

    /** Shifting further than this would only build a huge number; OPA's callers never need it. */
    private static final int MAX_SHIFT = 1 << 16;

    static List<Builtin> all() {
        return List.of(
                binary("bits.and", BigInteger::and),
                binary("bits.or", BigInteger::or),
                binary("bits.xor", BigInteger::xor),
                fn("bits.negate", List.of(NUMBER), NUMBER, (ctx, a) -> NumberValue.of(Args.integer(a, 0).bigIntegerValue().not())),
                fn("bits.lsh", List.of(NUMBER, NUMBER), NUMBER,
                        (ctx, a) -> NumberValue.of(Args.integer(a, 0).bigIntegerValue().shiftLeft(shift(a)))),
                fn("bits.rsh", List.of(NUMBER, NUMBER), NUMBER,
                        (ctx, a) -> NumberValue.of(Args.integer(a, 0).bigIntegerValue().shiftRight(shift(a)))));
    }

    private static Builtin binary(String name, BinaryOperator<BigInteger> op) {
        return fn(name, List.of(NUMBER, NUMBER), NUMBER, (ctx, a) -> NumberValue.of(
                op.apply(Args.integer(a, 0).bigIntegerValue(), Args.integer(a, 1).bigIntegerValue())));
    }

    private static int shift(Value[] a) {
        NumberValue n = Args.integer(a, 1);
        if (n.signum() < 0) throw Args.typeError(1, "must be an unsigned integer number but got a negative integer");
        if (!n.isLong() || n.longValue() > MAX_SHIFT) {
            throw BuiltinException.error("shift amount " + n + " is larger than " + MAX_SHIFT);
        }
        return (int) n.longValue();
    }
}
