package dev.warden.rego.ast;

import dev.warden.rego.source.Location;
import java.util.List;

/**
 * One rule (or one clause of a multi-clause rule or function), as written.
 *
 * <p>The head's {@code ref} names what the rule defines, relative to its package: {@code allow},
 * {@code a.b.c}, or {@code p[k]} (a partial object rule: the last path element is the key). The kinds:
 * <ul>
 *   <li>complete: {@code p := v}, {@code p = v}, {@code p if {...}} (value {@code true}) — key null, args null;</li>
 *   <li>partial set: {@code p contains x if {...}} — {@code key} is x, value null;</li>
 *   <li>partial object / ref head: {@code p[k] := v} — ref ends with a non-string term;</li>
 *   <li>function: {@code f(x) := y} — {@code args} non-null.</li>
 * </ul>
 * An empty body means {@code true}. {@code elseRule} chains {@code else} clauses (their heads have the same ref).
 * {@code annotations} are the METADATA blocks that apply to this rule, as OPA attaches them: the
 * {@code rule}-scoped block written just before it, and the module's {@code document}-scoped blocks for its path.
 */
public record Rule(Head head, List<Expr> body, boolean isDefault, Rule elseRule, Location location,
                   List<Annotation> annotations) {
    public Rule {
        body = List.copyOf(body);
        annotations = annotations == null ? List.of() : List.copyOf(annotations);
    }

    /** A rule without METADATA annotations. */
    public Rule(Head head, List<Expr> body, boolean isDefault, Rule elseRule, Location location) {
        this(head, body, isDefault, elseRule, location, List.of());
    }

    /** The same rule with these annotations. */
    public Rule withAnnotations(List<Annotation> list) {
        return new Rule(head, body, isDefault, elseRule, location, list);
    }

    /**
     * @param ref    what the rule defines, relative to the package (head var is the first name)
     * @param args   function parameters, or null when this is not a function
     * @param key    the element of a partial set rule ({@code contains}), else null
     * @param value  the value term, or null for a partial set rule
     * @param assign true when written with {@code :=}
     */
    public record Head(Term.Ref ref, List<Term> args, Term key, Term value, boolean assign, Location location) {
        public Head {
            if (args != null) args = List.copyOf(args);
        }

        public boolean isFunction() { return args != null; }

        public boolean isPartialSet() { return key != null; }
    }
}
