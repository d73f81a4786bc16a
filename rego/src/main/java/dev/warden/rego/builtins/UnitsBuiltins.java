package dev.warden.rego.builtins;

import static dev.warden.rego.builtins.Decl.NUMBER;
import static dev.warden.rego.builtins.Decl.STRING;
import static dev.warden.rego.builtins.Decl.fn;

import dev.warden.rego.value.NumberValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code units.parse} ("10Ki", "500m", "2.5e3K") and {@code units.parse_bytes} ("1.1KiB"), exact in decimals.
 * Units are case-insensitive except a lone {@code m}, which means milli (and {@code M} mega).
 */
final class UnitsBuiltins {
    private UnitsBuiltins() {}

    private static final BigDecimal KI = BigDecimal.valueOf(1024);
    private static final BigDecimal K = BigDecimal.valueOf(1000);
    private static final Map<String, BigDecimal> SI = Map.ofEntries(
            Map.entry("", BigDecimal.ONE), Map.entry("k", K), Map.entry("ki", KI),
            Map.entry("m", K.pow(2)), Map.entry("mi", KI.pow(2)), Map.entry("g", K.pow(3)), Map.entry("gi", KI.pow(3)),
            Map.entry("t", K.pow(4)), Map.entry("ti", KI.pow(4)), Map.entry("p", K.pow(5)), Map.entry("pi", KI.pow(5)),
            Map.entry("e", K.pow(6)), Map.entry("ei", KI.pow(6)));

    static List<Builtin> all() {
        return List.of(
                fn("units.parse", List.of(STRING), NUMBER, (ctx, a) -> NumberValue.of(parse(Args.string(a, 0), false))),
                fn("units.parse_bytes", List.of(STRING), NUMBER,
                        (ctx, a) -> NumberValue.of(parse(Args.string(a, 0), true).setScale(0, RoundingMode.DOWN))));
    }

    private static BigDecimal parse(String text, boolean bytes) {
        String what = bytes ? "byte amount" : "amount";
        String s = text.replace("\"", "");
        if (s.chars().anyMatch(Character::isWhitespace)) throw BuiltinException.error("spaces not allowed in resource strings");
        int end = numberEnd(s);
        String number = s.substring(0, end), unit = s.substring(end);
        if (number.isEmpty() || number.equals("-") || number.equals("+")) {
            throw BuiltinException.error("no " + what + " provided");
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(number.startsWith("+") ? number.substring(1) : number);
        } catch (NumberFormatException e) {
            throw BuiltinException.error("could not parse " + what + " to a number");
        }
        BigDecimal scale;
        if (!bytes && unit.equals("m")) {
            scale = BigDecimal.ONE.divide(K);
        } else {
            String u = unit.toLowerCase(Locale.ROOT);
            if (bytes && u.endsWith("b")) u = u.substring(0, u.length() - 1);
            scale = SI.get(u);
            if (scale == null) throw BuiltinException.error((bytes ? "byte unit" : "unit") + " " + unit + " not recognized");
        }
        return amount.multiply(scale);
    }

    /** Where the leading number ends: digits, dots, a sign, and an exponent only when digits follow it. */
    private static int numberEnd(String s) {
        int i = 0;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) i++;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isDigit(c) || c == '.') {
                i++;
            } else if ((c == 'e' || c == 'E') && i + 1 < s.length()
                    && (Character.isDigit(s.charAt(i + 1))
                        || ((s.charAt(i + 1) == '-' || s.charAt(i + 1) == '+') && i + 2 < s.length()
                            && Character.isDigit(s.charAt(i + 2))))) {
                i += 2;
            } else {
                break;
            }
        }
        return i;
    }
}
