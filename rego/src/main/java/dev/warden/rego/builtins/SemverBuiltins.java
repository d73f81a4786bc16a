package dev.warden.rego.builtins;

import static dev.warden.rego.builtins.Decl.ANY;
import static dev.warden.rego.builtins.Decl.BOOLEAN;
import static dev.warden.rego.builtins.Decl.NUMBER;
import static dev.warden.rego.builtins.Decl.STRING;
import static dev.warden.rego.builtins.Decl.fn;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.StringValue;
import java.math.BigInteger;
import java.util.List;

/** {@code semver.is_valid} and {@code semver.compare}, by the Semantic Versioning 2.0.0 rules (no "v" prefix). */
final class SemverBuiltins {
    private SemverBuiltins() {}

    private static final String NUM = "(0|[1-9][0-9]*)";
    private static final String IDENT = "(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)";
    private static final Pattern SEMVER = Pattern.compile("^" + NUM + "\\." + NUM + "\\." + NUM
            + "(?:-(" + IDENT + "(?:\\." + IDENT + ")*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

    static List<Builtin> all() {
        return List.of(
                fn("semver.is_valid", List.of(ANY), BOOLEAN,
                        (ctx, a) -> BooleanValue.of(a[0] instanceof StringValue s && SEMVER.matcher(s.value()).matches())),
                fn("semver.compare", List.of(STRING, STRING), NUMBER, (ctx, a) -> {
                    Matcher x = version(Args.string(a, 0), 0), y = version(Args.string(a, 1), 1);
                    return NumberValue.of(compare(x, y));
                }));
    }

    private static Matcher version(String s, int pos) {
        Matcher m = SEMVER.matcher(s);
        if (!m.matches()) {
            throw BuiltinException.error("operand " + (pos + 1) + ": string " + RegoText.quote(s) + " is not a valid SemVer");
        }
        return m;
    }

    static int compare(Matcher x, Matcher y) {
        for (int g = 1; g <= 3; g++) {
            int c = new BigInteger(x.group(g)).compareTo(new BigInteger(y.group(g)));
            if (c != 0) return Integer.signum(c);
        }
        String px = x.group(4), py = y.group(4);
        if (px == null || py == null) return px == null ? (py == null ? 0 : 1) : -1;
        String[] ix = px.split("\\."), iy = py.split("\\.");
        for (int i = 0; i < Math.min(ix.length, iy.length); i++) {
            boolean nx = ix[i].chars().allMatch(Character::isDigit), ny = iy[i].chars().allMatch(Character::isDigit);
            int c;
            if (nx && ny) c = new BigInteger(ix[i]).compareTo(new BigInteger(iy[i]));
            else if (nx != ny) c = nx ? -1 : 1;
            else c = ix[i].compareTo(iy[i]);
            if (c != 0) return Integer.signum(c);
        }
        return Integer.compare(ix.length, iy.length);
    }
}
