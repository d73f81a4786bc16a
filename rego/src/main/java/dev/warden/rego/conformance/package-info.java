/**
 * OPA's conformance suite as a library: {@link dev.warden.rego.conformance.ConformanceSuite} loads the cases,
 * {@link dev.warden.rego.conformance.ConformanceRunner} runs them, {@link dev.warden.rego.conformance.ConformanceReport}
 * counts them by topic. Used by the floor test in this module and by {@code warden policy conformance}.
 *
 * <p>Design decisions, each following OPA's own runner ({@code v1/topdown/topdown_test.go}):
 * <ul>
 *   <li>Each case gets its own {@code Rego}: modules named {@code test-<i>.rego} (expected error texts name
 *       them), the case's data as base documents, {@code strict_error} as strict builtin errors, and
 *       {@code input_term} parsed as a Rego term so that inputs may hold sets.</li>
 *   <li>Rows compare as sets of binding objects: order and duplicates do not matter. Produced values are seen
 *       through JSON as OPA converts them (sets become arrays, non-string keys their JSON text); an expected
 *       array matches a produced set in any order, and with {@code sort_bindings} a top-level array binding
 *       matches in any order.</li>
 *   <li>An expected error passes only with the expected code ({@code want_error_code}, matched against any of
 *       the errors raised) and with the expected text ({@code want_error}, a substring of the errors written as
 *       OPA writes them, {@code file:line: code: message}). One deliberate departure: OPA keeps the rows found
 *       before an error and compares them too; our API raises instead of returning partial rows, so a case
 *       expecting both rows and an error is judged on the error.</li>
 *   <li>A case that throws anything but {@code RegoException} fails with the exception and the frame that
 *       threw it as its reason; a case gets a deadline (5 s by default) passed to the evaluator, and if it has
 *       not returned a second later its thread is abandoned and the run goes on with a fresh one.</li>
 * </ul>
 */
package dev.warden.rego.conformance;
