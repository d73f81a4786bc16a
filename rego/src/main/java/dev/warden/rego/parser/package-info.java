/**
 * The Rego parser: {@link dev.warden.rego.parser.Parser} turns modules, queries and terms into the AST of
 * {@code dev.warden.rego.ast}, following OPA's grammar and OPA's error messages.
 *
 * <p>The parser is layered by grammar level, each layer a class extending the one below:
 * {@code ParserBase} (token cursor, keywords, locations) → {@code TermParser} (terms and infix operators,
 * with {@code ScalarParser} and {@code CompositeParser}) → {@code BodyParser} (expressions and bodies) →
 * {@code RuleParser} (rule heads, else chains, v1 checks) → {@code ModuleParser} (package, imports,
 * statements and error recovery).
 *
 * <p>Design decisions:
 * <ul>
 *   <li>A syntax error throws a {@code ParseFailure} up to the statement, which records it and skips to the
 *       next line starting in column 1; where OPA tries one reading and falls back to another (comprehension
 *       or set, {@code k, v in xs} or a comma, a one-line {@code if} body or a block), the failure is caught
 *       and the position restored.</li>
 *   <li>Precedence is OPA's: {@code := =} (expression level), {@code in}, comparison, {@code |}, {@code &},
 *       {@code + -}, {@code * / %}, all left-associative; operators become calls named as in
 *       {@code ast.Operators}.</li>
 *   <li>Rule kinds follow OPA's reading of heads: {@code p[x] if ...} is an object rule with value
 *       {@code true}; {@code p[x] { ... }} (v0) is a partial set; a bare {@code input} or {@code data} is a
 *       ref with an empty path; {@code _} stays a var named {@code _} for the compiler to rename.</li>
 *   <li>{@code # METADATA} comment blocks are YAML, read after the module's statements: each applies to the
 *       statement after it, and rules get theirs as OPA attaches them ({@code AnnotationParser}).</li>
 *   <li>The Rego v1 requirements ({@code if} before bodies, {@code contains} for partial sets, a value or a
 *       body) are checked after the whole module is read, for v1 modules and v0 modules importing
 *       {@code rego.v1}.</li>
 * </ul>
 */
package dev.warden.rego.parser;
