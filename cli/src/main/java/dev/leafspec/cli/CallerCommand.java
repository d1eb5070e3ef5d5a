package dev.leafspec.cli;

import dev.leafspec.caller.CallerChecker;
import dev.leafspec.caller.CallerResult;
import dev.leafspec.caller.CallerSpecReader;
import dev.leafspec.cli.certify.Waivers;
import dev.leafspec.steps.Harness;
import dev.leafspec.steps.caller.CallerUnderTest;
import dev.leafspec.spec.SpecError;
import dev.leafspec.spec.SpecException;
import dev.leafspec.spec.SpecLoader;
import dev.leafspec.spec.model.Catalogue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code leafspec caller}: certifies compiled caller-side wrappers (a shared object) against a caller spec by running
 * them natively in the harness (native/harness.c) and answering their TDCALL/SEAMCALL with the reference engine.
 */
@Command(name = "caller", mixinStandardHelpOptions = true,
        description = {"Run the functions of a caller library (.so) natively, trap their TDCALL/SEAMCALL to the reference "
                + "engine and check them against a caller spec (docs/caller-spec-format.md). Prints PASS / FAIL / NOT_SUPPORTED "
                + "per function and case; a failure names the function, the register and the rule.",
                "",
                "With --out DIR it also certifies: DIR/conformance-report.json (the result vocabulary of 'leafspec certify'), "
                        + "certificate.html and certification-junit.xml; every leaf the spec's functions issue is required.",
                "",
                "Exit codes: 0 every case passed; 1 a case failed; 2 a spec, usage or harness error; 3 nothing ran "
                        + "(every case NOT_SUPPORTED, e.g. the harness could not be built)."})
final class CallerCommand implements Callable<Integer> {
    @Option(names = "--lib", required = true, paramLabel = "LIB.so", description = "The caller library (a shared object).")
    Path lib;

    @Option(names = "--spec", required = true, paramLabel = "CALLER.yaml", description = "The caller spec.")
    Path spec;

    @Option(names = "--specs", paramLabel = "DIR", description = "The leaf-specs folder (default: the bundled one).")
    Path specs;

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "5000", description = "Per-reply timeout of the harness (default ${DEFAULT-VALUE} ms).")
    long timeoutMs;

    @Option(names = "--out", paramLabel = "DIR", description = "Write conformance-report.json, certificate.html and "
            + "certification-junit.xml to DIR (created if needed).")
    Path out;

    @Option(names = "--waivers", paramLabel = "FILE", description = "A waivers YAML file (docs/certification.md): a waived "
            + "failing function case is EXPECTED_FAIL, a waived case that passes UNEXPECTED_PASS; scope by scenario (e.g. "
            + "'ex_inb [normal]'), rule (CALLER-XMM) or leaf. Needs --out.")
    Path waiversFile;

    /** Set by {@code leafspec certify --profile caller-*}: run the Gherkin features of this folder (features/caller). */
    Path featuresDir;
    /** The certify profile name recorded in the report ({@code caller} for this command). */
    String profileName = "caller";

    @Override
    public Integer call() {
        if (timeoutMs <= 0) {
            System.err.println("leafspec caller: --timeout must be a positive number of milliseconds, got " + timeoutMs);
            return LeafSpecCli.HARNESS_ERROR;
        }
        for (Path p : List.of(lib, spec)) {
            if (Files.isDirectory(p)) {
                System.err.println("leafspec caller: " + p + " is a folder, not " + (p == lib ? "a shared object (--lib LIB.so)" : "a caller spec (--spec CALLER.yaml)"));
                return LeafSpecCli.HARNESS_ERROR;
            }
            if (!Files.isRegularFile(p)) {
                System.err.println("leafspec caller: no such file: " + p);
                return LeafSpecCli.HARNESS_ERROR;
            }
        }
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
            System.err.println("leafspec caller: --out " + out + " is a file; the report needs a folder");
            return LeafSpecCli.HARNESS_ERROR;
        }
        Catalogue cat;
        try {
            cat = SpecLoader.loadCatalogue(Home.specs(specs));
        } catch (SpecException e) {
            e.errors().forEach(System.err::println);
            return LeafSpecCli.HARNESS_ERROR;
        }
        var read = CallerSpecReader.read(spec, cat);
        if (!read.errors().isEmpty()) {
            for (SpecError err : read.errors()) System.err.println(err);
            return LeafSpecCli.HARNESS_ERROR;
        }
        String roleProblem = roleProblem(profileName, read.spec(), cat);
        if (roleProblem != null) {
            System.err.println("leafspec certify: " + roleProblem);
            return LeafSpecCli.HARNESS_ERROR;
        }
        if (out != null) {
            try {
                ReportFolder.create(out, out.toAbsolutePath().normalize());
            } catch (java.io.IOException e) {
                System.err.println("leafspec caller: cannot use the report folder " + out + ": " + e.getMessage());
                return LeafSpecCli.HARNESS_ERROR;
            }
        }
        Waivers waivers = Waivers.none();
        if (waiversFile != null) {
            if (out == null) {
                System.err.println("leafspec caller: --waivers applies to a certification: give --out DIR too");
                return LeafSpecCli.HARNESS_ERROR;
            }
            try {
                waivers = Waivers.load(waiversFile);
            } catch (IllegalArgumentException | java.io.IOException e) {
                System.err.println("leafspec caller: " + e.getMessage());
                return LeafSpecCli.HARNESS_ERROR;
            }
        }
        List<CallerResult> results;
        FeatureRunner runner = null;
        if (featuresDir != null) {
            try {
                runner = runFeatures(cat);
            } catch (Exception e) {
                System.err.println("leafspec certify: the caller features could not run: " + FeatureRunner.describe(e));
                return LeafSpecCli.HARNESS_ERROR;
            }
            var target = new CallerUnderTest.Target(lib.toAbsolutePath().normalize(), spec.toAbsolutePath().normalize());
            var run = CallerUnderTest.cached(target, Harness.catalogue());
            if (run.isEmpty()) {
                runner.faults.add(new FeatureRunner.Fault("features/caller", "no caller scenario ran the library (see the Cucumber report)"));
                results = List.of();
            } else {
                results = run.get().results();
            }
            for (ScenarioResult r : runner.results) {
                System.out.printf("%-13s %s%s%n", r.outcome(), r.name(), r.message().isEmpty() ? "" : "\n    " + r.message().replace("\n", "\n    "));
            }
        } else {
            results = new CallerChecker(cat, Home.find(), timeoutMs).certify(lib, read.spec());
        }
        results.forEach(System.out::println);
        long pass = results.stream().filter(r -> r.status() == CallerResult.Status.PASS).count();
        long fail = results.stream().filter(r -> r.status() == CallerResult.Status.FAIL).count();
        long ns = results.size() - pass - fail;
        System.out.printf("%s: %d passed, %d failed, %d not supported%n", read.spec().name(), pass, fail, ns);
        if (out != null) {
            try {
                var overall = CallerReport.write(out, lib, spec, read.spec(), cat, Home.specs(specs), results, waivers, waiversFile,
                        runner == null ? null : runner.results, runner == null ? List.of() : runner.faults, featuresDir, profileName);
                printWaivers(out.resolve("conformance-report.json"));
                System.out.printf("Certification of %s against %s: %s (exit %d); report in %s%n", lib.getFileName(), spec.getFileName(),
                        overall, overall.exitCode, out.resolve("conformance-report.json"));
                System.out.println("  check it with: leafspec verify " + out);
                return overall.exitCode;
            } catch (java.io.IOException e) {
                System.err.println("leafspec caller: cannot write the report to " + out + ": " + e.getMessage());
                return LeafSpecCli.HARNESS_ERROR;
            }
        }
        // a library that does not load or lacks a symbol is a harness error, as in the certificate (--out): exit 2
        if (results.stream().anyMatch(CallerCommand::harnessError)) return LeafSpecCli.HARNESS_ERROR;
        if (fail > 0) return LeafSpecCli.FAILED;
        return pass == 0 ? LeafSpecCli.NOTHING_RAN : LeafSpecCli.OK;
    }

    /** @return whether a result is the harness failing (CallerReport counts these as harness errors, not failures) */
    static boolean harnessError(CallerResult r) {
        return r.function().equals("(harness)") || r.messages().stream().anyMatch(m -> m.endsWith("[CALLER-HARNESS]"));
    }

    /**
     * A caller profile certifies wrappers of one side: caller-guest needs functions issuing TDCALL leaves (TDG.*, the
     * TDG.VP.VMCALL sub-functions), caller-host functions issuing SEAMCALL leaves (TDH.*).
     *
     * @return why the caller spec does not fit the profile, or null (also for plain {@code leafspec caller})
     */
    static String roleProblem(String profileName, dev.leafspec.caller.CallerSpec spec, Catalogue cat) {
        dev.leafspec.api.Instruction wanted = switch (profileName) {
            case "caller-guest" -> dev.leafspec.api.Instruction.TDCALL;
            case "caller-host" -> dev.leafspec.api.Instruction.SEAMCALL;
            default -> null;
        };
        if (wanted == null) return null;
        List<String> wrong = new java.util.ArrayList<>();
        for (var f : spec.functions()) {
            var leaf = cat.leaf(f.issues());
            if (leaf.isEmpty() || leaf.get().instruction() != wanted) {
                wrong.add(f.symbol() + " issues " + f.issues() + (leaf.isEmpty() ? "" : " (" + leaf.get().instruction() + ")"));
            }
        }
        if (spec.functions().isEmpty()) return "profile " + profileName + " needs a caller spec with functions issuing " + wanted + " leaves";
        if (wrong.isEmpty()) return null;
        return "profile " + profileName + " certifies " + wanted + " wrappers, but the caller spec " + spec.name() + " has "
                + String.join(", ", wrong) + " (use --profile " + (wanted == dev.leafspec.api.Instruction.TDCALL ? "caller-host" : "caller-guest") + ")";
    }

    /**
     * Runs the Gherkin caller features (features/caller) against this library and spec: the glue reads them from the
     * system properties of {@link CallerUnderTest}; Cucumber's reports go to {@code out}.
     */
    private FeatureRunner runFeatures(Catalogue cat) throws Exception {
        Path outDir = (out != null ? out : Path.of("leafspec-reports", "caller")).toAbsolutePath().normalize();
        String[] keys = {CallerUnderTest.LIB_PROPERTY, CallerUnderTest.SPEC_PROPERTY, CallerUnderTest.TIMEOUT_PROPERTY, Harness.SPECS_PROPERTY};
        String[] old = new String[keys.length];
        for (int i = 0; i < keys.length; i++) old[i] = System.getProperty(keys[i]);
        System.setProperty(CallerUnderTest.LIB_PROPERTY, lib.toAbsolutePath().normalize().toString());
        System.setProperty(CallerUnderTest.SPEC_PROPERTY, spec.toAbsolutePath().normalize().toString());
        System.setProperty(CallerUnderTest.TIMEOUT_PROPERTY, Long.toString(timeoutMs));
        System.setProperty(Harness.SPECS_PROPERTY, Home.specs(specs).toString());
        try {
            FeatureRunner runner = new FeatureRunner();
            runner.run(List.of(featuresDir.getParent() == null ? featuresDir : featuresDir.getParent()),
                    List.of(new FeatureRunner.Target(featuresDir, 0)), null, outDir, java.util.Map.of());
            return runner;
        } finally {
            for (int i = 0; i < keys.length; i++) {
                if (old[i] == null) System.clearProperty(keys[i]);
                else System.setProperty(keys[i], old[i]);
            }
        }
    }

    /**
     * What the waivers did, as module certify prints it: every waived row (EXPECTED_FAIL, UNEXPECTED_PASS) and every
     * waiver that expired or matched nothing. Read back from the report just written, so the console and the report agree.
     */
    static void printWaivers(Path report) throws java.io.IOException {
        com.fasterxml.jackson.databind.JsonNode r = new com.fasterxml.jackson.databind.ObjectMapper().readTree(report.toFile());
        for (com.fasterxml.jackson.databind.JsonNode row : r.path("scenarios")) {
            String res = row.path("result").asText();
            if (res.equals("EXPECTED_FAIL") || res.equals("UNEXPECTED_PASS")) {
                System.out.printf("  %s: %s (waiver for %s)%n", row.path("name").asText(), res, row.path("waiver").asText(row.path("name").asText()));
            }
        }
        for (com.fasterxml.jackson.databind.JsonNode w : r.path("waivers")) {
            if (w.path("expired").asBoolean()) {
                System.out.println("  waiver for " + w.path("scope").asText() + " expired on " + w.path("expires").asText() + " and was not applied");
            } else if (w.path("applied").asInt() == 0) {
                System.out.println("  waiver for " + w.path("scope").asText() + " matched no scenario");
            }
        }
    }
}
