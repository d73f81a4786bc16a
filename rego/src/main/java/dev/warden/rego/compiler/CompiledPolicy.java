package dev.warden.rego.compiler;

import dev.warden.rego.builtins.BuiltinRegistry;

/**
 * The result of compiling a set of modules: the rule tree under {@code data}. Immutable once built.
 *
 * <pre>{@code
 * CompiledPolicy p = Compiler.compile(modules, BuiltinRegistry.standard());
 * }</pre>
 */
public record CompiledPolicy(RuleNode root, int nodeCount, BuiltinRegistry builtins) {}
