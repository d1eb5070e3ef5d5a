package dev.leafspec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leafspec.cli.certify.Certification;
import dev.leafspec.cli.certify.Profile;
import dev.leafspec.cli.certify.TreeHash;
import dev.leafspec.cli.certify.Verdict;
import dev.leafspec.spec.SpecException;
import dev.leafspec.spec.SpecLoader;
import dev.leafspec.spec.model.Catalogue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code leafspec verify}: re-checks a certification offline: the report's schema, the hashes of the spec bundle, the
 * features and the waivers against the files here, that every required leaf of the profile ran, and that the verdict
 * follows from the per-scenario results.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Re-check a certification folder offline: schema, SHA-256 of the spec bundle, features and waivers, "
                + "every required leaf of the profile present, and the verdict recomputed from the scenario results. "
                + "Caller reports ('leafspec caller --out', 'certify --profile caller-*') are re-checked against the SHA-256 of "
                + "the spec bundle, the caller spec, the library, features/caller and the waivers, with a row for every function "
                + "and case of the caller spec.",
                "",
                "Exit codes: 0 verified; 1 a check failed; 2 the folder or report cannot be read."})
final class VerifyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "The output folder of 'leafspec certify'.")
    Path dir;

    @Option(names = "--specs", paramLabel = "DIR", description = "The leaf-specs folder to hash (default: the one recorded in the report).")
    Path specs;

    @Option(names = "--features", paramLabel = "DIR", description = "The features folder to hash (default: the one recorded in the report).")
    Path features;

    @Option(names = "--caller", paramLabel = "LIB.so", description = "Caller reports: the library to hash (default: the one recorded in the report).")
    Path callerLib;

    @Option(names = "--caller-spec", paramLabel = "CALLER.yaml", description = "Caller reports: the caller spec to hash (default: the one recorded in the report).")
    Path callerSpec;

    @Override
    public Integer call() {
        Path file = dir.resolve("conformance-report.json");
        JsonNode r;
        try {
            r = new ObjectMapper().readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var loc = e.getLocation();
            System.err.println("leafspec verify: " + file + (loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr())
                    + ": not valid JSON (" + e.getOriginalMessage().split("\n", 2)[0].replaceAll("\\[Source: [^;\\]]*; ", "[") + ")");
            return LeafSpecCli.HARNESS_ERROR;
        } catch (IOException e) {
            System.err.println("leafspec verify: cannot read " + file + ": " + (Files.exists(file) ? e.getMessage() : "no such file"));
            return LeafSpecCli.HARNESS_ERROR;
        }
        if (CallerReport.SCHEMA.equals(r.path("schema").asText())) return verifyCaller(file, r);
        List<String> problems = new ArrayList<>();
        if (!CertifyCommand.SCHEMA.equals(r.path("schema").asText())) problems.add("schema is '" + r.path("schema").asText() + "', not " + CertifyCommand.SCHEMA);
        if (r.path("schemaVersion").asInt(-1) != CertifyCommand.SCHEMA_VERSION) {
            problems.add("schemaVersion " + r.path("schemaVersion").asText() + " is not " + CertifyCommand.SCHEMA_VERSION);
        }
        boolean scenariosRan = r.path("scenarios").size() > 0;
        for (String f : scenariosRan ? new String[] {"certificate.html", "certification-junit.xml", "cucumber-messages.ndjson"}
                : new String[] {"certificate.html", "certification-junit.xml"}) {
            if (!Files.isRegularFile(dir.resolve(f))) problems.add(f + " is missing");
        }
        Path specsDir = specs != null ? specs : Path.of(r.path("configuration").path("specs").asText());
        Path featuresDir = features != null ? features : Path.of(r.path("configuration").path("features").asText());
        if (!Files.isDirectory(specsDir) || !Files.isDirectory(featuresDir)) {
            System.err.println("leafspec verify: the specs (" + specsDir + ") and features (" + featuresDir
                    + ") the report was made from are not here; give them with --specs and --features");
            return LeafSpecCli.HARNESS_ERROR;
        }
        Catalogue catalogue = null;
        JsonNode hashes = r.path("hashes");
        try {
            catalogue = SpecLoader.loadCatalogue(specsDir);
            check(problems, "spec bundle", hashes.path("specBundleSha256").asText(), catalogue.bundleSha256());
            check(problems, "features", hashes.path("featuresSha256").asText(), TreeHash.of(featuresDir, ".feature"));
            check(problems, "generated features", hashes.path("generatedFeaturesSha256").asText(),
                    TreeHash.of(dir.resolve("generated-features"), ".feature"));
            Path profileCopy = dir.resolve("profile.yaml");
            if (!Files.isRegularFile(profileCopy)) {
                problems.add("profile.yaml (the profile used) is missing");
            } else {
                check(problems, "profile.yaml", hashes.path("profileSha256").asText(), TreeHash.ofFile(profileCopy));
                Path current = Home.find().resolve("profiles").resolve(r.path("profile").path("name").asText() + ".yaml");
                if (Files.isRegularFile(current) && !TreeHash.ofFile(current).equals(TreeHash.ofFile(profileCopy))) {
                    problems.add("profiles/" + current.getFileName() + " differs from the profile the certification used (profile.yaml)");
                }
            }
            Evidence.check(dir, hashes.path("evidence"), problems);
            if (!hashes.path("waiversSha256").isNull() && !hashes.path("waiversSha256").isMissingNode()) {
                Path wf = dir.resolve("waivers.yaml");
                if (!Files.isRegularFile(wf)) problems.add("waivers.yaml (the waivers used) is missing");
                else check(problems, "waivers", hashes.path("waiversSha256").asText(), TreeHash.ofFile(wf));
            }
        } catch (SpecException e) {
            problems.add("the leaf specs under " + specsDir + " do not load: " + e.errors().size() + " error(s)");
        } catch (IOException e) {
            problems.add("cannot hash: " + e.getMessage());
        }

        if (scenariosRan) Evidence.crossCheck(dir, r.path("scenarios"), "scenario", problems);
        List<Certification.ScenarioVerdict> verdicts = new ArrayList<>();
        try {
            for (JsonNode s : r.path("scenarios")) {
                List<String> leaves = new ArrayList<>();
                s.path("leaves").forEach(n -> leaves.add(n.asText()));
                List<String> rules = new ArrayList<>();
                s.path("rules").forEach(n -> rules.add(n.asText()));
                verdicts.add(new Certification.ScenarioVerdict(s.path("name").asText(), s.path("feature").asText(), s.path("line").asInt(),
                        s.path("area").asText(), leaves, rules, Verdict.valueOf(s.path("result").asText()), s.path("message").asText(),
                        s.path("waiver").asText(null)));
            }
        } catch (IllegalArgumentException e) {
            problems.add("a scenario has an unknown result: " + e.getMessage());
        }
        List<String> required = new ArrayList<>();
        if (catalogue != null) {
            try {
                Profile p = Profile.load(Home.find().resolve("profiles"), r.path("profile").path("name").asText());
                required.addAll(p.requiredLeaves(catalogue).stream().map(l -> Profile.tag(l.leaf())).toList());
            } catch (IllegalArgumentException | IOException e) {
                problems.add("the profile cannot be loaded: " + e.getMessage());
            }
        }
        java.util.Map<String, Integer> counted = Certification.counts(verdicts);
        for (var e : counted.entrySet()) {
            if (r.path("counts").path(e.getKey()).asInt(0) != e.getValue()) {
                problems.add("counts." + e.getKey() + " is " + r.path("counts").path(e.getKey()).asInt(0) + " but " + e.getValue()
                        + " scenario(s) have that result");
            }
        }
        java.time.LocalDate day = java.time.OffsetDateTime.parse(r.path("generatedAt").asText("1970-01-01T00:00Z")).toLocalDate();
        for (JsonNode w : r.path("waivers")) {
            boolean expired = java.time.LocalDate.parse(w.path("expires").asText("9999-12-31")).isBefore(day);
            if (expired != w.path("expired").asBoolean()) {
                problems.add("the waiver for " + w.path("scope").asText() + " expires " + w.path("expires").asText()
                        + ": on " + day + " it is " + (expired ? "expired" : "active") + ", the report says otherwise");
            }
            if (expired && w.path("applied").asInt(0) > 0) problems.add("the expired waiver for " + w.path("scope").asText() + " was applied");
        }
        checkCertificate(dir, r, problems);
        List<Certification.LeafResult> leaves = Certification.leaves(verdicts, required);
        boolean ranNothing = verdicts.isEmpty() && r.path("harnessErrors").size() > 0;
        // a --tags filter (recorded in the effective configuration) ran part of the profile on purpose: its missing
        // required leaves make the certificate partial (and NON_CONFORMANT), not tampered
        String filter = r.path("configuration").path("tags").isTextual() && !r.path("configuration").path("tags").asText().isBlank()
                ? r.path("configuration").path("tags").asText() : null;
        List<String> notRun = new ArrayList<>();
        for (Certification.LeafResult l : leaves) {
            // a run stopped by a harness error has no scenarios at all; its verdict already says so
            if (l.required() && l.counts().isEmpty()) notRun.add(l.leaf());
            if (!ranNothing && filter == null && l.required() && l.counts().isEmpty()) problems.add("required leaf " + l.leaf() + " has no scenario in the report");
        }
        Certification.Overall overall = Certification.overall(verdicts, leaves, r.path("harnessErrors").size());
        if (!overall.name().equals(r.path("verdict").asText())) {
            problems.add("the verdict " + r.path("verdict").asText() + " does not follow from the results (" + overall + ")");
        }
        System.out.printf("Report: %s%nImplementation: %s %s; profile %s; verdict %s%n", file, r.path("implementation").path("name").asText(),
                r.path("implementation").path("version").asText(), r.path("profile").path("name").asText(), r.path("verdict").asText());
        if (filter != null) {
            System.out.println("PARTIAL: the certification ran only the scenarios matching --tags '" + filter + "'"
                    + (notRun.isEmpty() ? "" : "; " + notRun.size() + " required leaf(s) did not run (" + String.join(", ", notRun.subList(0, Math.min(5, notRun.size())))
                    + (notRun.size() > 5 ? ", ..." : "") + "), so it cannot be CONFORMANT"));
        }
        if (problems.isEmpty()) {
            System.out.println("VERIFIED: the hashes match the files here, " + (filter == null ? "every required leaf has results, "
                    : "the scenarios the tag filter selected have results, ") + "the counts, waivers, "
                    + "certificate and JUnit XML agree with the report, and the verdict follows from the results. "
                    + "(This checks consistency, not authenticity: nothing is signed.)");
            return LeafSpecCli.OK;
        }
        problems.forEach(p -> System.out.println("FAILED: " + p));
        return LeafSpecCli.FAILED;
    }

    private static void check(List<String> problems, String what, String recorded, String actual) {
        if (!recorded.equals(actual)) problems.add(what + " SHA-256 differs: report " + recorded + ", here " + actual);
    }

    /**
     * Re-checks a caller report ({@code leafspec caller --out}, {@code leafspec certify --profile caller-*}): schema,
     * SHA-256 of the spec bundle, the caller spec, the library, the caller features and the waivers; a row for every
     * function and case of the caller spec; counts, waivers, certificate and JUnit XML; the verdict recomputed.
     */
    private Integer verifyCaller(Path file, JsonNode r) {
        List<String> problems = new ArrayList<>();
        if (r.path("schemaVersion").asInt(-1) != CallerReport.SCHEMA_VERSION) {
            problems.add("schemaVersion " + r.path("schemaVersion").asText() + " is not " + CallerReport.SCHEMA_VERSION);
        }
        JsonNode config = r.path("configuration");
        JsonNode hashes = r.path("hashes");
        Path specsDir = specs != null ? specs : config.hasNonNull("specs") ? Path.of(config.get("specs").asText()) : Home.specs(null);
        Path specFile = callerSpec != null ? callerSpec : Path.of(config.hasNonNull("callerSpec") ? config.get("callerSpec").asText()
                : r.path("profile").path("callerSpec").asText());
        Path lib = callerLib != null ? callerLib : Path.of(config.hasNonNull("library") ? config.get("library").asText()
                : r.path("implementation").path("library").asText());
        for (Path p : List.of(specFile, lib)) {
            if (!Files.isRegularFile(p)) {
                System.err.println("leafspec verify: " + p + " (recorded in the report) is not here; give the library with --caller and "
                        + "the caller spec with --caller-spec");
                return LeafSpecCli.HARNESS_ERROR;
            }
        }
        if (!Files.isDirectory(specsDir)) {
            System.err.println("leafspec verify: the specs the report was made from (" + specsDir + ") are not here; give them with --specs");
            return LeafSpecCli.HARNESS_ERROR;
        }
        boolean ranFeatures = r.has("features");
        for (String f : ranFeatures ? new String[] {"certificate.html", "certification-junit.xml", "cucumber-messages.ndjson"}
                : new String[] {"certificate.html", "certification-junit.xml"}) {
            if (!Files.isRegularFile(dir.resolve(f))) problems.add(f + " is missing");
        }
        List<String> required = new ArrayList<>();
        List<String> expectedRows = new ArrayList<>();
        try {
            Catalogue catalogue = SpecLoader.loadCatalogue(specsDir);
            check(problems, "spec bundle", hashes.path("specBundleSha256").asText(), catalogue.bundleSha256());
            check(problems, "caller spec", hashes.path("callerSpecSha256").asText(), TreeHash.ofFile(specFile));
            check(problems, "library", hashes.path("librarySha256").asText(), TreeHash.ofFile(lib));
            if (!("sha256:" + TreeHash.ofFile(lib).substring(0, 12)).equals(r.path("implementation").path("version").asText())) {
                problems.add("implementation.version " + r.path("implementation").path("version").asText() + " does not name the library's SHA-256");
            }
            if (hashes.hasNonNull("callerFeaturesSha256")) {
                Path fdir = features != null ? features.resolve("caller") : Path.of(config.path("features").asText());
                if (!Files.isDirectory(fdir)) problems.add("the caller features " + fdir + " are not here (give the features folder with --features)");
                else check(problems, "caller features", hashes.path("callerFeaturesSha256").asText(), TreeHash.of(fdir, ".feature"));
            }
            Evidence.check(dir, hashes.path("evidence"), problems);
            if (ranFeatures) Evidence.crossCheck(dir, r.path("features"), "caller scenario", problems);
            if (hashes.hasNonNull("waiversSha256")) {
                Path wf = dir.resolve("waivers.yaml");
                if (!Files.isRegularFile(wf)) problems.add("waivers.yaml (the waivers used) is missing");
                else check(problems, "waivers", hashes.path("waiversSha256").asText(), TreeHash.ofFile(wf));
            }
            var read = dev.leafspec.caller.CallerSpecReader.read(specFile, catalogue);
            if (!read.errors().isEmpty()) {
                problems.add("the caller spec " + specFile + " has " + read.errors().size() + " error(s) against these leaf specs");
            } else {
                for (var f : read.spec().functions()) {
                    String leaf = Profile.tag(f.issues());
                    if (!required.contains(leaf)) required.add(leaf);
                    expectedRows.add(f.symbol() + " [normal]");
                    if (f.errorCase()) expectedRows.add(f.symbol() + " [module-error]");
                }
            }
        } catch (SpecException e) {
            problems.add("the leaf specs under " + specsDir + " do not load: " + e.errors().size() + " error(s)");
        } catch (IOException e) {
            problems.add("cannot hash: " + e.getMessage());
        }
        List<Certification.ScenarioVerdict> verdicts = new ArrayList<>();
        java.util.Map<String, Verdict> byName = new java.util.LinkedHashMap<>();
        try {
            for (JsonNode s : r.path("scenarios")) {
                List<String> leaves = new ArrayList<>();
                s.path("leaves").forEach(n -> leaves.add(n.asText()));
                List<String> rules = new ArrayList<>();
                s.path("rules").forEach(n -> rules.add(n.asText()));
                Verdict v = Verdict.valueOf(s.path("result").asText());
                byName.put(s.path("name").asText(), v);
                verdicts.add(new Certification.ScenarioVerdict(s.path("name").asText(), s.path("feature").asText(), s.path("line").asInt(),
                        s.path("area").asText(), leaves, rules, v, s.path("message").asText(), s.path("waiver").asText(null)));
                if ((v == Verdict.EXPECTED_FAIL || v == Verdict.UNEXPECTED_PASS) && s.path("waiver").isNull()) {
                    problems.add("scenario '" + s.path("name").asText() + "' is " + v + " but names no waiver");
                }
            }
        } catch (IllegalArgumentException e) {
            problems.add("a scenario has an unknown result: " + e.getMessage());
        }
        boolean harnessStopped = r.path("harnessErrors").size() > 0;
        if (!harnessStopped) {
            for (String row : expectedRows) {
                // where the harness cannot run, each function has one NOT_SUPPORTED row (normal) and no module-error row
                boolean skipped = row.endsWith(" [module-error]")
                        && byName.get(row.replace(" [module-error]", " [normal]")) == Verdict.NOT_SUPPORTED;
                if (!skipped && !byName.containsKey(row)) problems.add("the caller spec's " + row + " has no row in the report");
            }
        }
        java.util.Map<String, Integer> counted = Certification.counts(verdicts);
        for (var e : counted.entrySet()) {
            if (r.path("counts").path(e.getKey()).asInt(0) != e.getValue()) {
                problems.add("counts." + e.getKey() + " is " + r.path("counts").path(e.getKey()).asInt(0) + " but " + e.getValue()
                        + " scenario(s) have that result");
            }
        }
        java.time.LocalDate day = java.time.OffsetDateTime.parse(r.path("generatedAt").asText("1970-01-01T00:00Z")).toLocalDate();
        java.util.Map<String, Integer> appliedByScope = new java.util.HashMap<>();
        verdicts.forEach(v -> {
            if (v.waiver() != null) appliedByScope.merge(v.waiver(), 1, Integer::sum);
        });
        for (JsonNode w : r.path("waivers")) {
            boolean expired = java.time.LocalDate.parse(w.path("expires").asText("9999-12-31")).isBefore(day);
            if (expired != w.path("expired").asBoolean()) {
                problems.add("the waiver for " + w.path("scope").asText() + " expires " + w.path("expires").asText()
                        + ": on " + day + " it is " + (expired ? "expired" : "active") + ", the report says otherwise");
            }
            if (expired && w.path("applied").asInt(0) > 0) problems.add("the expired waiver for " + w.path("scope").asText() + " was applied");
            if (w.path("applied").asInt(0) != appliedByScope.getOrDefault(w.path("scope").asText(), 0)) {
                problems.add("the waiver for " + w.path("scope").asText() + " is applied " + w.path("applied").asInt(0) + " time(s), but "
                        + appliedByScope.getOrDefault(w.path("scope").asText(), 0) + " scenario(s) name it");
            }
        }
        checkCertificate(dir, r, problems);
        List<Certification.LeafResult> leaves = Certification.leaves(verdicts, required);
        for (Certification.LeafResult l : leaves) {
            if (!harnessStopped && l.required() && l.counts().isEmpty()) problems.add("required leaf " + l.leaf() + " has no scenario in the report");
        }
        Certification.Overall overall = Certification.overall(verdicts, leaves, r.path("harnessErrors").size());
        boolean featureFailed = false;
        for (JsonNode f : r.path("features")) featureFailed |= f.path("result").asText().equals("FAIL");
        if (overall == Certification.Overall.CONFORMANT && featureFailed) overall = Certification.Overall.NON_CONFORMANT;
        if (!overall.name().equals(r.path("verdict").asText())) {
            problems.add("the verdict " + r.path("verdict").asText() + " does not follow from the results (" + overall + ")");
        }
        System.out.printf("Report: %s%nCaller library: %s %s; caller spec %s; profile %s; verdict %s%n", file,
                r.path("implementation").path("name").asText(), r.path("implementation").path("version").asText(), specFile,
                r.path("profile").path("name").asText(), r.path("verdict").asText());
        if (problems.isEmpty()) {
            System.out.println("VERIFIED: the hashes of the spec bundle, caller spec, library" + (r.path("hashes").hasNonNull("callerFeaturesSha256")
                    ? ", caller features" : "") + " and waivers match the files here, " + (harnessStopped
                    ? "the harness could not run the library (a harness error: the report has no function rows, and its verdict is "
                    + r.path("verdict").asText() + ")"
                    : "every function and case of the caller spec has a result") + ", the counts, waivers, certificate and JUnit XML agree with the report, and the verdict follows from the "
                    + "results. (This checks consistency, not authenticity: nothing is signed.)");
            return LeafSpecCli.OK;
        }
        problems.forEach(p -> System.out.println("FAILED: " + p));
        return LeafSpecCli.FAILED;
    }

    /** Regenerates certificate.html and certification-junit.xml from the report and compares them with the folder's. */
    private static void checkCertificate(Path dir, JsonNode r, List<String> problems) {
        try {
            Path tmpHtml = Files.createTempFile("leafspec-verify", ".html");
            Path tmpXml = Files.createTempFile("leafspec-verify", ".xml");
            dev.leafspec.cli.certify.CertificateWriter.html(r, tmpHtml);
            dev.leafspec.cli.certify.CertificateWriter.junit(r, tmpXml);
            if (!Files.isRegularFile(dir.resolve("certificate.html")) || Files.mismatch(tmpHtml, dir.resolve("certificate.html")) != -1) {
                problems.add("certificate.html does not match the report (edited, or written by another version)");
            }
            if (!Files.isRegularFile(dir.resolve("certification-junit.xml")) || Files.mismatch(tmpXml, dir.resolve("certification-junit.xml")) != -1) {
                problems.add("certification-junit.xml does not match the report");
            }
            Files.deleteIfExists(tmpHtml);
            Files.deleteIfExists(tmpXml);
        } catch (IOException e) {
            problems.add("cannot regenerate the certificate: " + e.getMessage());
        }
    }
}
