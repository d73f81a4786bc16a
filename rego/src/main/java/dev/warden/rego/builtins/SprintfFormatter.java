package dev.warden.rego.builtins;

import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code sprintf} with Go's fmt semantics. Arguments are converted as OPA converts them before calling Go:
 * integers become Go ints, other finite numbers float64, strings stay strings and every other value becomes its
 * Rego text. Verb/argument mismatches print Go's {@code %!d(string=hi)} markers rather than failing.
 *
 * <pre>{@code
 * SprintfFormatter.format("%s has %03d roles", List.of(StringValue.of("ann"), NumberValue.of(7))); // "ann has 007 roles"
 * }</pre>
 */
final class SprintfFormatter {
    private SprintfFormatter() {}

    /** Go refuses widths and precisions above a million ("%!(BADWIDTH)"), which also bounds our padding. */
    private static final int MAX_WIDTH = 1_000_000;

    /** A Go value as fmt sees it. */
    private sealed interface Arg {}

    private record Int(BigInteger v) implements Arg {}

    private record Float(double v) implements Arg {}

    private record Str(String v) implements Arg {}

    /** The flags, width and precision of one directive. */
    private static final class Spec {
        boolean plus, minus, sharp, space, zero;
        int width = -1, prec = -1;
    }

    static String format(String fmt, List<Value> values) {
        Arg[] args = new Arg[values.size()];
        for (int i = 0; i < args.length; i++) args[i] = convert(values.get(i));
        StringBuilder out = new StringBuilder();
        int argNum = 0, i = 0, end = fmt.length();
        while (i < end) {
            int pct = fmt.indexOf('%', i);
            if (pct < 0) pct = end;
            out.append(fmt, i, pct);
            if (pct >= end) break;
            i = pct + 1;
            Spec spec = new Spec();
            flags:
            for (; i < end; i++) {
                switch (fmt.charAt(i)) {
                    case '#' -> spec.sharp = true;
                    case '0' -> spec.zero = !spec.minus;
                    case '+' -> spec.plus = true;
                    case '-' -> { spec.minus = true; spec.zero = false; }
                    case ' ' -> spec.space = true;
                    default -> { break flags; }
                }
            }
            if (i < end && fmt.charAt(i) == '*') {
                i++;
                if (argNum < args.length && args[argNum] instanceof Int w && w.v().abs().intValue() <= MAX_WIDTH
                        && w.v().bitLength() < 32) {
                    spec.width = w.v().intValue();
                    if (spec.width < 0) { spec.minus = true; spec.zero = false; spec.width = -spec.width; }
                } else {
                    out.append("%!(BADWIDTH)");
                }
                argNum++;
            } else {
                int start = i;
                while (i < end && Character.isDigit(fmt.charAt(i))) i++;
                if (i > start) spec.width = Integer.parseInt(fmt.substring(start, Math.min(i, start + 9)));
                if (spec.width > MAX_WIDTH) {
                    out.append("%!(BADWIDTH)");
                    spec.width = -1;
                }
            }
            if (i < end && fmt.charAt(i) == '.') {
                i++;
                if (i < end && fmt.charAt(i) == '*') {
                    i++;
                    if (argNum < args.length && args[argNum] instanceof Int p && p.v().signum() >= 0
                            && p.v().bitLength() < 32 && p.v().intValue() <= MAX_WIDTH) {
                        spec.prec = p.v().intValue();
                    } else {
                        out.append("%!(BADPREC)");
                    }
                    argNum++;
                } else {
                    int start = i;
                    while (i < end && Character.isDigit(fmt.charAt(i))) i++;
                    spec.prec = i > start ? Integer.parseInt(fmt.substring(start, Math.min(i, start + 9))) : 0;
                    if (spec.prec > MAX_WIDTH) {
                        out.append("%!(BADPREC)");
                        spec.prec = -1;
                    }
                }
            }
            if (i >= end) {
                out.append("%!(NOVERB)");
                break;
            }
            int verb = fmt.codePointAt(i);
            i += Character.charCount(verb);
            if (verb == '%') {
                out.append('%');
            } else if (argNum >= args.length) {
                out.append("%!").appendCodePoint(verb).append("(MISSING)");
            } else {
                out.append(formatArg(args[argNum++], verb, spec));
            }
        }
        if (argNum < args.length) {
            out.append("%!(EXTRA ");
            for (int k = argNum; k < args.length; k++) {
                if (k > argNum) out.append(", ");
                out.append(typeName(args[k])).append('=').append(formatArg(args[k], 'v', new Spec()));
            }
            out.append(')');
        }
        return out.toString();
    }

    private static Arg convert(Value v) {
        if (v instanceof NumberValue n) {
            // OPA passes integers written plainly as Go ints, other finite numbers as float64, the rest as text.
            // The literal's spelling is gone by now; a huge integer with many trailing zeros was most likely
            // written in exponent form (2e308), so it goes the float/text way as OPA would send it.
            String text = n.toString();
            if (n.isLong() || (n.isInteger() && -n.decimalValue().stripTrailingZeros().scale() < 10)) {
                return new Int(n.bigIntegerValue());
            }
            double d = n.doubleValue();
            return Double.isFinite(d) ? new Float(d) : new Str(text.replace("e+", "e"));
        }
        if (v instanceof StringValue s) return new Str(s.value());
        return new Str(RegoText.write(v));
    }

    private static String typeName(Arg a) {
        return switch (a) {
            case Int i -> i.v().bitLength() < 64 ? "int" : "*big.Int";
            case Float f -> "float64";
            case Str s -> "string";
        };
    }

    private static String formatArg(Arg a, int verb, Spec spec) {
        String s = switch (a) {
            // Go's *big.Int formats %s like %d; plain ints do not.
            case Int i -> integer(i.v(), verb == 's' && i.v().bitLength() >= 64 ? 'd' : verb, spec);
            case Float f -> floating(f.v(), verb, spec);
            case Str s2 -> string(s2.v(), verb, spec);
        };
        return s != null ? s : "%!" + new String(Character.toChars(verb)) + "(" + typeName(a) + "="
                + formatArg(a, 'v', new Spec()) + ")";
    }

    private static String integer(BigInteger v, int verb, Spec spec) {
        String digits;
        String prefix = "";
        switch (verb) {
            case 'v', 'd' -> digits = v.abs().toString();
            case 'b' -> { digits = v.abs().toString(2); if (spec.sharp) prefix = "0b"; }
            case 'o' -> { digits = v.abs().toString(8); if (spec.sharp) prefix = "0"; }
            case 'O' -> { digits = v.abs().toString(8); prefix = "0o"; }
            case 'x' -> { digits = v.abs().toString(16); if (spec.sharp) prefix = "0x"; }
            case 'X' -> { digits = v.abs().toString(16).toUpperCase(); if (spec.sharp) prefix = "0X"; }
            case 'c' -> { return pad(new String(Character.toChars(codePoint(v))), spec, false); }
            case 'q' -> { return pad("'" + new String(Character.toChars(codePoint(v))) + "'", spec, false); }
            case 'U' -> { return pad(String.format("U+%04X", v), spec, false); }
            default -> { return null; }
        }
        int prec = spec.prec;
        if (prec == 0 && v.signum() == 0) digits = "";
        String sign = v.signum() < 0 ? "-" : spec.plus ? "+" : spec.space ? " " : "";
        if (prec < 0 && spec.zero && spec.width > 0) {
            prec = spec.width - sign.length() - prefix.length();
        }
        StringBuilder sb = new StringBuilder(sign).append(prefix);
        for (int k = digits.length(); k < prec; k++) sb.append('0');
        sb.append(digits);
        return pad(sb.toString(), spec, false);
    }

    private static int codePoint(BigInteger v) {
        return v.signum() >= 0 && v.compareTo(BigInteger.valueOf(Character.MAX_CODE_POINT)) <= 0 ? v.intValue() : 0xFFFD;
    }

    private static String floating(double v, int verb, Spec spec) {
        String num = switch (verb) {
            case 'v' -> GoFloat.format(v, 'g', spec.prec);
            case 'e', 'E' -> GoFloat.format(v, (char) verb, spec.prec < 0 ? 6 : spec.prec);
            case 'g', 'G' -> GoFloat.format(v, (char) verb, spec.prec);
            case 'f', 'F' -> GoFloat.format(v, 'f', spec.prec < 0 ? 6 : spec.prec);
            default -> null;
        };
        if (num == null) return null;
        if (num.charAt(0) != '-') {
            if (spec.plus) num = "+" + num;
            else if (spec.space) num = " " + num;
        }
        if (spec.zero && !spec.minus && spec.width > num.length()) {
            boolean signed = num.charAt(0) == '-' || num.charAt(0) == '+' || num.charAt(0) == ' ';
            String body = signed ? num.substring(1) : num;
            return (signed ? num.substring(0, 1) : "") + "0".repeat(spec.width - num.length()) + body;
        }
        return pad(num, spec, false);
    }

    private static String string(String s, int verb, Spec spec) {
        switch (verb) {
            case 'v', 's' -> {
                if (spec.prec >= 0 && s.codePointCount(0, s.length()) > spec.prec) {
                    s = s.substring(0, s.offsetByCodePoints(0, spec.prec));
                }
                return pad(s, spec, spec.zero);
            }
            case 'q' -> {
                if (spec.sharp && s.indexOf('`') < 0 && s.chars().noneMatch(c -> c < 0x20 && c != '\t')) {
                    return pad("`" + s + "`", spec, spec.zero);
                }
                return pad(RegoText.quote(s), spec, spec.zero);
            }
            case 'x', 'X' -> {
                StringBuilder sb = new StringBuilder();
                byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                int n = spec.prec >= 0 ? Math.min(spec.prec, bytes.length) : bytes.length;
                for (int k = 0; k < n; k++) {
                    if (k > 0 && spec.space) sb.append(' ');
                    if (spec.sharp && (k == 0 || spec.space)) sb.append(verb == 'x' ? "0x" : "0X");
                    String h = String.format("%02x", bytes[k] & 0xFF);
                    sb.append(verb == 'X' ? h.toUpperCase() : h);
                }
                return pad(sb.toString(), spec, spec.zero);
            }
            default -> {
                return null;
            }
        }
    }

    /** Pads to the width in code points: on the right with '-', else on the left with spaces (or zeros). */
    private static String pad(String s, Spec spec, boolean zeros) {
        int len = s.codePointCount(0, s.length());
        if (spec.width <= len) return s;
        String fill = (zeros && !spec.minus ? "0" : " ").repeat(spec.width - len);
        return spec.minus ? s + fill : fill + s;
    }
}
