/**
 * The top-down evaluator: runs compiled queries against the rule tree, base data and input.
 *
 * <p>Design decisions:
 * <ul>
 *   <li><b>Backtracking by continuations</b>: each expression calls the rest of the body once per solution
 *       ({@link dev.warden.rego.eval.K}); bindings live in a frame array and are undone when the continuation
 *       returns. No exceptions are used for control flow; a continuation returns false to stop the search
 *       (negation, {@code every}, constant rules).</li>
 *   <li><b>Split by concern</b>: {@code Bodies} (expressions, {@code not}, {@code some ... in},
 *       {@code every}, {@code with}), {@code Terms} (composites, comprehensions, template strings),
 *       {@code Unifier}, {@code Refs} (values and the {@code data} tree where base data, rules and
 *       {@code with} overlays meet), {@code Rules} (complete, partial and ref-head rules, functions) and
 *       {@code Calls} (builtins, mocks, {@code print}).</li>
 *   <li><b>Per-evaluation state only</b> ({@code Evaluator}): memo tables indexed by rule-node id, the input,
 *       overlays and mocks from {@code with} (each {@code with} gets a fresh memo scope), the fixed
 *       {@code time.now_ns}, and the deadline, checked every few hundred steps. Compiled policies are
 *       immutable, so one prepared query serves any number of threads.</li>
 *   <li><b>Builtin errors follow OPA</b>: with strict builtin errors they fail the evaluation with the
 *       builtin's name and the call's location; otherwise the call is undefined.</li>
 *   <li><b>Hot paths</b> avoid continuations where nothing can iterate: references with constant or bound
 *       elements and builtin calls over such arguments evaluate directly.</li>
 * </ul>
 */
package dev.warden.rego.eval;
