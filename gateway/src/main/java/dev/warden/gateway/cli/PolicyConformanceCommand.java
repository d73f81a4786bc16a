package dev.warden.gateway.cli;

import dev.warden.rego.conformance.ConformanceReport;
import dev.warden.rego.conformance.ConformanceRunner;
import dev.warden.rego.conformance.ConformanceSuite;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code warden policy conformance}: runs OPA's conformance cases against the embedded engine and prints a table
 * of topics with passed and failed counts, then {@code N passed, N failed}. Exits 0 whenever the run completes:
 * failing cases are a measurement, not an error.
 */
@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = "Run OPA's conformance cases (e.g. ../shared/opa-conformance/v1) against the engine.")
final class PolicyConformanceCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Directory of case files, one folder per topic.")
    Path dir;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every case's outcome to FILE as JSON.")
    Path json;

    @Option(names = "--filter", paramLabel = "TEXT", description = "Run only cases whose note contains TEXT.")
    String filter;

    @Option(names = {"-t", "--timeout"}, defaultValue = "5s", paramLabel = "DURATION",
            description = "Time limit per case.", converter = Durations.class)
    Duration timeout;

    @Option(names = {"-v", "--verbose"}, description = "Print each failing case with its reason.")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ConformanceSuite suite;
        try {
            suite = ConformanceSuite.load(dir);
        } catch (RuntimeException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        if (filter != null) suite = suite.filter(filter);
        ConformanceReport report = new ConformanceRunner(timeout, r -> {
            if (verbose && !r.passed()) err.println("FAIL " + r.note() + ": " + r.reason());
        }).run(suite);
        out.print(report.table());
        out.println(report.summary());
        if (json != null) {
            try {
                Files.writeString(json, report.toJson());
            } catch (IOException e) {
                err.println("error: cannot write " + json + ": " + e.getMessage());
                return 1;
            }
        }
        return 0;
    }
}
