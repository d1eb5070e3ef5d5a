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
import dev.leafspec.spec.model.Catalogue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Files.createDirectories(outDir);
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
            Verdict v = harness ? Verdict.ADAPTER_ERROR : Certification.judge(r.status().name(), message, null);
            String name = r.function() + " [" + r.caseName() + "]";
            String leaf = Profile.tag(r.issues());
            verdicts.add(new Certification.ScenarioVerdict(name, specFile.toString(), line, "caller", List.of(leaf), rules, v, message, null));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", name);
            row.put("feature", specFile.toString());
            row.put("line", line);
            row.put("area", "caller");
            row.put("leaves", List.of(leaf));
            row.put("rules", rules);
            row.put("result", v.name());
            row.put("message", message);
            row.put("traps", r.traps());
            if (!r.notes().isEmpty()) row.put("notes", r.notes()); // checks that could not be made here (no AVX: YMM)
            row.put("repro", v.bad() ? repro : null);
            rows.add(row);
        }
        List<String> required = spec.functions().stream().map(f -> Profile.tag(f.issues())).distinct().toList();
        List<Certification.LeafResult> leafResults = Certification.leaves(verdicts, required);
        Certification.Overall overall = Certification.overall(verdicts, leafResults, harnessErrors.size());

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
        prof.put("name", "caller");
        prof.put("title", spec.name());
        prof.put("role", "CALLER");
        prof.put("callerSpec", specFile.toAbsolutePath().normalize().toString());
        prof.put("requiredLeaves", required);
        report.put("profile", prof);
        report.put("seed", 0);
        Map<String, Object> hashes = new LinkedHashMap<>();
        hashes.put("specBundleSha256", catalogue.bundleSha256());
        hashes.put("featuresSha256", TreeHash.ofFile(specFile));
        hashes.put("callerSpecSha256", TreeHash.ofFile(specFile));
        hashes.put("librarySha256", TreeHash.ofFile(lib));
        hashes.put("waiversSha256", null);
        report.put("hashes", hashes);
        Map<String, Integer> counts = Certification.putResults(report, overall, verdicts, leafResults);
        report.put("waivers", List.of());
        report.put("harnessErrors", harnessErrors);
        report.put("scenarios", rows);

        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Path json = outDir.resolve("conformance-report.json");
        om.writeValue(json.toFile(), report);
        JsonNode tree = om.readTree(json.toFile());
        CertificateWriter.html(tree, outDir.resolve("certificate.html"));
        CertificateWriter.junit(tree, outDir.resolve("certification-junit.xml"));
        return overall;
    }
}
