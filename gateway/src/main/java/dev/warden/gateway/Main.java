package dev.warden.gateway;

import dev.warden.gateway.cli.WardenCommand;

/** Entry point of {@code warden.jar}: the {@code warden} command line ({@code serve}, {@code token}, {@code policy}). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(WardenCommand.run(args));
    }
}
