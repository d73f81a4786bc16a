package dev.warden.rego.compiler;

import dev.warden.rego.source.Location;

/**
 * One compiled rule clause (or {@code else} clause) attached to a {@link RuleNode}.
 *
 * <p>{@code dynamicPath} holds the head ref's elements after the node's path (for partial object and
 * ref-head rules such as {@code p[k] := v} or {@code a.b[x].c := v}); it is empty otherwise.
 *
 * <pre>{@code
 * for (CRule clause : node.rules()) if (clause.kind == CRule.Kind.PARTIAL_SET) ...
 * }</pre>
 */
public final class CRule {
    /** What a clause contributes to its node's document. */
    public enum Kind { COMPLETE, PARTIAL_SET, PARTIAL_OBJECT, FUNCTION }

    public final Kind kind;
    public final Ir.Term[] dynamicPath;
    public final Ir.Term key;
    public final Ir.Term value;
    public final Ir.Term[] args;
    public final Ir.Body body;
    public final CRule elseRule;
    public final boolean isDefault;
    public final int frameSize;
    public final Location loc;

    CRule(Kind kind, Ir.Term[] dynamicPath, Ir.Term key, Ir.Term value, Ir.Term[] args, Ir.Body body,
          CRule elseRule, boolean isDefault, int frameSize, Location loc) {
        this.kind = kind;
        this.dynamicPath = dynamicPath;
        this.key = key;
        this.value = value;
        this.args = args;
        this.body = body;
        this.elseRule = elseRule;
        this.isDefault = isDefault;
        this.frameSize = frameSize;
        this.loc = loc;
    }
}
