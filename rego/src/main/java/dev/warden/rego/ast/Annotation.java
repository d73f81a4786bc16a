package dev.warden.rego.ast;

import dev.warden.rego.source.Location;
import dev.warden.rego.value.ObjectValue;

/**
 * A {@code # METADATA} block: YAML in comments just before a package or rule.
 *
 * <pre>{@code
 * # METADATA
 * # title: Allow admins
 * # authors:
 * # - Jane Doe <jane@example.com>
 * allow if input.user.admin
 * }</pre>
 *
 * @param scope    {@code rule}, {@code document}, {@code package} or {@code subpackages} (defaulted from what
 *                 the block precedes, as OPA does)
 * @param value    the annotations as {@code rego.metadata.rule()} returns them: {@code scope}, {@code title},
 *                 {@code description}, {@code authors} ({@code {name, email}} objects), {@code organizations},
 *                 {@code related_resources} ({@code {ref, description}}), {@code schemas}, {@code entrypoint},
 *                 {@code custom}; absent fields are left out
 * @param location the {@code # METADATA} line
 */
public record Annotation(String scope, ObjectValue value, Location location) {}
