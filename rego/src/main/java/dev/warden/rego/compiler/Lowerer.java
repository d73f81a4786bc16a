package dev.warden.rego.compiler;

import dev.warden.rego.ast.Expr;
import dev.warden.rego.ast.Operators;
import dev.warden.rego.ast.Term;
import dev.warden.rego.builtins.Builtin;
import dev.warden.rego.source.Location;
import dev.warden.rego.value.StringValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns AST bodies and terms into {@link Ir}: resolves package-relative rule names, imports and the
 * {@code input}/{@code data} roots to absolute references; gives every variable a frame slot, respecting the
 * scopes of {@code :=}, {@code some}, comprehensions and {@code every}; names each {@code _} uniquely; and
 * resolves calls to builtins or user functions. One instance per rule clause or query.
 */
final class Lowerer {
    /** Where a name resolves outside the local scopes: an import alias or a rule of the package. */
    record Target(Ir.Root root, String[] path) {}

    private static final class Scope {
        final Scope parent;
        final Map<String, Integer> vars = new HashMap<>();
        final Set<String> declared = new HashSet<>();
        final List<Integer> locals = new ArrayList<>();
        final Set<String> implicit = new HashSet<>();

        Scope(Scope parent) { this.parent = parent; }
    }

    private final Context ctx;
    private final Map<String, Target> globals;
    private final Names names;
    private Metadata metadata = Metadata.NONE;
    private Scope scope = new Scope(null);
    private int nextSlot;
    private int generated;

    Lowerer(Context ctx, Map<String, Target> globals) {
        this.ctx = ctx;
        this.globals = globals;
        this.names = new Names(ctx, globals, name -> lookup(name) != null);
    }

    int frameSize() { return nextSlot; }

    /** Vars of the outermost scope a query reports (user-named ones only). */
    List<Ir.QueryVar> topLevelVars() {
        List<Ir.QueryVar> out = new ArrayList<>();
        scope.vars.forEach((name, slot) -> {
            if (!name.startsWith("$")) out.add(new Ir.QueryVar(name, slot));
        });
        out.sort((a, b) -> Integer.compare(a.slot(), b.slot()));
        return out;
    }

    int[] topLevelLocals() { return scope.locals.stream().mapToInt(Integer::intValue).toArray(); }

    /** Lowers function arguments; their vars count as declared (a later {@code :=} of one is an error). */
    Ir.Term[] args(List<Term> args) {
        Ir.Term[] out = new Ir.Term[args.size()];
        for (int i = 0; i < out.length; i++) out[i] = argPattern(args.get(i));
        for (String name : scope.vars.keySet()) scope.declared.add(name);
        return out;
    }

    Ir.Body body(List<Expr> exprs) {
        scope.implicit.addAll(ImplicitVars.of(exprs));
        List<Ir.Expr> out = new ArrayList<>(exprs.size());
        for (Expr e : exprs) {
            Ir.Expr lowered = expr(e);
            if (lowered.negated()) out.addAll(NegatedDynamics.hoist(lowered, isOutputCall(e), this::dynamic));
            else out.add(lowered);
        }
        return new Ir.Body(out.toArray(new Ir.Expr[0]), locals());
    }

    private int[] locals() { return scope.locals.stream().mapToInt(Integer::intValue).toArray(); }

    private Ir.Body nestedBody(List<Expr> exprs, Runnable declareFirst) {
        Scope saved = scope;
        scope = new Scope(saved);
        try {
            if (declareFirst != null) declareFirst.run();
            return body(exprs);
        } finally {
            scope = saved;
        }
    }

    Ir.Expr expr(Expr e) {
        Ir.With[] with = new Ir.With[e.with().size()];
        for (int i = 0; i < with.length; i++) with[i] = with(e.with().get(i));
        Ir.Kind kind = switch (e.kind()) {
            case Expr.TermExpr t -> termExpr(t.term());
            case Expr.SomeDecl s -> declare(s);
            case Expr.SomeIn s -> someIn(s);
            case Expr.Every ev -> every(ev);
        };
        return new Ir.Expr(e.negated(), kind, with, e.location(), e.location().text());
    }

    private Ir.Kind termExpr(Term t) {
        if (t instanceof Term.Call c) {
            String name = c.name();
            if (name.equals(Operators.EQ) && c.args().size() == 2) {
                return new Ir.Unify(term(c.args().get(0)), term(c.args().get(1)), false);
            }
            if (name.equals(Operators.ASSIGN) && c.args().size() == 2) {
                Ir.Term right = term(c.args().get(1));
                Ir.Term left = declarePattern(c.args().get(0));
                return new Ir.Unify(left, right, true);
            }
            int arity = arityOf(c);
            if (arity >= 0 && c.args().size() == arity + 1) {
                Ir.Term out = term(c.args().get(arity));
                Ir.Term call = call(c, c.args().subList(0, arity));
                return new Ir.Unify(call, out, false);
            }
        }
        return new Ir.TermKind(term(t));
    }

    private Ir.Kind declare(Expr.SomeDecl s) {
        for (Term.Var v : s.vars()) declareVar(v, false);
        return new Ir.Declare();
    }

    private Ir.Kind someIn(Expr.SomeIn s) {
        Ir.Term coll = term(s.collection());
        Ir.Term key = s.key() == null ? null : declarePattern(s.key(), false);
        Ir.Term value = declarePattern(s.value(), false);
        return new Ir.SomeIn(key, value, coll);
    }

    private Ir.Kind every(Expr.Every ev) {
        Ir.Term domain = term(ev.domain());
        Ir.Term[] kv = new Ir.Term[2];
        Ir.Body body = nestedBody(ev.body(), () -> {
            kv[0] = ev.key() == null ? null : declarePattern(ev.key(), false);
            kv[1] = declarePattern(ev.value(), false);
        });
        return new Ir.Every(kv[0], kv[1], domain, body);
    }

    private Ir.With with(Expr.With w) {
        Term.Ref target = w.target();
        Target document = names.documentTarget(target);
        Ir.Term value = null;
        if (!names.isDataOrInput(target) && document == null) value = names.functionValue(w.value());
        if (value == null) value = term(w.value());
        String head = target.headName();
        if (target.isSimpleName() && names.isDataOrInput(target)) {
            String[] path = Folding.strings(target.path());
            return new Ir.With(head.equals("input") ? Ir.Root.INPUT : Ir.Root.DATA, path, null, value, w.location());
        }
        if (document != null) return new Ir.With(document.root(), document.path(), null, value, w.location());
        if (target.isSimpleName()) {
            String fn = names.functionName(target);
            if (fn != null) return new Ir.With(null, null, fn, value, w.location());
        }
        ctx.errors.add(Errors.TYPE, "with keyword target must reference existing input, data, or a function",
                w.location());
        return new Ir.With(Ir.Root.INPUT, new String[0], null, value, w.location());
    }

    // ---- terms ----

    Ir.Term term(Term t) {
        return switch (t) {
            case Term.Scalar s -> new Ir.Const(s.value(), s.location());
            case Term.Var v -> var(v);
            case Term.Ref r -> ref(r);
            case Term.ArrayTerm a -> Folding.fold(new Ir.Arr(terms(a.elements()), a.location()));
            case Term.SetTerm s -> Folding.fold(new Ir.SetT(terms(s.elements()), s.location()));
            case Term.ObjectTerm o -> object(o);
            case Term.ArrayComprehension c -> {
                Ir.Term[] head = new Ir.Term[1];
                Ir.Body b = nestedBody(c.body(), null, () -> head[0] = term(c.term()));
                yield new Ir.ArrCompr(head[0], b, c.location());
            }
            case Term.SetComprehension c -> {
                Ir.Term[] head = new Ir.Term[1];
                Ir.Body b = nestedBody(c.body(), null, () -> head[0] = term(c.term()));
                yield new Ir.SetCompr(head[0], b, c.location());
            }
            case Term.ObjectComprehension c -> {
                Ir.Term[] head = new Ir.Term[2];
                Ir.Body b = nestedBody(c.body(), null, () -> {
                    head[0] = term(c.key());
                    head[1] = term(c.value());
                });
                yield new Ir.ObjCompr(head[0], head[1], b, c.location());
            }
            case Term.Call c -> callTerm(c);
            case Term.TemplateString ts -> template(ts);
        };
    }

    /** A comprehension: body first (it binds the head's vars), then the head, all in a new scope. */
    private Ir.Body nestedBody(List<Expr> exprs, Runnable before, Runnable after) {
        Scope saved = scope;
        scope = new Scope(saved);
        try {
            if (before != null) before.run();
            Ir.Body b = body(exprs);
            after.run();
            return new Ir.Body(b.exprs(), locals());
        } finally {
            scope = saved;
        }
    }

    private Ir.Term[] terms(List<Term> ts) {
        Ir.Term[] out = new Ir.Term[ts.size()];
        for (int i = 0; i < out.length; i++) out[i] = term(ts.get(i));
        return out;
    }

    private Ir.Term object(Term.ObjectTerm o) {
        Ir.Term[] keys = new Ir.Term[o.entries().size()];
        Ir.Term[] values = new Ir.Term[keys.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = term(o.entries().get(i).key());
            values[i] = term(o.entries().get(i).value());
        }
        return Folding.fold(new Ir.Obj(keys, values, o.location()));
    }

    private Ir.Term template(Term.TemplateString ts) {
        boolean[] literal = new boolean[ts.literal().size()];
        for (int i = 0; i < literal.length; i++) literal[i] = ts.literal().get(i);
        Ir.With[][] with = new Ir.With[literal.length][];
        for (int i = 0; i < literal.length; i++) {
            List<Expr.With> ws = ts.with().get(i);
            with[i] = new Ir.With[ws.size()];
            for (int j = 0; j < ws.size(); j++) with[i][j] = with(ws.get(j));
        }
        return new Ir.Template(terms(ts.parts()), literal, with, ts.location());
    }

    private Ir.Term var(Term.Var v) {
        if (v.isWildcard()) return fresh(v.location());
        Integer slot = lookup(v.name());
        if (slot != null) return new Ir.Var(slot, v.name(), v.location());
        Ir.Term global = global(v.name(), v.location());
        if (global != null) return global;
        // A name an enclosing body also uses (undeclared) is that body's variable: bind it there.
        Scope owner = scope;
        for (Scope s = scope.parent; s != null; s = s.parent) if (s.implicit.contains(v.name())) owner = s;
        int s = allocateIn(owner, v.name());
        return new Ir.Var(s, v.name(), v.location());
    }

    private static Ir.Ref ruleRef(RuleNode n, Location loc) {
        Ir.Term[] path = new Ir.Term[n.path.length];
        for (int i = 0; i < path.length; i++) path[i] = new Ir.Const(StringValue.of(n.path[i]), loc);
        return new Ir.Ref(new Ir.RootTerm(Ir.Root.DATA, loc), path, loc);
    }

    private Ir.Term global(String name, Location loc) {
        if (name.equals("input")) return new Ir.Ref(new Ir.RootTerm(Ir.Root.INPUT, loc), new Ir.Term[0], loc);
        if (name.equals("data")) return new Ir.Ref(new Ir.RootTerm(Ir.Root.DATA, loc), new Ir.Term[0], loc);
        Target t = globals.get(name);
        if (t == null) return null;
        Ir.Term[] path = new Ir.Term[t.path().length];
        for (int i = 0; i < path.length; i++) path[i] = new Ir.Const(StringValue.of(t.path()[i]), loc);
        return new Ir.Ref(new Ir.RootTerm(t.root(), loc), path, loc);
    }

    private Ir.Term ref(Term.Ref r) {
        Ir.Term head = term(r.head());
        Ir.Term[] path = terms(r.path());
        if (path.length == 0) return head;
        if (head instanceof Ir.Ref inner) {
            Ir.Term[] joined = new Ir.Term[inner.path().length + path.length];
            System.arraycopy(inner.path(), 0, joined, 0, inner.path().length);
            System.arraycopy(path, 0, joined, inner.path().length, path.length);
            return new Ir.Ref(inner.head(), joined, r.location());
        }
        return new Ir.Ref(head, path, r.location());
    }

    /** A generated var capturing a query expression's value. */
    Ir.Var capture(Location loc) {
        String name = "$term" + (generated++);
        return new Ir.Var(allocate(name), name, loc);
    }

    /** A generated var binding a dynamic term of a negated expression ({@link NegatedDynamics}). */
    private Ir.Var dynamic(Location loc) {
        String name = NegatedDynamics.PREFIX + (generated++);
        return new Ir.Var(allocate(name), name, loc);
    }

    /** True when the expression is a call written with its output argument, {@code f(x, out)}. */
    private boolean isOutputCall(Expr e) {
        if (!(e.kind() instanceof Expr.TermExpr t) || !(t.term() instanceof Term.Call c)) return false;
        if (c.name().equals(Operators.EQ) || c.name().equals(Operators.ASSIGN)) return false;
        int arity = arityOf(c);
        return arity >= 0 && c.args().size() == arity + 1;
    }

    private Ir.Term fresh(Location loc) {
        String name = "$_" + (generated++);
        int s = allocate(name);
        return new Ir.Var(s, name, loc);
    }

    private Integer lookup(String name) {
        for (Scope s = scope; s != null; s = s.parent) {
            Integer slot = s.vars.get(name);
            if (slot != null) return slot;
        }
        return null;
    }

    private int allocate(String name) { return allocateIn(scope, name); }

    private int allocateIn(Scope owner, String name) {
        int s = nextSlot++;
        owner.vars.put(name, s);
        owner.locals.add(s);
        return s;
    }

    private Ir.Term declarePattern(Term t) { return declarePattern(t, true); }

    /** A function parameter: its vars are always locals (never rules of the package), shared across params. */
    private Ir.Term argPattern(Term t) {
        return switch (t) {
            case Term.Var v -> {
                if (v.isWildcard()) yield fresh(v.location());
                Integer slot = scope.vars.get(v.name());
                yield new Ir.Var(slot != null ? slot : allocate(v.name()), v.name(), v.location());
            }
            case Term.ArrayTerm a -> {
                Ir.Term[] els = new Ir.Term[a.elements().size()];
                for (int i = 0; i < els.length; i++) els[i] = argPattern(a.elements().get(i));
                yield Folding.fold(new Ir.Arr(els, a.location()));
            }
            case Term.ObjectTerm o -> {
                Ir.Term[] keys = new Ir.Term[o.entries().size()];
                Ir.Term[] values = new Ir.Term[keys.length];
                for (int i = 0; i < keys.length; i++) {
                    keys[i] = term(o.entries().get(i).key());
                    values[i] = argPattern(o.entries().get(i).value());
                }
                yield Folding.fold(new Ir.Obj(keys, values, o.location()));
            }
            default -> term(t);
        };
    }

    /** Lowers the target of {@code :=} or {@code some ... in}: its vars become new locals of this scope. */
    private Ir.Term declarePattern(Term t, boolean assign) {
        return switch (t) {
            case Term.Var v -> v.isWildcard() ? fresh(v.location()) : declareVar(v, assign);
            case Term.ArrayTerm a -> {
                Ir.Term[] els = new Ir.Term[a.elements().size()];
                for (int i = 0; i < els.length; i++) els[i] = declarePattern(a.elements().get(i), assign);
                yield Folding.fold(new Ir.Arr(els, a.location()));
            }
            case Term.ObjectTerm o -> {
                Ir.Term[] keys = new Ir.Term[o.entries().size()];
                Ir.Term[] values = new Ir.Term[keys.length];
                for (int i = 0; i < keys.length; i++) {
                    keys[i] = term(o.entries().get(i).key());
                    values[i] = declarePattern(o.entries().get(i).value(), assign);
                }
                yield Folding.fold(new Ir.Obj(keys, values, o.location()));
            }
            default -> {
                if (assign && !(t instanceof Term.Scalar)) {
                    ctx.errors.add(Errors.COMPILE, "cannot assign to " + describe(t), t.location());
                }
                yield term(t);
            }
        };
    }

    private static String describe(Term t) {
        return switch (t) {
            case Term.Ref r -> "ref";
            case Term.Call c -> "call";
            default -> "term";
        };
    }

    private Ir.Var declareVar(Term.Var v, boolean assign) {
        if (assign) {
            if (scope.declared.contains(v.name())) {
                ctx.errors.add(Errors.COMPILE, "var " + v.name() + " assigned above", v.location());
            } else if (scope.vars.containsKey(v.name())) {
                ctx.errors.add(Errors.COMPILE, "var " + v.name() + " referenced above", v.location());
            }
        }
        int s = nextSlot++;
        scope.vars.put(v.name(), s);
        scope.declared.add(v.name());
        scope.locals.add(s);
        return new Ir.Var(s, v.name(), v.location());
    }

    // ---- calls ----

    /** Sets what {@code rego.metadata.rule()} and {@code rego.metadata.chain()} mean in this clause. */
    void metadata(Metadata m) { this.metadata = m; }

    private Ir.Term callTerm(Term.Call c) {
        if (c.args().isEmpty() && c.name().equals("rego.metadata.rule")) return new Ir.Const(metadata.rule(), c.location());
        if (c.args().isEmpty() && c.name().equals("rego.metadata.chain")) {
            return new Ir.Const(metadata.chain(), c.location());
        }
        int arity = arityOf(c);
        if (arity >= 0 && c.args().size() != arity && !c.name().equals("print")) {
            ctx.errors.add(Errors.TYPE, c.name() + ": arity mismatch: have " + c.args().size()
                    + " arguments, want " + arity, c.location());
        }
        return call(c, c.args());
    }

    /** The declared arity of the called function, or -1 when unknown (an error is reported elsewhere). */
    private int arityOf(Term.Call c) {
        Object callee = names.resolveCallee(c.operator());
        if (callee instanceof Builtin b) return b.arity();
        if (callee instanceof RuleNode n) {
            return ctx.arityOf(n);
        }
        return -1;
    }


    /**
     * A call bound to its builtin or user function. Calling a zero-arity function reads the complete rule it
     * declares, so {@code f()} lowers to the reference {@code data...f}: calls, references and {@code with}
     * overlays on that path then all see the same document.
     */
    private Ir.Term call(Term.Call c, List<Term> args) {
        Object callee = names.resolveCallee(c.operator());
        if (callee instanceof RuleNode n && args.isEmpty() && !ctx.isFunction(n)) return ruleRef(n, c.location());
        Ir.Term[] lowered = terms(args);
        if (callee instanceof Builtin b) return new Ir.Call(b.name(), b, null, lowered, c.location());
        if (callee instanceof RuleNode n) return new Ir.Call(n.dotted(), null, n, lowered, c.location());
        if (c.name().equals("print")) return new Ir.Call("print", null, null, lowered, c.location());
        ctx.errors.add(Errors.TYPE, "undefined function " + c.name(), c.location());
        return new Ir.Call(c.name(), null, null, lowered, c.location());
    }
}
