package dev.warden.gateway.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code warden policy}: evaluate, test and check Rego policies with the embedded engine, like {@code opa}. */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Evaluate and test Rego policies with the embedded engine.",
        subcommands = {PolicyEvalCommand.class, PolicyTestCommand.class, PolicyConformanceCommand.class})
final class PolicyCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
