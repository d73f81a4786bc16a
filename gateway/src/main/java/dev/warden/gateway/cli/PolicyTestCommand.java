package dev.warden.gateway.cli;

import dev.warden.rego.RegoException;
import dev.warden.rego.tester.PolicyFiles;
import dev.warden.rego.tester.TestReport;
import dev.warden.rego.tester.TestResult;
import dev.warden.rego.tester.TestRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code warden policy test}: runs the {@code test_*} rules of policy files as {@code opa test} does. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run Rego tests (rules named test_*) and print results as opa test does.")
final class PolicyTestCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Policy and data files or directories.")
    List<Path> paths = new ArrayList<>();

    @Option(names = {"-v", "--verbose"}, description = "Print every test, not only failures.")
    boolean verbose;

    @Option(names = {"-r", "--run"}, paramLabel = "REGEX", description = "Run only tests whose name matches.")
    String run;

    @Option(names = {"-f", "--format"}, defaultValue = "pretty", paramLabel = "FORMAT",
            description = "Output format: pretty (default) or json.")
    Format format;

    @Option(names = "--v0-compatible", description = "Parse modules with Rego v0 syntax.")
    boolean v0;

    @Option(names = {"-t", "--timeout"}, defaultValue = "5s", paramLabel = "DURATION",
            description = "Time limit per test, e.g. 5s or 500ms.", converter = Durations.class)
    Duration timeout;

    @Option(names = "--allow-http-send",
            description = "Let http.send make real HTTP requests (refused with an error by default).")
    boolean allowHttpSend;

    @Option(names = "--ignore", paramLabel = "GLOB", description = "File or folder names to skip when loading.")
    List<String> ignore = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<TestResult> results;
        try {
            PolicyFiles files = PolicyFiles.load(paths, YamlValues::parse, ignore);
            results = new TestRunner(run, timeout).run(files.builder().v0Compatible(v0).allowHttpSend(allowHttpSend));
        } catch (PolicyFiles.LoadException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (RegoException e) {
            err.println(EvalOutput.prettyErrors(e));
            return 1;
        }
        out.print(format == Format.json ? TestReport.json(results) : TestReport.pretty(results, verbose));
        return TestReport.allPassed(results) ? 0 : 1;
    }

    enum Format { pretty, json }
}
