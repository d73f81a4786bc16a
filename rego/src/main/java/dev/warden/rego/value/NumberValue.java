package dev.warden.rego.value;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A Rego number of arbitrary precision. Integers that fit a {@code long} are kept as one (the common case,
 * and the fast one); anything else as a {@link BigDecimal}. Equality is numeric: {@code 1}, {@code 1.0}
 * and {@code 1e0} are equal and hash alike.
 */
public final class NumberValue implements Value {
    private static final NumberValue[] SMALL = new NumberValue[256];
    static {
        for (int i = 0; i < SMALL.length; i++) SMALL[i] = new NumberValue(i - 128, null);
    }
    public static final NumberValue ZERO = of(0);
    public static final NumberValue ONE = of(1);

    private final long small;
    private final BigDecimal big; // null when the value is the integer in {@code small}

    private NumberValue(long small, BigDecimal big) {
        this.small = small;
        this.big = big;
    }

    public static NumberValue of(long n) {
        return n >= -128 && n < 128 ? SMALL[(int) n + 128] : new NumberValue(n, null);
    }

    public static NumberValue of(BigInteger n) {
        return n.bitLength() < 64 ? of(n.longValue()) : new NumberValue(0, new BigDecimal(n));
    }

    /** A number from a decimal; integral values that fit a long take the fast representation. */
    public static NumberValue of(BigDecimal d) {
        if (d.signum() == 0) return ZERO;
        if (d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0) {
            try {
                return of(d.longValueExact());
            } catch (ArithmeticException tooLarge) {
                return new NumberValue(0, d);
            }
        }
        return new NumberValue(0, d);
    }

    public static NumberValue of(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) throw new ArithmeticException("number is not finite: " + d);
        if (d == Math.rint(d) && Math.abs(d) < 9.0e15) return of((long) d);
        return of(new BigDecimal(Double.toString(d)));
    }

    /** Parses a JSON or Rego number literal; throws {@link NumberFormatException} when malformed. */
    public static NumberValue parse(String text) {
        boolean integral = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.' || c == 'e' || c == 'E') { integral = false; break; }
        }
        if (integral && text.length() < 19) return of(Long.parseLong(text));
        return of(new BigDecimal(text));
    }

    /** True when this number is an integer (whatever its representation). */
    public boolean isInteger() {
        return big == null || big.signum() == 0 || big.stripTrailingZeros().scale() <= 0;
    }

    /** True when this number is an integer that fits a long. */
    public boolean isLong() { return big == null; }

    /** The value as a long; only meaningful when {@link #isLong()}. */
    public long longValue() { return big == null ? small : big.longValue(); }

    public BigDecimal decimalValue() { return big == null ? BigDecimal.valueOf(small) : big; }

    public BigInteger bigIntegerValue() { return big == null ? BigInteger.valueOf(small) : big.toBigInteger(); }

    public double doubleValue() { return big == null ? (double) small : big.doubleValue(); }

    /** The number as an int index when it is an integer in int range, else -1 (OPA rejects such indexes). */
    public int intIndexOrMinusOne() {
        if (big == null) return small >= 0 && small <= Integer.MAX_VALUE ? (int) small : -1;
        return -1;
    }

    public int signum() { return big == null ? Long.signum(small) : big.signum(); }

    int compareNumber(NumberValue other) {
        if (big == null && other.big == null) return Long.compare(small, other.small);
        return decimalValue().compareTo(other.decimalValue());
    }

    @Override public int typeOrder() { return 2; }
    @Override public String typeName() { return "number"; }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof NumberValue n)) return false;
        if (big == null && n.big == null) return small == n.small;
        return compareNumber(n) == 0;
    }

    @Override
    public int hashCode() {
        if (big == null) return Long.hashCode(small);
        return big.stripTrailingZeros().hashCode();
    }

    /** The number as OPA prints it: integers plainly, other values in the shortest decimal form. */
    @Override
    public String toString() {
        if (big == null) return Long.toString(small);
        BigDecimal stripped = big.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() <= 21) return stripped.toPlainString();
        if (stripped.scale() <= 0) return stripped.toString().replace("E+", "e+");
        String plain = stripped.toPlainString();
        return plain.length() <= 24 ? plain : stripped.toString().replace("E", "e");
    }
}
