package dev.warden.rego.builtins;

import static dev.warden.rego.builtins.Decl.ANY_SET;
import static dev.warden.rego.builtins.Decl.NUMBER;
import static dev.warden.rego.builtins.Decl.NUMBER_ARRAY;
import static dev.warden.rego.builtins.Decl.STRING;
import static dev.warden.rego.builtins.Decl.fn;

import dev.warden.rego.types.Type;
import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.SetValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** {@code + - * / %}, rounding, {@code numbers.range*} and {@code format_int}. */
final class ArithmeticBuiltins {
    private ArithmeticBuiltins() {}

    /** Ranges longer than this are refused rather than exhausting memory. */
    private static final long MAX_RANGE = 10_000_000;

    static List<Builtin> all() {
        Type numOrSet = Type.anyOf(NUMBER, ANY_SET);
        return List.of(
                fn("plus", List.of(NUMBER, NUMBER), NUMBER,
                        (ctx, a) -> Arith.plus(Args.number(a, 0), Args.number(a, 1))),
                fn("minus", List.of(numOrSet, numOrSet), numOrSet, (ctx, a) -> minus(a)),
                fn("mul", List.of(NUMBER, NUMBER), NUMBER,
                        (ctx, a) -> Arith.times(Args.number(a, 0), Args.number(a, 1))),
                fn("div", List.of(NUMBER, NUMBER), NUMBER, (ctx, a) -> divide(a)),
                fn("rem", List.of(NUMBER, NUMBER), NUMBER, (ctx, a) -> remainder(a)),
                unary("abs", n -> n.signum() >= 0 ? n : Arith.minus(NumberValue.ZERO, n)),
                unary("round", n -> rounded(n, RoundingMode.HALF_UP)),
                unary("ceil", n -> rounded(n, RoundingMode.CEILING)),
                unary("floor", n -> rounded(n, RoundingMode.FLOOR)),
                fn("numbers.range", List.of(NUMBER, NUMBER), NUMBER_ARRAY,
                        (ctx, a) -> range(ctx, Args.integer(a, 0), Args.integer(a, 1), BigInteger.ONE)),
                fn("numbers.range_step", List.of(NUMBER, NUMBER, NUMBER), NUMBER_ARRAY, ArithmeticBuiltins::rangeStep),
                fn("format_int", List.of(NUMBER, NUMBER), STRING, ArithmeticBuiltins::formatInt));
    }

    private static Builtin unary(String name, UnaryOperator<NumberValue> op) {
        return fn(name, List.of(NUMBER), NUMBER, (ctx, a) -> {
            return op.apply(Args.number(a, 0));
        });
    }

    private static NumberValue rounded(NumberValue n, RoundingMode mode) {
        if (n.isInteger()) return n;
        return NumberValue.of(n.decimalValue().setScale(0, mode));
    }

    private static Value minus(Value[] a) {
        if (a[0] instanceof NumberValue x) return Arith.minus(x, Args.number(a, 1));
        if (a[0] instanceof SetValue s) return s.difference(Args.set(a, 1));
        throw Args.typeError(0, a[0], "number", "set");
    }

    private static Value divide(Value[] a) {
        NumberValue x = Args.number(a, 0), y = Args.number(a, 1);
        if (y.signum() == 0) throw BuiltinException.error("divide by zero");
        return Arith.divide(x, y);
    }

    private static Value remainder(Value[] a) {
        NumberValue x = Args.number(a, 0), y = Args.number(a, 1);
        if (!x.isInteger() || !y.isInteger()) throw BuiltinException.error("modulo on floating-point number");
        if (y.signum() == 0) throw BuiltinException.error("modulo by zero");
        if (x.isLong() && y.isLong()) return NumberValue.of(x.longValue() % y.longValue());
        return NumberValue.of(x.bigIntegerValue().remainder(y.bigIntegerValue()));
    }

    private static Value rangeStep(BuiltinContext ctx, Value[] a) {
        NumberValue from = Args.integer(a, 0), to = Args.integer(a, 1), step = Args.integer(a, 2);
        if (step.signum() <= 0) throw BuiltinException.error("step must be a positive integer");
        return range(ctx, from, to, step.bigIntegerValue());
    }

    private static ArrayValue range(BuiltinContext ctx, NumberValue fromN, NumberValue toN, BigInteger step) {
        BigInteger from = fromN.bigIntegerValue(), to = toN.bigIntegerValue();
        BigInteger span = to.subtract(from).abs().divide(step);
        if (span.compareTo(BigInteger.valueOf(MAX_RANGE)) > 0) {
            throw BuiltinException.error("range of " + span + " elements exceeds the limit of " + MAX_RANGE);
        }
        boolean up = from.compareTo(to) <= 0;
        BigInteger delta = up ? step : step.negate();
        List<Value> out = new ArrayList<>(span.intValue() + 1);
        for (BigInteger i = from; up ? i.compareTo(to) <= 0 : i.compareTo(to) >= 0; i = i.add(delta)) {
            if ((out.size() & 0xffff) == 0xffff) ctx.checkCancelled();
            out.add(NumberValue.of(i));
        }
        return ArrayValue.of(out);
    }

    private static Value formatInt(BuiltinContext ctx, Value[] a) {
        NumberValue n = Args.number(a, 0);
        NumberValue base = Args.number(a, 1);
        int radix = base.isLong() ? (int) base.longValue() : 0;
        if (radix != 2 && radix != 8 && radix != 10 && radix != 16) {
            throw BuiltinException.typeError("operand 2 must be one of {2, 8, 10, 16}");
        }
        BigInteger i = n.decimalValue().setScale(0, RoundingMode.DOWN).toBigInteger();
        return StringValue.of(i.toString(radix));
    }
}
