/**
 * Rego tokens. {@link dev.warden.rego.lexer.Lexer#tokenize} reads a whole source text up front, so the parser
 * can backtrack by index.
 *
 * <p>Design decisions:
 * <ul>
 *   <li>Keywords are plain identifiers here. Whether {@code if}, {@code in}, {@code contains} or
 *       {@code every} is a keyword depends on the Rego version and on {@code import future.keywords...},
 *       which the parser tracks as it reads imports.</li>
 *   <li>Whitespace is not a token, but each token records whether whitespace and whether a line break
 *       preceded it: refs and calls must follow their head directly, and a line break ends an expression.</li>
 *   <li>Errors are tokens: unreadable input becomes an {@code ILLEGAL} token carrying OPA's reason, which the
 *       parser reports at its location. The lexer itself never throws.</li>
 *   <li>Comments are not tokens; {@code Lexer.lex} returns them apart, for METADATA annotations.</li>
 *   <li>Numbers keep their literal text, so no precision is lost before {@code NumberValue.parse}.</li>
 * </ul>
 */
package dev.warden.rego.lexer;
