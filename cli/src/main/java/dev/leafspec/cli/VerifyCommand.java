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
                + "every required leaf of the profile present, and the verdict recomputed from the scenario results.",
                "",
                "Exit codes: 0 verified; 1 a check failed; 2 the folder or report cannot be read."})
final class VerifyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "The output folder of 'leafspec certify'.")
    Path dir;

    @Option(names = "--specs", paramLabel = "DIR", description = "The leaf-specs folder to hash (default: the one recorded in the report).")
    Path specs;

    @Option(names = "--features", paramLabel = "DIR", description = "The features folder to hash (default: the one recorded in the report).")
    Path features;

    @Override
    public Integer call() {
        Path file = dir.resolve("conformance-report.json");
        JsonNode r;
        try {
            r = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            System.err.println("leafspec verify: cannot read " + file + ": " + e.getMessage());
            return LeafSpecCli.HARNESS_ERROR;
        }
        List<String> problems = new ArrayList<>();
        if (!CertifyCommand.SCHEMA.equals(r.path("schema").asText())) problems.add("schema is '" + r.path("schema").asText() + "', not " + CertifyCommand.SCHEMA);
        if (r.path("schemaVersion").asInt(-1) != CertifyCommand.SCHEMA_VERSION) {
            problems.add("schemaVersion " + r.path("schemaVersion").asText() + " is not " + CertifyCommand.SCHEMA_VERSION);
        }
        for (String f : new String[] {"certificate.html", "certification-junit.xml", "cucumber-messages.ndjson"}) {
            if (!Files.isRegularFile(dir.resolve(f))) problems.add(f + " is missing");
        }
        Path specsDir = specs != null ? specs : Path.of(r.path("configuration").path("specs").asText());
        Path featuresDir = features != null ? features : Path.of(r.path("configuration").path("features").asText());
        Catalogue catalogue = null;
        try {
            catalogue = SpecLoader.loadCatalogue(specsDir);
            check(problems, "spec bundle", r.path("hashes").path("specBundleSha256").asText(), catalogue.bundleSha256());
            check(problems, "features", r.path("hashes").path("featuresSha256").asText(), TreeHash.of(featuresDir, ".feature"));
            String w = r.path("configuration").path("waivers").asText(null);
            if (w != null) {
                Path wf = Path.of(w);
                if (!Files.isRegularFile(wf)) problems.add("the waivers file " + wf + " is missing");
                else check(problems, "waivers", r.path("hashes").path("waiversSha256").asText(), TreeHash.ofFile(wf));
            }
        } catch (SpecException e) {
            problems.add("the leaf specs under " + specsDir + " do not load: " + e.errors().size() + " error(s)");
        } catch (IOException e) {
            problems.add("cannot hash: " + e.getMessage());
        }

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
        List<Certification.LeafResult> leaves = Certification.leaves(verdicts, required);
        for (Certification.LeafResult l : leaves) {
            if (l.required() && l.counts().isEmpty()) problems.add("required leaf " + l.leaf() + " has no scenario in the report");
        }
        Certification.Overall overall = Certification.overall(verdicts, leaves, r.path("harnessErrors").size());
        if (!overall.name().equals(r.path("verdict").asText())) {
            problems.add("the verdict " + r.path("verdict").asText() + " does not follow from the results (" + overall + ")");
        }
        System.out.printf("Report: %s%nImplementation: %s %s; profile %s; verdict %s%n", file, r.path("implementation").path("name").asText(),
                r.path("implementation").path("version").asText(), r.path("profile").path("name").asText(), r.path("verdict").asText());
        if (problems.isEmpty()) {
            System.out.println("VERIFIED: hashes match, every required leaf ran, the verdict follows from the results.");
            return LeafSpecCli.OK;
        }
        problems.forEach(p -> System.out.println("FAILED: " + p));
        return LeafSpecCli.FAILED;
    }

    private static void check(List<String> problems, String what, String recorded, String actual) {
        if (!recorded.equals(actual)) problems.add(what + " SHA-256 differs: report " + recorded + ", here " + actual);
    }
}
