package dev.leafspec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.leafspec.caller.CallerResult;
import dev.leafspec.caller.CallerSpec;
import dev.leafspec.cli.certify.CertificateWriter;
import dev.leafspec.cli.certify.Certification;
import dev.leafspec.cli.certify.Profile;
import dev.leafspec.cli.certify.TreeHash;
import dev.leafspec.cli.certify.Verdict;
import dev.leafspec.cli.certify.Waivers;
import dev.leafspec.spec.model.Catalogue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The certification output of {@code leafspec caller --out DIR}: conformance-report.json (schema
 * {@code leafspec-caller-report}, the field names and result vocabulary of {@code leafspec certify}), certificate.html and
 * certification-junit.xml, written with {@link CertificateWriter}. Each function and case is one scenario; every leaf a
 * function issues is a required leaf; the verdict follows {@link Certification#overall}.
 */
final class CallerReport {
    static final String SCHEMA = "leafspec-caller-report";
    static final int SCHEMA_VERSION = 1;
    private static final Pattern RULE = Pattern.compile("\\[([A-Z0-9-]+)]$");

    private CallerReport() {
    }

    /** @return the overall verdict written to {@code outDir} */
    static Certification.Overall write(Path outDir, Path lib, Path specFile, CallerSpec spec, Catalogue catalogue,
                                       List<CallerResult> results) throws IOException {
        return write(outDir, lib, specFile, spec, catalogue, null, results, Waivers.none(), null, null, List.of(), null);
    }

    /**
     * @param profileName  {@code caller} for {@code leafspec caller}, or the certify profile ({@code caller-guest}, {@code caller-host})
     * @param waivers      applied to the function rows like {@code leafspec certify} applies them to scenarios
     * @param waiversFile  the waivers file (copied into the folder as waivers.yaml and hashed), or null
     * @param features     the Gherkin scenarios of features/caller when certify ran them (their results, waivers applied
     *                     through the function rows they name), or null
     * @param featuresDir  the features/caller folder they came from, or null
     */
    static Certification.Overall write(Path outDir, Path lib, Path specFile, CallerSpec spec, Catalogue catalogue, Path specsDir,
                                       List<CallerResult> results, Waivers waivers, Path waiversFile, List<ScenarioResult> features,
                                       List<FeatureRunner.Fault> faults, Path featuresDir) throws IOException {
        return write(outDir, lib, specFile, spec, catalogue, specsDir, results, waivers, waiversFile, features, faults, featuresDir, "caller");
    }

    static Certification.Overall write(Path outDir, Path lib, Path specFile, CallerSpec spec, Catalogue catalogue, Path specsDir,
                                       List<CallerResult> results, Waivers waivers, Path waiversFile, List<ScenarioResult> features,
                                       List<FeatureRunner.Fault> faults, Path featuresDir, String profileName) throws IOException {
        Files.createDirectories(outDir);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<Waivers.Waiver, Integer> applied = new LinkedHashMap<>();
        Map<String, Verdict> byName = new LinkedHashMap<>();
        List<Certification.ScenarioVerdict> verdicts = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> harnessErrors = new ArrayList<>();
        String repro = "leafspec caller --lib " + lib.toAbsolutePath().normalize() + " --spec " + specFile.toAbsolutePath().normalize();
        for (CallerResult r : results) {
            if (r.function().equals("(harness)")) {
                harnessErrors.addAll(r.messages());
                continue;
            }
            int line = spec.functions().stream().filter(f -> f.symbol().equals(r.function())).mapToInt(CallerSpec.Function::line).findFirst().orElse(0);
            List<String> rules = new ArrayList<>(new LinkedHashSet<>(r.messages().stream().map(m -> {
                Matcher mm = RULE.matcher(m);
                return mm.find() ? mm.group(1) : null;
            }).filter(java.util.Objects::nonNull).toList()));
            String message = String.join("\n", r.messages());
            boolean harness = rules.contains("CALLER-HARNESS");
            String name = r.function() + " [" + r.caseName() + "]";
            String leaf = Profile.tag(r.issues());
            Waivers.Waiver w = harness ? null : waivers.match(name, rules, List.of(leaf), r.status() == CallerResult.Status.FAIL ? message : "");
            Waivers.Waiver active = w != null && !w.expiredOn(today) ? w : null;
            Verdict v = harness ? Verdict.ADAPTER_ERROR : Certification.judge(r.status().name(), message, active);
            if (active != null && (v == Verdict.EXPECTED_FAIL || v == Verdict.UNEXPECTED_PASS)) applied.merge(active, 1, Integer::sum);
            else active = null;
            if (v == Verdict.UNEXPECTED_PASS) message = "waived (" + w.scope() + ": " + w.reason() + ") but passed: remove the waiver";
            if (v == Verdict.FAIL && w != null && w.expiredOn(today)) {
                message = message + "\n(the waiver for " + w.scope() + " expired on " + w.expires() + " and no longer applies)";
            }
            byName.put(name, v);
            verdicts.add(new Certification.ScenarioVerdict(name, specFile.toString(), line, "caller", List.of(leaf), rules, v, message,
                    active == null ? null : active.scope()));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", name);
            row.put("feature", specFile.toString());
            row.put("line", line);
            row.put("area", "caller");
            row.put("leaves", List.of(leaf));
            row.put("rules", rules);
            row.put("result", v.name());
            row.put("message", message);
            row.put("waiver", active == null ? null : active.scope());
            row.put("traps", r.traps());
            if (!r.notes().isEmpty()) row.put("notes", r.notes()); // checks that could not be made here (no AVX: YMM)
            row.put("repro", v.bad() ? repro : null);
            rows.add(row);
        }
        for (FeatureRunner.Fault f : faults) harnessErrors.add(f.where() + ": " + f.message());
        List<String> required = spec.functions().stream().map(f -> Profile.tag(f.issues())).distinct().toList();
        List<Certification.LeafResult> leafResults = Certification.leaves(verdicts, required);
        Certification.Overall overall = Certification.overall(verdicts, leafResults, harnessErrors.size());
        if (overall == Certification.Overall.CONFORMANT && features != null
                && features.stream().anyMatch(f -> f.outcome() == ScenarioResult.Outcome.FAIL && featureVerdict(f, byName) == Verdict.FAIL)) {
            // a Gherkin scenario failed on something no function row shows (e.g. an unknown rule): not conformant
            overall = Certification.Overall.NON_CONFORMANT;
        }

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("schema", SCHEMA);
        report.put("schemaVersion", SCHEMA_VERSION);
        report.put("suite", Map.of("name", "TDX LeafSpec", "version", LeafSpecCli.VERSION));
        report.put("generatedAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
        Map<String, Object> impl = new LinkedHashMap<>();
        impl.put("name", lib.getFileName().toString());
        impl.put("version", "sha256:" + TreeHash.ofFile(lib).substring(0, 12));
        impl.put("vendor", "caller library");
        impl.put("library", lib.toAbsolutePath().normalize().toString());
        report.put("implementation", impl);
        Map<String, Object> prof = new LinkedHashMap<>();
        prof.put("name", profileName);
        prof.put("title", spec.name());
        prof.put("role", "CALLER");
        prof.put("callerSpec", specFile.toAbsolutePath().normalize().toString());
        prof.put("requiredLeaves", required);
        report.put("profile", prof);
        report.put("seed", 0);
        Map<String, Object> hashes = new LinkedHashMap<>();
        hashes.put("specBundleSha256", catalogue.bundleSha256());
        hashes.put("featuresSha256", featuresDir == null ? null : TreeHash.of(featuresDir, ".feature"));
        hashes.put("callerSpecSha256", TreeHash.ofFile(specFile));
        hashes.put("librarySha256", TreeHash.ofFile(lib));
        if (waiversFile != null) {
            Files.copy(waiversFile, outDir.resolve("waivers.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        hashes.put("waiversSha256", waiversFile == null ? null : TreeHash.ofFile(outDir.resolve("waivers.yaml")));
        if (featuresDir != null) hashes.put("callerFeaturesSha256", TreeHash.of(featuresDir, ".feature"));
        hashes.put("evidence", Evidence.hashes(outDir));
        report.put("hashes", hashes);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("specs", specsDir == null ? null : specsDir.toAbsolutePath().normalize().toString());
        config.put("callerSpec", specFile.toAbsolutePath().normalize().toString());
        config.put("library", lib.toAbsolutePath().normalize().toString());
        config.put("features", featuresDir == null ? null : featuresDir.toAbsolutePath().normalize().toString());
        config.put("waivers", waiversFile == null ? null : waiversFile.toAbsolutePath().normalize().toString());
        report.put("configuration", config);
        Map<String, Integer> counts = Certification.putResults(report, overall, verdicts, leafResults);
        report.put("waivers", waivers.reportRows(today, applied));
        report.put("harnessErrors", harnessErrors);
        report.put("scenarios", rows);
        if (features != null) {
            List<Map<String, Object>> frows = new ArrayList<>();
            for (ScenarioResult f : features) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", f.name());
                m.put("feature", f.feature());
                m.put("line", f.line());
                m.put("rules", f.tagValues("rule:"));
                m.put("result", featureVerdict(f, byName).name());
                m.put("message", f.message());
                frows.add(m);
            }
            report.put("features", frows);
        }

        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Path json = outDir.resolve("conformance-report.json");
        om.writeValue(json.toFile(), report);
        JsonNode tree = om.readTree(json.toFile());
        CertificateWriter.html(tree, outDir.resolve("certificate.html"));
        CertificateWriter.junit(tree, outDir.resolve("certification-junit.xml"));
        return overall;
    }
    /** A line of a caller feature's failure: {@code   LEAF: function [case]: REGISTER: ... [RULE]    (lib (spec))}. */
    private static final Pattern FEATURE_LINE = Pattern.compile("^  \\S+: (\\S+ \\[[a-z-]+]): ");

    /**
     * @return the certification result of a Gherkin caller scenario: its own outcome, except that a failure every line
     * of which is a function row that was waived (EXPECTED_FAIL) is EXPECTED_FAIL too
     */
    static Verdict featureVerdict(ScenarioResult f, Map<String, Verdict> functionRows) {
        return switch (f.outcome()) {
            case PASS -> Verdict.PASS;
            case NOT_SUPPORTED -> Verdict.NOT_SUPPORTED;
            case FAIL -> {
                boolean any = false;
                for (String line : f.message().split("\n")) {
                    Matcher m = FEATURE_LINE.matcher(line);
                    if (!m.find()) continue;
                    any = true;
                    if (functionRows.get(m.group(1)) != Verdict.EXPECTED_FAIL) yield Verdict.FAIL;
                }
                yield any ? Verdict.EXPECTED_FAIL : Verdict.FAIL;
            }
        };
    }
}
