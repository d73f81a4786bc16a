package dev.warden.rego.compiler;

import dev.warden.rego.ast.Term;
import dev.warden.rego.builtins.Builtin;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Resolves what a name means when it is not a local variable: a user function or rule (through the package,
 * imports or {@code data}), or a builtin. Used for calls and {@code with} targets.
 */
final class Names {
    private final Context ctx;
    private final Map<String, Lowerer.Target> globals;
    private final Predicate<String> isLocal;

    Names(Context ctx, Map<String, Lowerer.Target> globals, Predicate<String> isLocal) {
        this.ctx = ctx;
        this.globals = globals;
        this.isLocal = isLocal;
    }

    /** True when a {@code with} target is a path into {@code input} or {@code data} (not a function). */
    boolean isDataOrInput(Term.Ref target) {
        String head = target.headName();
        return ("input".equals(head) || "data".equals(head)) && !isLocal.test(head)
                && !(head.equals("data") && functionName(target) != null);
    }

    /** A {@code with} value naming a function or builtin: a zero-argument call marks the replacement. */
    Ir.Term functionValue(Term value) {
        Term.Ref ref = value instanceof Term.Ref r ? r
                : value instanceof Term.Var v && !isLocal.test(v.name()) ? new Term.Ref(v, List.of(), v.location()) : null;
        if (ref == null || !ref.isSimpleName()) return null;
        Object callee = resolveCallee(ref);
        if (callee instanceof Builtin b) return new Ir.Call(b.name(), b, null, new Ir.Term[0], value.location());
        if (callee instanceof RuleNode n && ctx.isFunction(n)) {
            return new Ir.Call(n.dotted(), null, n, new Ir.Term[0], value.location());
        }
        return null;
    }

    /** The name {@code with} mocks match on: a user function's {@code data...} path or a builtin's name. */
    String functionName(Term.Ref ref) {
        String[] abs = absolute(ref);
        if (abs != null) {
            RuleNode n = ctx.node(abs);
            if (n != null && ctx.isFunction(n)) return n.dotted();
            if (n != null) return null;
        }
        String name = ref.dotted();
        if (ctx.builtins.get(name) != null) return name;
        return null;
    }

    /**
     * The document a {@code with} target names through a rule of the package or an import alias ({@code with
     * versions as ...}, {@code with lib.limits as ...}), as OPA resolves such targets to {@code data} or
     * {@code input} paths; null for {@code input}/{@code data} targets, functions and anything else.
     */
    Lowerer.Target documentTarget(Term.Ref target) {
        if (!target.isSimpleName()) return null;
        String head = target.headName();
        if (head.equals("input") || head.equals("data") || isLocal.test(head)) return null;
        Lowerer.Target t = globals.get(head);
        if (t == null) return null;
        String[] path = Folding.concat(t.path(), Folding.strings(target.path()));
        if (t.root() == Ir.Root.DATA) {
            RuleNode n = ctx.node(path);
            if (n != null && ctx.isFunction(n)) return null;
        }
        return new Lowerer.Target(t.root(), path);
    }

    /** The absolute data path a ref names when it resolves to a rule or a data import; null otherwise. */
    private String[] absolute(Term.Ref ref) {
        if (!ref.isSimpleName()) return null;
        String head = ref.headName();
        String[] rest = Folding.strings(ref.path());
        if (head.equals("data")) return rest;
        if (isLocal.test(head)) return null;
        Lowerer.Target t = globals.get(head);
        if (t == null || t.root() != Ir.Root.DATA) return null;
        return Folding.concat(t.path(), rest);
    }

    /**
     * The builtin or user function node a call's operator names, or null. A zero-arity function's node is
     * returned too, though it holds a complete rule ({@link RuleNode#zeroArity()}).
     */
    Object resolveCallee(Term.Ref op) {
        String[] abs = absolute(op);
        if (abs == null && op.isSimpleName() && !isLocal.test(op.headName())) {
            Lowerer.Target t = globals.get(op.headName());
            if (t != null && t.root() == Ir.Root.DATA) abs = Folding.concat(t.path(), Folding.strings(op.path()));
        }
        if (abs != null) {
            RuleNode n = ctx.node(abs);
            if (n != null && (ctx.isFunction(n) || n.zeroArity)) return n;
        }
        if (!op.isSimpleName()) return null;
        String name = op.dotted();
        Builtin b = ctx.builtins.get(name);
        if (b != null && (!isLocal.test(op.headName()))) return b;
        return null;
    }
}
