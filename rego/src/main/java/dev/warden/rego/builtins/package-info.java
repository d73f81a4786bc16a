/**
 * Rego's builtin functions, with OPA's names, semantics and error messages.
 *
 * <p><b>Layout.</b> One small class per category ({@code StringBuiltins}, {@code RegexBuiltins},
 * {@code TimeBuiltins}, {@code JwtBuiltins}, ...), each with a static {@code all()} returning its
 * {@link dev.warden.rego.builtins.Builtin} declarations; {@code StandardBuiltins} lists the categories in one
 * place and {@link dev.warden.rego.builtins.BuiltinRegistry#standard()} indexes them by name. Builtins OPA removed
 * from Rego v1 ({@code any}, {@code all}, {@code re_match}, {@code cast_*}, ...) live only in
 * {@link dev.warden.rego.builtins.BuiltinRegistry#v0Compatible()}. Helpers that mirror Go behaviour sit next to
 * their users: {@code GoFloat}/{@code SprintfFormatter} (fmt), {@code GoLayout}/{@code GoTime} (time layouts),
 * {@code GoBytes} (base64/hex/UTF-8 as Go treats bytes), {@code Pem}/{@code Der} (key material).
 *
 * <p><b>Adding a builtin.</b> Declare it with {@code Decl.fn(name, argTypes, resultType, (ctx, args) -> ...)} in
 * its category; check operands with {@code Args} ({@code Args.string(args, 0)} fails with "operand 1 must be
 * string but got number"); return null for "undefined"; throw {@link dev.warden.rego.builtins.BuiltinException}
 * ({@code error(...)} for eval_builtin_error) for anything else. The evaluator prefixes messages with the
 * builtin's name. Add cases to {@code src/test/resources/builtins/<category>/*.json}.
 *
 * <p><b>Decisions.</b> Numbers are exact (decimal arithmetic on the long fast path); only a non-terminating
 * division is rounded to double precision. Regular expressions and globs run on RE2/J (linear time) through a
 * bounded pattern cache. Nothing here touches the network unless the policy set allows it: {@code http.send} refuses to run by default,
 * {@code net.lookup_ip_addr} answers only for literals and localhost. Random and time-dependent builtins take
 * their state from the {@link dev.warden.rego.builtins.BuiltinContext} (fixed clock, per-evaluation cache), so
 * one evaluation always sees one {@code time.now_ns} and one {@code rand.intn("k", n)}. Crypto uses the JDK only.
 */
package dev.warden.rego.builtins;
