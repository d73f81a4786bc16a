package dev.warden.rego.builtins;

import static dev.warden.rego.builtins.Decl.ANY;
import static dev.warden.rego.builtins.Decl.BOOLEAN;
import static dev.warden.rego.builtins.Decl.STRING;
import static dev.warden.rego.builtins.Decl.STRING_COLLECTION;
import static dev.warden.rego.builtins.Decl.fn;

import dev.warden.rego.types.Type;
import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.NumberValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.SetValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code net.cidr_*}. Addresses are parsed as literals only (see {@link Cidr}); nothing here touches the network. */
final class NetBuiltins {
    private NetBuiltins() {}

    private static final BigInteger MAX_EXPAND = BigInteger.valueOf(1 << 20);

    static List<Builtin> all() {
        return List.of(
                fn("net.cidr_contains", List.of(STRING, STRING), BOOLEAN, (ctx, a) -> {
                    Cidr net = Cidr.requireCidr(Args.string(a, 0));
                    return BooleanValue.of(net.contains(cidrOrIp(Args.string(a, 1))));
                }),
                fn("net.cidr_intersects", List.of(STRING, STRING), BOOLEAN, (ctx, a) -> BooleanValue.of(
                        Cidr.requireCidr(Args.string(a, 0)).intersects(Cidr.requireCidr(Args.string(a, 1))))),
                fn("net.cidr_is_valid", List.of(ANY), BOOLEAN,
                        (ctx, a) -> BooleanValue.of(a[0] instanceof StringValue s && Cidr.parseCidr(s.value()) != null)),
                fn("net.cidr_expand", List.of(STRING), Type.set(STRING), (ctx, a) -> expand(ctx, Args.string(a, 0))),
                fn("net.cidr_contains_matches", List.of(ANY, ANY), Type.set(Type.array(ANY)), (ctx, a) -> containsMatches(a)),
                fn("net.cidr_merge", List.of(STRING_COLLECTION), Type.set(STRING), (ctx, a) -> merge(a)),
                Decl.nondeterministic("net.lookup_ip_addr", List.of(STRING), Type.set(STRING), (ctx, a) -> lookup(Args.string(a, 0))));
    }

    /**
     * Address literals resolve to themselves and "localhost" to the loopback addresses; any other name would need
     * DNS, which policies evaluated in the gateway may not use (like http.send).
     */
    private static Value lookup(String name) {
        Cidr ip = Cidr.parseIp(name);
        if (ip != null) return SetValue.of(StringValue.of(Cidr.format(ip.network(), ip.bits())));
        if (name.equalsIgnoreCase("localhost")) return SetValue.of(StringValue.of("127.0.0.1"), StringValue.of("::1"));
        throw BuiltinException.error("DNS lookups are disabled in the gateway: cannot resolve " + name);
    }

    private static Cidr cidrOrIp(String s) {
        Cidr ip = Cidr.parseIp(s);
        return ip != null ? ip : Cidr.requireCidr(s);
    }

    private static Value expand(BuiltinContext ctx, String s) {
        Cidr c = Cidr.requireCidr(s);
        BigInteger size = BigInteger.ONE.shiftLeft(c.bits() - c.prefix());
        if (size.compareTo(MAX_EXPAND) > 0) {
            throw BuiltinException.error("CIDR " + s + " has " + size + " addresses, more than the limit of " + MAX_EXPAND);
        }
        List<Value> out = new ArrayList<>();
        for (BigInteger i = BigInteger.ZERO; i.compareTo(size) < 0; i = i.add(BigInteger.ONE)) {
            if ((out.size() & 0xffff) == 0xffff) ctx.checkCancelled();
            out.add(StringValue.of(Cidr.format(c.network().add(i), c.bits())));
        }
        return SetValue.of(out);
    }

    /** Entries of a string / array / set / object operand, keyed as OPA reports matches. */
    private static Map<Value, String> entries(Value v, int pos) {
        Map<Value, String> out = new LinkedHashMap<>();
        switch (v) {
            case StringValue s -> out.put(s, s.value());
            case ArrayValue arr -> {
                for (int i = 0; i < arr.size(); i++) out.put(NumberValue.of(i), element(arr.get(i), pos));
            }
            case SetValue set -> {
                for (Value m : set.elements()) out.put(m, element(m, pos));
            }
            case ObjectValue o -> {
                for (Value k : o.keys()) out.put(k, element(o.get(k), pos));
            }
            default -> throw Args.typeError(pos, v, "string", "array", "set", "object");
        }
        return out;
    }

    private static String element(Value v, int pos) {
        if (v instanceof StringValue s) return s.value();
        if (v instanceof ArrayValue a && !a.isEmpty() && a.get(0) instanceof StringValue s) return s.value();
        throw BuiltinException.error("operand " + (pos + 1) + ": element must be string or non-empty array");
    }

    private static Value containsMatches(Value[] a) {
        Map<Value, String> nets = entries(a[0], 0), addrs = entries(a[1], 1);
        List<Value> out = new ArrayList<>();
        for (var n : nets.entrySet()) {
            Cidr net = Cidr.requireCidr(n.getValue());
            for (var ip : addrs.entrySet()) {
                if (net.contains(cidrOrIp(ip.getValue()))) out.add(ArrayValue.of(n.getKey(), ip.getKey()));
            }
        }
        return SetValue.of(out);
    }

    private static Value merge(Value[] a) {
        List<Cidr> v4 = new ArrayList<>(), v6 = new ArrayList<>();
        for (Value v : Args.collection(a, 0)) {
            if (!(v instanceof StringValue s)) throw Args.elementError(0, a[0], v, "string");
            Cidr c = mergeOperand(s.value());
            (c.bits() == 32 ? v4 : v6).add(c);
        }
        List<Value> out = new ArrayList<>();
        for (Cidr c : merged(v4)) out.add(StringValue.of(c.toString()));
        for (Cidr c : merged(v6)) out.add(StringValue.of(c.toString()));
        return SetValue.of(out);
    }

    /** A CIDR, or a bare address widened to its classful network as Go's DefaultMask does (IPv4 only). */
    private static Cidr mergeOperand(String s) {
        if (s.indexOf('/') >= 0) return Cidr.requireCidr(s);
        Cidr ip = Cidr.parseIp(s);
        if (ip == null) throw BuiltinException.error("IPv4 invalid: " + s);
        if (ip.bits() == 128) throw BuiltinException.error("IPv6 invalid: needs prefix length");
        int first = ip.network().shiftRight(24).intValue();
        int prefix = first < 128 ? 8 : first < 192 ? 16 : 24;
        return new Cidr(Cidr.mask(ip.network(), prefix, 32), prefix, 32);
    }

    private static List<Cidr> merged(List<Cidr> cidrs) {
        cidrs.sort(Comparator.comparing(Cidr::network).thenComparingInt(Cidr::prefix));
        List<Cidr> stack = new ArrayList<>();
        for (Cidr c : cidrs) {
            if (!stack.isEmpty() && stack.getLast().contains(c)) continue;
            stack.add(c);
            while (stack.size() >= 2) {
                Cidr x = stack.get(stack.size() - 2), y = stack.getLast();
                if (x.prefix() != y.prefix() || x.prefix() == 0) break;
                Cidr parent = new Cidr(Cidr.mask(x.network(), x.prefix() - 1, x.bits()), x.prefix() - 1, x.bits());
                if (!parent.network().equals(x.network()) || !parent.contains(y)) break;
                stack.removeLast();
                stack.removeLast();
                stack.add(parent);
            }
        }
        return stack;
    }
}
