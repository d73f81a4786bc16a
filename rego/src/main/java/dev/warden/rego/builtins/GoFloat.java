package dev.warden.rego.builtins;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Go's {@code strconv.FormatFloat} for the verbs {@code e E f F g G} (precision -1 meaning "shortest"), which
 * {@code sprintf} needs to print floats exactly as OPA does.
 */
final class GoFloat {
    private GoFloat() {}

    /** Decimal digits without trailing zeros and the position of the decimal point; zero has no digits. */
    private record Digits(String d, int dp) {
        static Digits of(BigDecimal positive) {
            if (positive.signum() == 0) return new Digits("", 0);
            BigDecimal s = positive.stripTrailingZeros();
            String u = s.unscaledValue().toString();
            return new Digits(u, u.length() - s.scale());
        }

        int nd() { return d.length(); }

        char at(int i) { return i >= 0 && i < d.length() ? d.charAt(i) : '0'; }
    }

    static String format(double v, char verb, int prec) {
        boolean neg = v < 0 || (v == 0 && 1 / v < 0);
        double abs = Math.abs(v);
        boolean shortest = prec < 0;
        Digits digs;
        char lower = Character.toLowerCase(verb);
        if (shortest) {
            digs = Digits.of(new BigDecimal(Double.toString(abs)));
        } else {
            BigDecimal exact = new BigDecimal(abs);
            digs = switch (lower) {
                case 'e' -> Digits.of(round(exact, prec + 1));
                case 'f' -> Digits.of(exact.setScale(prec, RoundingMode.HALF_EVEN));
                default -> Digits.of(round(exact, prec == 0 ? 1 : prec));
            };
            if (lower == 'g' && prec == 0) prec = 1;
        }
        StringBuilder sb = new StringBuilder();
        if (neg) sb.append('-');
        switch (lower) {
            case 'e' -> fmtE(sb, digs, shortest ? Math.max(digs.nd() - 1, 0) : prec, verb);
            case 'f' -> fmtF(sb, digs, shortest ? Math.max(digs.nd() - digs.dp(), 0) : prec);
            default -> {
                if (shortest) prec = digs.nd();
                int eprec = prec;
                if (eprec > digs.nd() && digs.nd() >= digs.dp()) eprec = digs.nd();
                if (shortest) eprec = 6;
                int exp = digs.dp() - 1;
                if (exp < -4 || exp >= eprec) {
                    fmtE(sb, digs, Math.min(prec, digs.nd()) - 1, verb == 'G' ? 'E' : 'e');
                } else {
                    fmtF(sb, digs, Math.max((prec > digs.dp() ? digs.nd() : prec) - digs.dp(), 0));
                }
            }
        }
        return sb.toString();
    }

    private static BigDecimal round(BigDecimal x, int significant) {
        return x.round(new MathContext(significant, RoundingMode.HALF_EVEN));
    }

    private static void fmtE(StringBuilder sb, Digits digs, int prec, char e) {
        sb.append(digs.nd() == 0 ? '0' : digs.at(0));
        if (prec > 0) {
            sb.append('.');
            for (int i = 1; i <= prec; i++) sb.append(digs.at(i));
        }
        int exp = digs.nd() == 0 ? 0 : digs.dp() - 1;
        sb.append(e).append(exp < 0 ? '-' : '+');
        int a = Math.abs(exp);
        if (a < 10) sb.append('0');
        sb.append(a);
    }

    private static void fmtF(StringBuilder sb, Digits digs, int prec) {
        if (digs.dp() > 0) {
            for (int i = 0; i < digs.dp(); i++) sb.append(digs.at(i));
        } else {
            sb.append('0');
        }
        if (prec > 0) {
            sb.append('.');
            for (int i = 1; i <= prec; i++) sb.append(digs.at(digs.dp() + i - 1));
        }
    }
}
