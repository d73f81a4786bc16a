/**
 * The Rego compiler: parsed {@link dev.warden.rego.ast.Module modules} in, an executable rule tree out.
 *
 * <p>Design decisions:
 * <ul>
 *   <li><b>Named stages in a fixed order</b> ({@link dev.warden.rego.compiler.Compiler}): build the rule tree,
 *       check rule kinds, lower every clause (resolve names, scope variables, order bodies for safety), check
 *       builtin argument types, check recursion, mark constant rules. Errors are collected across stages and
 *       thrown together, sorted by location.</li>
 *   <li><b>Lowering to {@link dev.warden.rego.compiler.Ir}</b> rather than evaluating the AST: every variable
 *       becomes a frame slot (so evaluation indexes an array instead of looking names up), references to rules
 *       become absolute {@code data} paths, calls are bound to their builtin or user function once, and ground
 *       composites are folded to constants.</li>
 *   <li><b>Scopes are lexical</b>: {@code :=}, {@code some} and function parameters declare; comprehension and
 *       {@code every} bodies open nested scopes whose locals are recorded on their body, which is how safety
 *       knows which variables a nested body needs from outside.</li>
 *   <li><b>Safety reorders</b> as OPA does: an expression runs once the variables it reads are bound; variables
 *       in reference paths are generators; {@code =} binds whichever side is a pattern.</li>
 *   <li><b>OPA's rewritings that change meaning are kept</b>: a zero-arity function {@code f() := v} is the
 *       complete rule {@code f := v} (callable as {@code f()} too), and a negated expression evaluates the
 *       references, calls and comprehensions in its arguments before the negation
 *       ({@link dev.warden.rego.compiler.NegatedDynamics}), so {@code not f(input.x)} is undefined when
 *       {@code input.x} is.</li>
 *   <li><b>Queries</b> compile like bodies; a query expression that is a plain term captures its value so that
 *       {@code data.p} reports {@code false} instead of failing, as {@code opa eval} does.</li>
 * </ul>
 */
package dev.warden.rego.compiler;
