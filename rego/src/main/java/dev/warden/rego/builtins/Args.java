package dev.warden.rego.builtins;

import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.SetValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Operand checks shared by every category, raising OPA's type errors. Positions are 0-based here and
 * 1-based in messages: {@code Args.string(args, 1)} fails with "operand 2 must be string but got number".
 */
final class Args {
    private Args() {}

    static BuiltinException typeError(int pos, Value got, String... expected) {
        String want = expected.length == 1 ? expected[0] : "one of {" + String.join(", ", expected) + "}";
        return BuiltinException.typeError("operand " + (pos + 1) + " must be " + want + " but got " + got.typeName());
    }

    static BuiltinException typeError(int pos, String message) {
        return BuiltinException.typeError("operand " + (pos + 1) + " " + message);
    }

    /** "operand 1 must be array of numbers but got array containing string". */
    static BuiltinException elementError(int pos, Value composite, Value element, String expected) {
        return typeError(pos, "must be " + composite.typeName() + " of " + expected + "s but got "
                + composite.typeName() + " containing " + element.typeName());
    }

    static String string(Value[] args, int pos) {
        if (args[pos] instanceof StringValue s) return s.value();
        throw typeError(pos, args[pos], "string");
    }

    static NumberValue number(Value[] args, int pos) {
        if (args[pos] instanceof NumberValue n) return n;
        throw typeError(pos, args[pos], "number");
    }

    static boolean bool(Value[] args, int pos) {
        if (args[pos] instanceof BooleanValue b) return b.value();
        throw typeError(pos, args[pos], "boolean");
    }

    static ArrayValue array(Value[] args, int pos) {
        if (args[pos] instanceof ArrayValue a) return a;
        throw typeError(pos, args[pos], "array");
    }

    static ObjectValue object(Value[] args, int pos) {
        if (args[pos] instanceof ObjectValue o) return o;
        throw typeError(pos, args[pos], "object");
    }

    static SetValue set(Value[] args, int pos) {
        if (args[pos] instanceof SetValue s) return s;
        throw typeError(pos, args[pos], "set");
    }

    /** An integer operand as a BigInteger-backed number; floats fail as OPA's "integer number" check does. */
    static NumberValue integer(Value[] args, int pos) {
        NumberValue n = number(args, pos);
        if (!n.isInteger()) throw typeError(pos, "must be integer number but got floating-point number");
        return n;
    }

    /** An integer operand that must fit an int (sizes, counts, indexes). */
    static int smallInt(Value[] args, int pos) {
        NumberValue n = integer(args, pos);
        long v = n.isLong() ? n.longValue() : n.bigIntegerValue().signum() * (long) Integer.MAX_VALUE;
        if (v > Integer.MAX_VALUE) return Integer.MAX_VALUE;
        if (v < Integer.MIN_VALUE) return Integer.MIN_VALUE;
        return (int) v;
    }

    /** The elements of an array or set operand (sets in OPA order). */
    static List<Value> collection(Value[] args, int pos) {
        return switch (args[pos]) {
            case ArrayValue a -> a.elements();
            case SetValue s -> s.elements();
            default -> throw typeError(pos, args[pos], "set", "array");
        };
    }

    /** Strings of an array or set operand, for builtins declared over collections of strings. */
    static List<String> strings(Value[] args, int pos) {
        List<String> out = new ArrayList<>();
        for (Value v : collection(args, pos)) {
            if (!(v instanceof StringValue s)) {
                throw elementError(pos, args[pos], v, "string");
            }
            out.add(s.value());
        }
        return out;
    }

    static StringValue str(String s) { return StringValue.of(s); }

    static NumberValue num(long n) { return NumberValue.of(n); }

    static BooleanValue bool(boolean b) { return BooleanValue.of(b); }
}
