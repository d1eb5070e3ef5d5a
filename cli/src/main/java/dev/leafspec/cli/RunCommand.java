package dev.leafspec.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.leafspec.adapter.AdapterFaultException;
import dev.leafspec.adapter.ProcessImplementation;
import dev.leafspec.api.LeafImplementation;
import dev.leafspec.spec.SpecException;
import dev.leafspec.spec.SpecLoader;
import dev.leafspec.spec.model.Catalogue;
import dev.leafspec.steps.Harness;
import dev.leafspec.steps.contract.ContractFeatureGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code leafspec run}: runs the hand-written features and the contract features generated from every leaf
 * spec against an implementation (the reference engine by default), prints a per-area summary and writes
 * reports.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run every feature (hand-written under features/, and the generic contract scenarios generated "
                + "from each leaf spec) against the implementation under test, print a per-area summary and write "
                + "HTML, JSON, JUnit XML and Cucumber message reports plus summary.json to the output folder.",
                "",
                "Exit codes: 0 every scenario that ran passed; 1 a scenario failed; 2 harness, spec or usage error (an undefined step included); "
                + "3 nothing ran (no scenario selected, or every selected scenario ended NOT_SUPPORTED)."})
class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FEATURE", arity = "0..*",
            description = "Feature files (FILE or FILE:LINE) or folders to run instead of all; the generated contract "
                    + "features run only when no path is given, or with --contract.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Report folder (default: leafspec-reports/run-<timestamp> in the working directory).")
    Path out;

    @Option(names = "--tags", paramLabel = "EXPR", description = "Cucumber tag expression, e.g. '@leaf:TDG.VP.INFO and not @contract'.")
    String tags;

    @Option(names = "--specs", paramLabel = "DIR", description = "The leaf-specs folder (default: leaf-specs in the LeafSpec home).")
    Path specs;

    @Option(names = "--features", paramLabel = "DIR", description = "The features folder (default: features in the LeafSpec home).")
    Path features;

    @Option(names = "--contract", description = "Also run the generated contract features when FEATURE paths are given.")
    boolean contract;

    @Option(names = "--impl", paramLabel = "NAME", description = "Implementation under test: a class name, a ServiceLoader provider name, or cmd:COMMAND for an adapter "
                    + "process speaking docs/adapter-protocol.md, e.g. 'cmd:python3 examples/python/adapter.py' (default: ${DEFAULT-VALUE}).",
            defaultValue = Harness.DEFAULT_IMPL)
    String impl;

    @Option(names = "--impl-path", paramLabel = "JAR|DIR", split = ",",
            description = "Jars or class folders holding the implementation (repeatable, or comma-separated); searched for --impl as a class or ServiceLoader provider.")
    List<Path> implPath = new ArrayList<>();

    @Option(names = "--module-version", paramLabel = "VERSION",
            description = "Start every scenario with this TDX module version (td.config VERSION), e.g. 1.0; certification profiles set it.")
    String moduleVersion;

    @Option(names = "--adapter-timeout", paramLabel = "MS",
            description = "Per-request reply timeout for a cmd: adapter in milliseconds (default 5000).")
    Long adapterTimeoutMs;

    @Override
    public Integer call() throws Exception {
        Path specsDir = Home.specs(specs);
        Path featuresDir = features != null ? features.toAbsolutePath().normalize() : Home.find().resolve("features");
        Path outDir = (out != null ? out : Path.of("leafspec-reports",
                outPrefix() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))).toAbsolutePath().normalize();

        String specsProblem = SpecsFolder.problem(specsDir);
        if (specsProblem != null) {
            System.err.println(name() + ": " + specsProblem);
            return LeafSpecCli.HARNESS_ERROR;
        }
        if (features != null && !Files.isDirectory(featuresDir)) {
            System.err.println(name() + ": --features must be a folder of .feature files: " + featuresDir
                    + (Files.exists(featuresDir) ? " is a file (give feature files as FEATURE arguments)" : " does not exist"));
            return LeafSpecCli.HARNESS_ERROR;
        }
        if (tags != null && !tags.isBlank()) {
            try {
                io.cucumber.tagexpressions.TagExpressionParser.parse(tags);
            } catch (RuntimeException e) {
                System.err.println(name() + ": bad tag expression '" + tags + "': " + e.getMessage());
                return LeafSpecCli.HARNESS_ERROR;
            }
        }
        Catalogue catalogue;
        try {
            catalogue = SpecLoader.loadCatalogue(specsDir);
        } catch (SpecException e) {
            System.err.println(name() + ": the leaf specs do not load:");
            System.err.println(e.getMessage());
            return LeafSpecCli.HARNESS_ERROR;
        }
        String setupProblem = prepare(catalogue, specsDir, featuresDir);
        if (setupProblem != null) {
            System.err.println(name() + ": " + setupProblem);
            return LeafSpecCli.HARNESS_ERROR;
        }
        String tagExpression = selection(catalogue);
        List<FeatureRunner.Target> selected = new ArrayList<>();
        for (Path p : paths) {
            FeatureRunner.Target t = FeatureRunner.Target.parse(p.toString());
            if (!Files.exists(t.path())) {
                System.err.println(name() + ": no such feature file or folder: " + t.path());
                return LeafSpecCli.HARNESS_ERROR;
            }
            String lineProblem = FeatureRunner.lineProblem(t);
            if (lineProblem != null) {
                System.err.println(name() + ": " + lineProblem);
                return LeafSpecCli.HARNESS_ERROR;
            }
            selected.add(t);
        }
        try {
            outDir = ReportFolder.create(out, outDir);
        } catch (java.io.IOException e) {
            System.err.println(name() + ": cannot create the report folder " + outDir + ": " + e);
            return LeafSpecCli.HARNESS_ERROR;
        }
        LeafImplementation implementation;
        try {
            implementation = createImplementation(impl, implPath, adapterTimeoutMs, outDir.resolve("adapter-stderr.log"));
        } catch (IllegalArgumentException | AdapterFaultException | java.io.UncheckedIOException e) {
            System.err.println(name() + ": " + e.getMessage());
            // the folder still gets a summary that says so (and the adapter's stderr in adapter-stderr.log)
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("implementation", impl);
            json.put("specBundleSha256", catalogue.bundleSha256());
            json.put("passed", 0);
            json.put("failed", 0);
            json.put("notSupported", 0);
            json.put("durationMs", 0);
            json.put("scenarios", List.of());
            json.put("harnessErrors", List.of(new FeatureRunner.Fault("implementation", e.getMessage())));
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(outDir.resolve("summary.json").toFile(), json);
            implementationFailed(catalogue, outDir, specsDir, featuresDir, e.getMessage());
            System.out.println("Reports: " + outDir);
            System.out.println("  summary.json" + (Files.isRegularFile(outDir.resolve("adapter-stderr.log")) ? ", adapter-stderr.log" : "")
                    + " (the implementation did not start: no scenario ran)");
            return LeafSpecCli.HARNESS_ERROR;
        }
        if (moduleVersion != null) System.setProperty(dev.leafspec.steps.Hooks.MODULE_VERSION_PROPERTY, moduleVersion);
        System.setProperty(Harness.SPECS_PROPERTY, specsDir.toString());
        Harness.reloadCatalogue();
        Harness.use(implementation);

        Path generated = outDir.resolve("generated-features");
        ContractFeatureGenerator.generate(specsDir, generated);
        List<FeatureRunner.Target> targets = new ArrayList<>();
        if (selected.isEmpty()) {
            if (Files.isDirectory(featuresDir)) targets.add(new FeatureRunner.Target(featuresDir, 0));
            targets.add(new FeatureRunner.Target(generated, 0));
        } else {
            targets.addAll(selected);
            if (contract) targets.add(new FeatureRunner.Target(generated, 0));
        }

        FeatureRunner runner = new FeatureRunner();
        long t0 = System.nanoTime();
        runner.run(List.of(featuresDir, generated), targets, tagExpression, outDir, Map.of());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (implementation instanceof ProcessImplementation p) p.close();

        var id = implementation.identity();
        int exit = summarize(runner, outDir, catalogue, id.name() + " " + id.version(), ms);
        return finish(runner, outDir, catalogue, specsDir, featuresDir, implementation, exit);
    }

    /**
     * Creates the implementation named by {@code --impl}: a {@code cmd:} adapter process, or a class or ServiceLoader
     * provider found on the CLI's class path plus {@code implPath} (shared by run, certify and diff-impl).
     *
     * @throws IllegalArgumentException or AdapterFaultException naming what could not be created
     */
    static LeafImplementation createImplementation(String impl, List<Path> implPath, Long adapterTimeoutMs) {
        return createImplementation(impl, implPath, adapterTimeoutMs, null);
    }

    /** As above, an adapter's stderr logged to {@code stderrLog} from its first line (null: the suite's stderr). */
    static LeafImplementation createImplementation(String impl, List<Path> implPath, Long adapterTimeoutMs, Path stderrLog) {
        return ProcessImplementation.handles(impl)
                ? new ProcessImplementation(adapterTimeoutMs == null ? ProcessImplementation.settingsFor(impl)
                        : ProcessImplementation.settingsFor(impl).withTimeoutMs(adapterTimeoutMs), stderrLog)
                : Harness.create(impl, ImplPath.loader(implPath));
    }

    /** @return the command's name for messages ("leafspec run") */
    protected String name() {
        return "leafspec run";
    }

    /**
     * Called once the specs have loaded, before the implementation is created.
     * @return a problem that stops the command with exit 2, or null
     */
    protected String prepare(Catalogue catalogue, Path specsDir, Path featuresDir) throws Exception {
        System.clearProperty(dev.leafspec.steps.Hooks.MODULE_VERSION_PROPERTY);
        return null;
    }

    /** Called when the implementation cannot be created (an adapter that does not start): the report folder exists. */
    protected void implementationFailed(Catalogue catalogue, Path outDir, Path specsDir, Path featuresDir, String reason) throws Exception {
    }

    /** @return the default report folder's name prefix ("run" gives leafspec-reports/run-&lt;timestamp&gt;) */
    protected String outPrefix() {
        return "run";
    }

    /** @return the Cucumber tag expression selecting the scenarios to run (null for all) */
    protected String selection(Catalogue catalogue) {
        return tags;
    }

    /** Called after the run and its summary; @return the command's exit code (by default the run's) */
    protected int finish(FeatureRunner runner, Path outDir, Catalogue catalogue, Path specsDir, Path featuresDir,
                         LeafImplementation implementation, int runExit) throws Exception {
        return runExit;
    }

    private int summarize(FeatureRunner runner, Path outDir, Catalogue catalogue, String implName, long ms) throws Exception {
        Map<String, int[]> byArea = new TreeMap<>();
        for (ScenarioResult r : runner.results) {
            int[] c = byArea.computeIfAbsent(r.area(), k -> new int[3]);
            c[r.outcome().ordinal()]++;
        }
        int[] total = new int[3];
        System.out.println();
        System.out.printf("LeafSpec run against %s (%d leaf specs, bundle sha256 %s)%n", implName,
                catalogue.leaves().size(), catalogue.bundleSha256().substring(0, 12));
        System.out.printf("%-24s %8s %8s %14s%n", "area", "passed", "failed", "not supported");
        for (var e : byArea.entrySet()) {
            int[] c = e.getValue();
            System.out.printf("%-24s %8d %8d %14d%n", e.getKey(), c[0], c[1], c[2]);
            for (int i = 0; i < 3; i++) total[i] += c[i];
        }
        System.out.printf("%-24s %8d %8d %14d   (%d ms)%n", "total", total[0], total[1], total[2], ms);

        List<ScenarioResult> failed = runner.results.stream().filter(r -> r.outcome() == ScenarioResult.Outcome.FAIL).toList();
        if (!failed.isEmpty()) {
            System.out.println();
            System.out.println("Failed scenarios:");
            for (ScenarioResult r : failed) {
                System.out.println("  " + r.feature() + ": " + r.name());
                for (String line : r.message().split("\n", 12)) System.out.println("      " + line);
            }
        }
        Map<String, Integer> reasons = new TreeMap<>();
        runner.results.stream().filter(r -> r.outcome() == ScenarioResult.Outcome.NOT_SUPPORTED)
                .forEach(r -> reasons.merge(r.message(), 1, Integer::sum));
        if (!reasons.isEmpty()) {
            System.out.println();
            System.out.println("Not supported (scenarios):");
            reasons.forEach((k, v) -> System.out.printf("  %4d  %s%n", v, k));
        }
        for (FeatureRunner.Fault f : runner.faults) {
            System.out.println("harness error in " + f.where() + ": " + f.message());
        }

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("implementation", implName);
        json.put("specBundleSha256", catalogue.bundleSha256());
        json.put("passed", total[0]);
        json.put("failed", total[1]);
        json.put("notSupported", total[2]);
        json.put("durationMs", ms);
        json.put("scenarios", runner.results);
        json.put("harnessErrors", runner.faults);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(outDir.resolve("summary.json").toFile(), json);

        System.out.println();
        System.out.println("Reports: " + outDir);
        System.out.println("  cucumber.html, cucumber.json, junit.xml, cucumber-messages.ndjson, summary.json");

        if (!runner.faults.isEmpty()) return LeafSpecCli.HARNESS_ERROR;
        if (runner.results.isEmpty()) {
            System.out.println("Nothing ran: no scenario matched (no feature files, or the tag expression selects none).");
            return LeafSpecCli.NOTHING_RAN;
        }
        if (total[0] == 0 && total[1] == 0) {
            System.out.println("Nothing ran: every selected scenario ended NOT_SUPPORTED; nothing was checked.");
            return LeafSpecCli.NOTHING_RAN;
        }
        return total[1] > 0 ? LeafSpecCli.FAILED : LeafSpecCli.OK;
    }
}
