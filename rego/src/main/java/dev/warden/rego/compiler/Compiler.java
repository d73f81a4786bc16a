package dev.warden.rego.compiler;

import dev.warden.rego.ast.Expr;
import dev.warden.rego.ast.Module;
import dev.warden.rego.ast.Rule;
import dev.warden.rego.ast.Term;
import dev.warden.rego.builtins.BuiltinRegistry;
import dev.warden.rego.value.BooleanValue;
import dev.warden.rego.value.StringValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles parsed modules into a {@link CompiledPolicy}, and queries against one, through ordered stages.
 *
 * <p>Why this order: the rule tree must exist (with each function's arity) before any body is lowered, since
 * lowering resolves names to rules and decides whether a call's last argument is an output; rule kinds are
 * checked on the tree alone; lowering gives every variable a slot, which the safety stage (part of lowering
 * each clause) needs to reorder bodies; builtin argument types need calls resolved; recursion is checked last,
 * on lowered bodies whose references are all absolute.
 *
 * <pre>{@code
 * CompiledPolicy policy = Compiler.compile(modules, BuiltinRegistry.standard());
 * CompiledQuery query = Compiler.compileQuery(policy, parsedQueryBody);
 * }</pre>
 */
public final class Compiler {
    private final Context ctx;
    private final List<Module> modules;
    private final Map<Module, Map<String, Lowerer.Target>> globals = new HashMap<>();
    private final Map<Rule, RuleNode> placement = new LinkedHashMap<>();
    private final Map<Rule, Module> moduleOf = new HashMap<>();

    private Compiler(List<Module> modules, BuiltinRegistry builtins) {
        this.ctx = new Context(builtins);
        this.modules = modules;
    }

    /** Compiles modules; throws {@link dev.warden.rego.RegoException} listing every error, sorted by location. */
    public static CompiledPolicy compile(List<Module> modules, BuiltinRegistry builtins) {
        Compiler c = new Compiler(modules, builtins);
        List<Stage> stages = List.of(
                new Stage("build rule tree", c::buildRuleTree, true),
                new Stage("check rule kinds", () -> new RuleChecks(c.ctx).check(c.placement), false),
                new Stage("lower rules", c::lowerRules, true),
                new Stage("check builtin argument types", () -> new TypeChecks(c.ctx.errors).check(c.ctx.root), true),
                new Stage("check recursion", () -> new Recursion(c.ctx).check(), true),
                new Stage("mark constant rules", () -> markConstant(c.ctx.root), true),
                new Stage("index rules", () -> indexRules(c.ctx.root), true));
        for (Stage s : stages) {
            s.action().run();
            if (c.ctx.errors.any() && s.stopOnError()) break;
        }
        c.ctx.errors.throwIfAny();
        return new CompiledPolicy(c.ctx.root, c.ctx.nodeCount(), builtins);
    }

    /** A named compile step; later stages may rely on earlier ones having found no errors. */
    private record Stage(String name, Runnable action, boolean stopOnError) {}

    /**
     * Compiles a query body against a compiled policy. As in OPA, a query expression that is a plain term
     * (not a call) is rewritten to capture its value, so {@code data.p} reports {@code false} rather than failing.
     */
    public static CompiledQuery compileQuery(CompiledPolicy policy, List<Expr> body) {
        Context ctx = new Context(policy.builtins(), policy.root(), policy.nodeCount());
        Lowerer lowerer = new Lowerer(ctx, Map.of());
        Ir.Body lowered = lowerer.body(body);
        Ir.Expr[] exprs = lowered.exprs().clone();
        int[] capture = new int[exprs.length];
        // As OPA does: with more than one expression, or iteration, a captured value must also be truthy, so a
        // generated check follows each capture (its empty text keeps it out of the reported expressions).
        boolean checkCapture = exprs.length > 1 || iterates(exprs);
        List<Ir.Expr> checks = new ArrayList<>();
        for (int i = 0; i < exprs.length; i++) {
            Ir.Expr e = exprs[i];
            capture[i] = -1;
            if (!e.negated() && e.kind() instanceof Ir.TermKind t && returnsValue(t.term())) {
                Ir.Var v = lowerer.capture(e.loc());
                capture[i] = v.slot();
                exprs[i] = new Ir.Expr(false, new Ir.Unify(v, t.term(), false), e.with(), e.loc(), e.text());
                if (checkCapture) checks.add(new Ir.Expr(false, new Ir.TermKind(v), new Ir.With[0], e.loc(), ""));
            }
        }
        Ir.Expr[] all = java.util.Arrays.copyOf(exprs, exprs.length + checks.size());
        for (int i = 0; i < checks.size(); i++) all[exprs.length + i] = checks.get(i);
        Ir.Body captured = new Ir.Body(all, lowerer.topLevelLocals());
        Ir.Body ordered = Indexer.index(new Safety(ctx.errors).order(captured, new BitSet()));
        new TypeChecks(ctx.errors).body(ordered);
        ctx.errors.throwIfAny();
        // Results list expressions in source order; evaluation uses the reordered body.
        // Bindings hoisted out of a negation (NegatedDynamics) are no expressions of the user's query.
        List<Ir.Expr> reportOrder = new ArrayList<>();
        List<Integer> reportCapture = new ArrayList<>();
        for (int i = 0; i < exprs.length; i++) {
            Ir.Expr src = exprs[i];
            if (NegatedDynamics.isBinding(src)) continue;
            for (Ir.Expr e : ordered.exprs()) {
                if (!NegatedDynamics.isBinding(e) && e.loc() == src.loc() && e.text().equals(src.text())) {
                    reportOrder.add(e);
                    reportCapture.add(capture[i]);
                    break;
                }
            }
        }
        return new CompiledQuery(ordered, lowerer.frameSize(), lowerer.topLevelVars(), reportOrder,
                reportCapture.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * A query expression reports a value when it is a plain term, or a call of a function that returns one (a
     * builtin with a result type, or a user function): {@code count(x)} reports the count, as in {@code opa eval}.
     */
    private static boolean returnsValue(Ir.Term term) {
        if (!(term instanceof Ir.Call c)) return true;
        if (c.builtin() != null) return c.builtin().result() != null && !c.builtin().relation();
        return c.function() != null;
    }

    /** True when a query expression iterates: a reference with a variable in its path, outside comprehensions. */
    private static boolean iterates(Ir.Expr[] exprs) {
        BitSet iterating = new BitSet();
        for (Ir.Expr e : exprs) {
            if (e.kind() instanceof Ir.TermKind t) Vars.refOutputs(t.term(), iterating);
            if (e.kind() instanceof Ir.Unify u) {
                Vars.refOutputs(u.left(), iterating);
                Vars.refOutputs(u.right(), iterating);
            }
            if (e.kind() instanceof Ir.SomeIn || e.kind() instanceof Ir.IndexedSomeIn) return true;
        }
        return !iterating.isEmpty();
    }

    // ---- stage: build rule tree ----

    private void buildRuleTree() {
        Map<String, List<Module>> byPackage = new LinkedHashMap<>();
        for (Module m : modules) byPackage.computeIfAbsent(String.join(".", pkgPath(m)), k -> new ArrayList<>()).add(m);
        for (Module m : modules) {
            String[] pkg = pkgPath(m);
            ctx.nodeCreating(pkg); // an empty package is still an (empty) document
            for (Rule r : m.rules()) {
                String[] path = nodePath(pkg, r);
                RuleNode n = ctx.nodeCreating(path);
                placement.put(r, n);
                moduleOf.put(r, m);
                if (isZeroArity(r)) n.zeroArity = true;
                else if (r.head().isFunction() && !ctx.arity.containsKey(n)) {
                    ctx.arity.put(n, new Arity(r.head().args().size()));
                }
            }
        }
        for (Module m : modules) {
            Map<String, Lowerer.Target> g = new HashMap<>();
            for (Module.Import imp : m.imports()) importTarget(imp, g);
            String[] pkg = pkgPath(m);
            for (Module other : byPackage.get(String.join(".", pkg))) {
                for (Rule r : other.rules()) {
                    String name = r.head().ref().headName();
                    if (name != null) g.put(name, new Lowerer.Target(Ir.Root.DATA, Folding.concat(pkg, new String[] {name})));
                }
            }
            globals.put(m, g);
        }
    }

    private static void importTarget(Module.Import imp, Map<String, Lowerer.Target> g) {
        Term.Ref path = imp.path();
        String head = path.headName();
        if (!"data".equals(head) && !"input".equals(head)) return; // future.keywords, rego.v1: syntax only
        if (!path.isSimpleName()) return;
        String[] rest = Folding.strings(path.path());
        String alias = imp.alias() != null ? imp.alias() : rest.length > 0 ? rest[rest.length - 1] : head;
        g.put(alias, new Lowerer.Target(head.equals("data") ? Ir.Root.DATA : Ir.Root.INPUT, rest));
    }

    /**
     * {@code f() := v}: OPA treats a function without parameters as the complete rule {@code f := v}, so it is a
     * document (referenced as {@code f}, part of its package) that may also be called as {@code f()}.
     */
    static boolean isZeroArity(Rule r) { return r.head().isFunction() && r.head().args().isEmpty(); }

    static String[] pkgPath(Module m) { return Folding.strings(m.pkg().path()); }

    /** The node a rule defines: package path, head name, and the head ref's leading string elements. */
    private static String[] nodePath(String[] pkg, Rule r) {
        Term.Ref ref = r.head().ref();
        List<String> out = new ArrayList<>(List.of(pkg));
        out.add(ref.headName());
        for (Term t : ref.path()) {
            if (t instanceof Term.Scalar s && s.value() instanceof StringValue str) out.add(str.value());
            else break;
        }
        return out.toArray(new String[0]);
    }

    // ---- stage: lower rules ----

    private void lowerRules() {
        for (Map.Entry<Rule, RuleNode> e : placement.entrySet()) {
            Rule r = e.getKey();
            RuleNode n = e.getValue();
            CRule c = lowerClause(r, n, globals.get(moduleOf.get(r)), null, pkgPath(moduleOf.get(r)).length, null);
            if (r.isDefault()) {
                n.defaultRule = n.defaultRule == null ? c : n.defaultRule;
            } else {
                n.rules.add(c);
            }
        }
    }

    private CRule lowerClause(Rule r, RuleNode n, Map<String, Lowerer.Target> g, List<Term> parentArgs, int pkgDepth,
                              Rule parent) {
        Lowerer l = new Lowerer(ctx, g);
        Rule annotated = r.annotations().isEmpty() && parent != null ? parent : r;
        l.metadata(Metadata.of(annotated, n.path, Arrays.copyOf(n.path, pkgDepth), modules));
        Rule.Head h = r.head();
        List<Term> argTerms = h.args() != null ? h.args() : parentArgs;
        if (argTerms != null && argTerms.isEmpty()) argTerms = null; // a zero-arity function is a complete rule
        Ir.Term[] args = argTerms == null ? null : l.args(argTerms);
        Ir.Body body = l.body(r.body());
        int depth = n.path.length - 1 - pkgDepth;
        List<Term> refPath = h.ref().path();
        Ir.Term[] dynamic = new Ir.Term[Math.max(0, refPath.size() - depth)];
        for (int i = 0; i < dynamic.length; i++) dynamic[i] = l.term(refPath.get(depth + i));
        Ir.Term key = h.key() == null ? null : l.term(h.key());
        Ir.Term value = h.value() == null ? (h.key() == null ? new Ir.Const(BooleanValue.TRUE, h.location()) : null)
                : l.term(h.value());
        CRule.Kind kind = argTerms != null ? CRule.Kind.FUNCTION
                : key != null ? CRule.Kind.PARTIAL_SET
                : dynamic.length > 0 ? CRule.Kind.PARTIAL_OBJECT : CRule.Kind.COMPLETE;
        BitSet bound = new BitSet();
        if (args != null) for (Ir.Term a : args) for (Ir.Var v : Vars.occurrences(a)) bound.set(v.slot());
        Safety safety = new Safety(ctx.errors);
        Ir.Body ordered = Indexer.index(safety.order(body, bound));
        for (Ir.Expr e : ordered.exprs()) if (!e.negated()) for (Ir.Var v : Vars.occurrences(e)) bound.set(v.slot());
        for (int i = 0; i < dynamic.length; i++) dynamic[i] = headTerm(dynamic[i], bound, safety);
        if (key != null) key = headTerm(key, bound, safety);
        if (value != null) value = headTerm(value, bound, safety);
        CRule elseRule = r.elseRule() == null ? null : lowerClause(r.elseRule(), n, g, argTerms, pkgDepth, r);
        return new CRule(kind, dynamic, key, value, args, ordered, elseRule, r.isDefault(), l.frameSize(),
                r.location());
    }

    private Ir.Term headTerm(Ir.Term t, BitSet bound, Safety safety) {
        for (Ir.Var v : Vars.occurrences(t)) {
            if (!bound.get(v.slot()) && !Vars.evaluable(t, bound)) {
                ctx.errors.add(Errors.UNSAFE, "var " + v.name() + " is unsafe", v.loc());
                return t;
            }
        }
        return safety.term(t, bound);
    }

    // ---- stage: index rules ----

    private static void indexRules(RuleNode n) {
        n.index = RuleIndex.build(n.rules);
        for (RuleNode c : n.children.values()) indexRules(c);
    }

    // ---- stage: mark constant rules ----

    private static void markConstant(RuleNode n) {
        if (!n.rules.isEmpty() && (n.kind() == CRule.Kind.COMPLETE || n.kind() == CRule.Kind.FUNCTION)) {
            Object first = null;
            boolean constant = true;
            for (CRule r : n.rules) {
                if (r.elseRule != null || !(r.value instanceof Ir.Const c)) {
                    constant = false;
                    break;
                }
                if (first == null) first = c.value();
                else if (!first.equals(c.value())) constant = false;
            }
            n.constantValue = constant;
        }
        for (RuleNode c : n.children.values()) markConstant(c);
    }
}
