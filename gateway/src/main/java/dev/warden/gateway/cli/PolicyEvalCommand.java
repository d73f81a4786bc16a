package dev.warden.gateway.cli;

import dev.warden.rego.EvalOptions;
import dev.warden.rego.Rego;
import dev.warden.rego.RegoException;
import dev.warden.rego.ResultSet;
import dev.warden.rego.tester.PolicyFiles;
import dev.warden.rego.value.Json;
import dev.warden.rego.value.JsonSyntaxException;
import dev.warden.rego.value.Value;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code warden policy eval}: evaluates a query over policy and data files and prints the result as
 * {@code opa eval} does ({@code {"result": [...]}}, or {@code {}} when undefined).
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a Rego query and print the result as opa eval does.")
final class PolicyEvalCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = {"-d", "--data"}, paramLabel = "PATH",
            description = "Policy or data file, or a directory of them (repeatable).")
    List<Path> data = new ArrayList<>();

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "Input document (JSON or YAML).")
    Path input;

    @Option(names = {"-f", "--format"}, defaultValue = "json", paramLabel = "FORMAT",
            description = "Output format: json (default) or pretty.")
    OutputFormat format;

    @Option(names = "--v0-compatible", description = "Parse modules with Rego v0 syntax.")
    boolean v0;

    @Option(names = "--strict-builtin-errors", description = "Treat builtin errors as fatal.")
    boolean strictBuiltinErrors;

    @Option(names = "--allow-http-send",
            description = "Let http.send make real HTTP requests (refused with an error by default).")
    boolean allowHttpSend;

    @Option(names = "--ignore", paramLabel = "GLOB", description = "File or folder names to skip when loading.")
    List<String> ignore = new ArrayList<>();

    @Option(names = "--fail", description = "Exit 1 when the result is undefined.")
    boolean failUndefined;

    @Option(names = "--fail-defined", description = "Exit 1 when the result is defined.")
    boolean failDefined;

    @Option(names = {"-I", "--stdin-input"}, description = "Read the input document (JSON) from standard input.")
    boolean stdinInput;

    @Parameters(index = "0", paramLabel = "QUERY", description = "The query, e.g. data.mcp.gateway.allow")
    String query;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PolicyFiles files;
        Value inputValue;
        try {
            files = PolicyFiles.load(data, YamlValues::parse, ignore);
            if (stdinInput && input != null) throw new IllegalArgumentException("use either --input or --stdin-input");
            inputValue = stdinInput ? readStdin() : input == null ? null : readInput(input);
        } catch (PolicyFiles.LoadException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        try {
            Rego rego = files.builder().v0Compatible(v0).strictBuiltinErrors(strictBuiltinErrors)
                    .allowHttpSend(allowHttpSend).printTo(err::println).build();
            ResultSet rs = rego.prepare(query).eval(EvalOptions.input(inputValue));
            out.println(format == OutputFormat.pretty ? EvalOutput.pretty(rs) : EvalOutput.json(rs));
            return (failUndefined && rs.isUndefined()) || (failDefined && !rs.isUndefined()) ? 1 : 0;
        } catch (RegoException e) {
            if (format == OutputFormat.pretty) {
                out.println(EvalOutput.prettyErrors(e));
            } else {
                // Standard output stays what opa eval prints (JSON for scripts); people read the caret on stderr.
                out.println(EvalOutput.jsonErrors(e));
                err.println(EvalOutput.prettyErrors(e));
            }
            return 1;
        }
    }

    private static Value readStdin() {
        try {
            return Json.parse(new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read standard input: " + e.getMessage());
        } catch (JsonSyntaxException e) {
            throw new IllegalArgumentException("standard input: " + e.getMessage());
        }
    }

    /** The input file as a value: YAML by extension, JSON otherwise. */
    static Value readInput(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read input file: " + e.getMessage());
        }
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        try {
            return name.endsWith(".yaml") || name.endsWith(".yml") ? YamlValues.parse(text) : Json.parse(text);
        } catch (JsonSyntaxException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + e.getMessage());
        }
    }

    enum OutputFormat { json, pretty }
}
