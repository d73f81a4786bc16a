package dev.warden.bench.load;

import picocli.CommandLine.Option;

/** The bounds every measuring subcommand ({@code run}, {@code decisions}) takes, mixed into each with {@code @Mixin}. */
final class RunLimits {

    @Option(names = "--max-errors", description = "stop a scenario after this many failed requests (default: ${DEFAULT-VALUE})")
    long maxErrors = 1000;

    @Option(names = "--ready-timeout", description = "seconds to wait for each target's first correct answer (default: ${DEFAULT-VALUE})")
    double readySeconds = 30;
}
