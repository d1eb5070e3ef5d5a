package dev.leafspec.cli;

import dev.leafspec.spec.SpecError;
import dev.leafspec.spec.SpecLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code leafspec lint}: checks leaf specs and catalogues, printing file:line:column: key.path: message. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Check leaf-spec and caller-spec (*.caller.yaml) YAML files and folders. Prints each error as file:line:column: key.path: message. "
                + "A file outside any leaf-specs folder is checked against the bundled catalogues and specs "
                + "(status and operand names, duplicate leaf numbers and rule ids).",
                "",
                "Exit codes: 0 no error; 1 errors found; 2 a path does not exist or holds no YAML file."})
final class LintCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or folders (default: the bundled leaf-specs).")
    List<Path> paths = new ArrayList<>();

    @Override
    public Integer call() {
        List<Path> targets = paths.isEmpty() ? List.of(Home.specs(null)) : paths;
        for (Path p : targets) {
            if (!Files.exists(p)) {
                System.err.println("leafspec lint: no such file or folder: " + p);
                return LeafSpecCli.HARNESS_ERROR;
            }
        }
        var result = dev.leafspec.caller.CallerLint.lintAll(targets, Home.specs(null));
        if (result.filesChecked() == 0 && result.errors().isEmpty()) {
            System.err.println("leafspec lint: no .yaml or .yml files found under " + targets);
            return LeafSpecCli.HARNESS_ERROR;
        }
        for (SpecError e : result.errors()) System.out.println(e);
        int given = Math.min(yamlFiles(targets), result.filesChecked());
        int consulted = result.filesChecked() - given;
        System.out.printf("%d file(s) checked%s, %d error(s)%n", given,
                consulted > 0 ? " (and " + consulted + " catalogue file(s) they use)" : "", result.errors().size());
        return result.errors().isEmpty() ? LeafSpecCli.OK : LeafSpecCli.FAILED;
    }

    /** @return the number of YAML files the targets name (files as given, folders walked) */
    static int yamlFiles(List<Path> targets) {
        java.util.Set<Path> files = new java.util.HashSet<>();
        for (Path t : targets) {
            if (Files.isRegularFile(t)) {
                files.add(t.toAbsolutePath().normalize());
                continue;
            }
            try (var s = Files.walk(t)) {
                s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                        .forEach(p -> files.add(p.toAbsolutePath().normalize()));
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                // counted as far as readable; lint reports what it cannot read
            }
        }
        return files.size();
    }
}
