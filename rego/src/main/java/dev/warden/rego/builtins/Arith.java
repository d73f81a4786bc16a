package dev.warden.rego.builtins;

import dev.warden.rego.value.NumberValue;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Arbitrary-precision arithmetic on Rego numbers: exact on the long fast path (falling back to big numbers on
 * overflow) and exact in decimals otherwise. Only a division whose decimal expansion does not terminate is
 * rounded, to double precision as OPA prints it.
 */
final class Arith {
    private Arith() {}

    static NumberValue plus(NumberValue a, NumberValue b) {
        if (a.isLong() && b.isLong()) {
            long x = a.longValue(), y = b.longValue(), r = x + y;
            if (((x ^ r) & (y ^ r)) >= 0) return NumberValue.of(r);
        }
        return NumberValue.of(a.decimalValue().add(b.decimalValue()));
    }

    static NumberValue minus(NumberValue a, NumberValue b) {
        if (a.isLong() && b.isLong()) {
            long x = a.longValue(), y = b.longValue(), r = x - y;
            if (((x ^ y) & (x ^ r)) >= 0) return NumberValue.of(r);
        }
        return NumberValue.of(a.decimalValue().subtract(b.decimalValue()));
    }

    static NumberValue times(NumberValue a, NumberValue b) {
        if (a.isLong() && b.isLong()) {
            long x = a.longValue(), y = b.longValue();
            long hi = Math.multiplyHigh(x, y), lo = x * y;
            if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) return NumberValue.of(lo);
        }
        return NumberValue.of(a.decimalValue().multiply(b.decimalValue()));
    }

    /** Quotient; the caller has ruled out a zero divisor. */
    static NumberValue divide(NumberValue a, NumberValue b) {
        if (a.isLong() && b.isLong() && b.longValue() != -1 && a.longValue() % b.longValue() == 0) {
            return NumberValue.of(a.longValue() / b.longValue());
        }
        try {
            return NumberValue.of(a.decimalValue().divide(b.decimalValue()));
        } catch (ArithmeticException nonTerminating) {
            BigDecimal q = a.decimalValue().divide(b.decimalValue(), MathContext.DECIMAL128);
            return NumberValue.of(Double.parseDouble(q.toString()));
        }
    }

    static int compare(NumberValue a, NumberValue b) {
        if (a.isLong() && b.isLong()) return Long.compare(a.longValue(), b.longValue());
        return a.decimalValue().compareTo(b.decimalValue());
    }
}
