/**
 * {@code opa test} for Warden: {@link dev.warden.rego.tester.PolicyFiles} loads policy and data files as OPA's
 * loader does, {@link dev.warden.rego.tester.TestRunner} discovers and runs {@code test_*} rules,
 * {@link dev.warden.rego.tester.TestReport} prints results as {@code opa test} prints them (pretty or JSON).
 *
 * <p>Design decisions:
 * <ul>
 *   <li>Loading follows OPA: data files land under the folders leading to them from the directory named on the
 *       command line, objects merge, and any non-object value set twice is a merge error (even when equal).
 *       Inside directories only {@code data.json}/{@code data.yaml} files are data, as in OPA bundles and in the
 *       gateway's own loader, so example inputs may sit next to the policies.</li>
 *   <li>A test is a rule whose name (or a segment of its ref) starts with {@code test_}; {@code todo_test_}
 *       marks it skipped. It passes when its value is {@code true} (or, for a partial-object test, when every
 *       leaf is {@code true}), fails when undefined or anything else, and errors when evaluation raises.
 *       Functions are never tests. Rules defined in several clauses run once, as one test.</li>
 *   <li>Tests run one at a time in file-name order, each with a deadline, and {@code print} output is captured
 *       per test.</li>
 *   <li>Output matches {@code opa test}: {@code file:row:} before each reported test, Go's duration format, a
 *       rule of 80 dashes, then {@code PASS: n/m} and the other counts; {@code --format json} writes OPA's
 *       result fields ({@code location}, {@code package}, {@code name}, {@code duration} in nanoseconds,
 *       {@code fail}, {@code skip}, {@code error}, {@code output} as base64).</li>
 * </ul>
 */
package dev.warden.rego.tester;
