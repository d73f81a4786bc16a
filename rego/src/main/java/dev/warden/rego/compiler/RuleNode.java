package dev.warden.rego.compiler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node of the rule tree under {@code data}: the clauses defined exactly at this path, and child nodes.
 * Built and filled by the compiler, read-only afterwards. {@code id} indexes per-evaluation memo tables.
 *
 * <pre>{@code
 * RuleNode allow = policy.root().child("mcp").child("gateway").child("allow");
 * boolean isFunction = allow.isFunction();
 * }</pre>
 */
public final class RuleNode {
    public final int id;
    public final String[] path;
    final Map<String, RuleNode> children = new LinkedHashMap<>();
    final List<CRule> rules = new ArrayList<>();
    CRule defaultRule;
    /**
     * True when a clause is declared as a zero-arity function ({@code f() := v}). Such clauses are complete rules,
     * as in OPA; the flag only lets {@code f()} be called like a function as well as referenced as {@code f}.
     */
    boolean zeroArity;
    /** True when every non-default clause has the same constant value, so one solution decides the node. */
    boolean constantValue;
    RuleIndex index;

    RuleNode(int id, String[] path) {
        this.id = id;
        this.path = path;
    }

    public RuleNode child(String name) { return children.get(name); }

    public Map<String, RuleNode> children() { return Collections.unmodifiableMap(children); }

    public List<CRule> rules() { return rules; }

    public CRule defaultRule() { return defaultRule; }

    public boolean hasRules() { return !rules.isEmpty() || defaultRule != null; }

    public boolean isFunction() {
        return !rules.isEmpty() ? rules.get(0).kind == CRule.Kind.FUNCTION
                : defaultRule != null && defaultRule.kind == CRule.Kind.FUNCTION;
    }

    /** True when the node may be called with no arguments ({@code f()}) as well as referenced ({@code f}). */
    public boolean zeroArity() { return zeroArity; }

    public boolean constantValue() { return constantValue; }

    /** The clause index on an input value, or null when the node's clauses are not indexed. */
    public RuleIndex index() { return index; }

    /** The kind of the node's clauses (they all agree after compilation). */
    public CRule.Kind kind() { return !rules.isEmpty() ? rules.get(0).kind : defaultRule.kind; }

    /** {@code data.a.b}. */
    public String dotted() { return "data." + String.join(".", path); }

    @Override
    public String toString() { return dotted(); }
}
