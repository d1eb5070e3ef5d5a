package dev.leafspec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.leafspec.api.LeafImplementation;
import dev.leafspec.cli.certify.CertificateWriter;
import dev.leafspec.cli.certify.Certification;
import dev.leafspec.cli.certify.Profile;
import dev.leafspec.cli.certify.TreeHash;
import dev.leafspec.cli.certify.Verdict;
import dev.leafspec.cli.certify.Waivers;
import dev.leafspec.spec.model.Catalogue;
import dev.leafspec.steps.Hooks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code leafspec certify}: runs a profile's scenarios against an implementation and writes a certificate:
 * conformance-report.json (schema-versioned, with hashes), certificate.html, certification-junit.xml, the Cucumber
 * reports and message stream, and a repro command per failure.
 */
@Command(name = "certify", mixinStandardHelpOptions = true,
        description = {"Certify an implementation against a profile (profiles/<name>.yaml): run the profile's scenarios, apply "
                + "waivers, and write conformance-report.json, certificate.html, certification-junit.xml, the Cucumber reports "
                + "and a repro command for each failure to the output folder. Results per scenario: PASS, FAIL, NOT_SUPPORTED, "
                + "EXPECTED_FAIL (waived failure), UNEXPECTED_PASS (waived scenario that passed), ADAPTER_ERROR, TIMEOUT.",
                "",
                "Exit codes: 0 conformant; 1 non-conformant (a failure, an unexpected pass, or a required leaf not passing); "
                + "2 harness or adapter error; 3 nothing ran."})
final class CertifyCommand extends RunCommand {
    /** Version of the conformance-report.json format. */
    static final int SCHEMA_VERSION = 1;
    static final String SCHEMA = "leafspec-conformance-report";

    @Option(names = "--profile", required = true, paramLabel = "NAME", description = "The profile: guest-1.0, guest-1.5, host-1.5, vmm-ghci, caller-guest, caller-host (wrappers: see --caller), or any file in profiles/.")
    String profileName;

    @Option(names = "--waivers", paramLabel = "FILE", description = "A waivers YAML file (docs/certification.md); with --caller "
            + "it applies to the function cases ('ex_inb [normal]', a CALLER-* rule or a leaf).")
    Path waiversFile;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Seed recorded in the report and passed to seeded scenarios (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--caller", paramLabel = "LIB.so",
            description = "Certify caller-side wrappers instead of an implementation: the shared object (with --caller-spec and --profile "
                    + "caller-guest or caller-host). Runs the Gherkin features of features/caller against it (one scenario per caller "
                    + "rule over every function of the caller spec) and writes a leafspec-caller-report that 'leafspec verify' re-checks.")
    Path caller;

    @Option(names = "--caller-spec", paramLabel = "CALLER.yaml", description = "The caller spec of --caller (docs/caller-spec-format.md).")
    Path callerSpec;

    private Profile profile;

    /** Caller profiles: the caller spec says which leaves are required, so these need no file under profiles/. */
    static final java.util.Set<String> CALLER_PROFILES = java.util.Set.of("caller-guest", "caller-host");

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() throws Exception {
        if (CALLER_PROFILES.contains(profileName)) {
            String conflict = callerConflict();
            if (conflict != null) {
                System.err.println(name() + ": profile " + profileName + " certifies caller wrappers (--caller LIB.so --caller-spec CALLER.yaml): "
                        + conflict + " does not apply to it");
                return LeafSpecCli.HARNESS_ERROR;
            }
        }
        if (caller == null && callerSpec == null) {
            if (!CALLER_PROFILES.contains(profileName)) return super.call();
            Path[] named;
            try {
                named = profileCaller(Home.find().resolve("profiles"), profileName);
            } catch (IllegalArgumentException | java.io.IOException e) {
                System.err.println(name() + ": " + e.getMessage());
                return LeafSpecCli.HARNESS_ERROR;
            }
            if (named == null) {
                System.err.println(name() + ": profile " + profileName + " certifies wrappers: give --caller LIB.so and --caller-spec CALLER.yaml");
                return LeafSpecCli.HARNESS_ERROR;
            }
            caller = named[0];
            callerSpec = named[1];
        }
        if (caller == null || callerSpec == null) {
            System.err.println(name() + ": --caller and --caller-spec go together");
            return LeafSpecCli.HARNESS_ERROR;
        }
        if (!CALLER_PROFILES.contains(profileName)) {
            System.err.println(name() + ": wrappers are certified with --profile caller-guest or caller-host, not " + profileName);
            return LeafSpecCli.HARNESS_ERROR;
        }
        CallerCommand c = new CallerCommand();
        c.lib = caller;
        c.spec = callerSpec;
        c.specs = specs;
        c.timeoutMs = adapterTimeoutMs != null ? adapterTimeoutMs : 5000;
        c.waiversFile = waiversFile;
        c.profileName = profileName;
        c.featuresDir = (features != null ? features.toAbsolutePath().normalize() : Home.find().resolve("features")).resolve("caller");
        if (!Files.isDirectory(c.featuresDir)) {
            System.err.println(name() + ": the caller features are missing: " + c.featuresDir);
            return LeafSpecCli.HARNESS_ERROR;
        }
        c.out = (out != null ? out : Path.of("leafspec-reports", "certify-" + profileName + "-"
                + java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))).toAbsolutePath().normalize();
        return c.call();
    }
    private Waivers waivers = Waivers.none();

    /** @return the options given that a caller profile cannot honour (an implementation, FEATURE paths), or null */
    private String callerConflict() {
        List<String> given = new ArrayList<>();
        var parse = commandSpec == null ? null : commandSpec.commandLine().getParseResult();
        for (String o : new String[] {"--impl", "--impl-path", "--module-version", "--tags", "--contract", "--seed"}) {
            if (parse != null && parse.hasMatchedOption(o)) given.add(o);
        }
        if (!paths.isEmpty()) given.add("FEATURE paths");
        return given.isEmpty() ? null : String.join(", ", given);
    }

    /**
     * Reads the caller a caller profile names: {@code profiles/caller-guest.yaml} holds {@code caller: { library: ...,
     * spec: ... }}, paths relative to the LeafSpec home (the bundled examples), used when the command line names none.
     *
     * @return {library, caller spec}, or null when there is no such file or it names no caller
     */
    static Path[] profileCaller(Path dir, String name) throws java.io.IOException {
        Path file = dir.resolve(name + ".yaml");
        if (!Files.isRegularFile(file)) return null;
        Object doc = new org.snakeyaml.engine.v2.api.Load(org.snakeyaml.engine.v2.api.LoadSettings.builder().setAllowDuplicateKeys(false).build())
                .loadFromString(Files.readString(file));
        if (!(doc instanceof Map<?, ?> m)) throw new IllegalArgumentException(file + ": a profile is a mapping");
        for (Object k : m.keySet()) {
            if (!Set.of("profile", "title", "role", "select", "caller").contains(String.valueOf(k))) {
                throw new IllegalArgumentException(file + ": unknown key '" + k + "' (a caller profile has profile, title, role, select, caller)");
            }
        }
        if (!(m.get("caller") instanceof Map<?, ?> c)) return null;
        if (!(c.get("library") instanceof String lib) || !(c.get("spec") instanceof String spec) || c.size() != 2) {
            throw new IllegalArgumentException(file + ": caller: needs exactly 'library' and 'spec' (paths relative to the LeafSpec home)");
        }
        Path home = dir.getParent() == null ? dir : dir.getParent();
        return new Path[] {home.resolve(lib).normalize(), home.resolve(spec).normalize()};
    }

    @Override
    protected String name() {
        return "leafspec certify";
    }

    @Override
    protected String outPrefix() {
        return "certify-" + profileName;
    }

    @Override
    protected String prepare(Catalogue catalogue, Path specsDir, Path featuresDir) throws Exception {
        super.prepare(catalogue, specsDir, featuresDir);
        if (!paths.isEmpty()) return "certify runs the profile's scenarios; give no FEATURE paths (use 'leafspec run' for that)";
        try {
            profile = Profile.load(Home.find().resolve("profiles"), profileName);
            if (waiversFile != null) waivers = Waivers.load(waiversFile);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (moduleVersion != null && profile.moduleVersion() != null && !moduleVersion.equals(profile.moduleVersion())) {
            return "--module-version " + moduleVersion + " contradicts profile " + profile.name() + " (module " + profile.moduleVersion() + ")";
        }
        if (profile.moduleVersion() != null) moduleVersion = profile.moduleVersion();
        System.setProperty("leafspec.seed", Long.toString(seed));
        return null;
    }

    @Override
    protected String selection(Catalogue catalogue) {
        String p = profile.tagExpression(catalogue);
        return tags == null || tags.isBlank() ? p : p + " and (" + tags + ")";
    }

    @Override
    protected int finish(FeatureRunner runner, Path outDir, Catalogue catalogue, Path specsDir, Path featuresDir,
                         LeafImplementation implementation, int runExit) throws Exception {
        System.clearProperty(Hooks.MODULE_VERSION_PROPERTY);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<Waivers.Waiver, Integer> applied = new LinkedHashMap<>();
        List<Certification.ScenarioVerdict> verdicts = new ArrayList<>();
        Path reproDir = outDir.resolve("repro");
        int reproCount = 0;
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ScenarioResult r : runner.results) {
            List<String> leaves = r.tagValues("leaf:").stream().map(Profile::tag).distinct().toList();
            List<String> rules = r.tagValues("rule:");
            Waivers.Waiver w = waivers.match(r.name(), rules, leaves, r.outcome() == ScenarioResult.Outcome.FAIL ? r.message() : "");
            Waivers.Waiver active = w != null && !w.expiredOn(today) ? w : null;
            Verdict v = Certification.judge(r.outcome().name(), r.message(), active);
            if (active != null && (v == Verdict.EXPECTED_FAIL || v == Verdict.UNEXPECTED_PASS)) applied.merge(active, 1, Integer::sum);
            String message = r.message();
            if (v == Verdict.UNEXPECTED_PASS) message = "waived (" + active.scope() + ": " + active.reason() + ") but passed: remove the waiver";
            if (v == Verdict.FAIL && w != null && active == null) {
                message = message + "\n(the waiver for " + w.scope() + " expired on " + w.expires() + " and no longer applies)";
            }
            verdicts.add(new Certification.ScenarioVerdict(r.name(), r.feature(), r.line(), r.area(), leaves, rules, v, message,
                    active == null ? null : active.scope()));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", r.name());
            row.put("feature", r.feature());
            row.put("line", r.line());
            row.put("area", r.area());
            row.put("leaves", leaves);
            row.put("rules", rules);
            row.put("result", v.name());
            row.put("message", message);
            row.put("waiver", active == null ? null : active.scope());
            if (v.bad()) {
                String cmd = reproCommand(r);
                Files.createDirectories(reproDir);
                reproCount++;
                Path f = reproDir.resolve(String.format("%03d.sh", reproCount));
                Files.writeString(f, "#!/usr/bin/env bash\n# " + v + ": " + r.name().replace('\n', ' ') + "\n# " + message.split("\n", 2)[0]
                        + "\n# Replays this scenario; set LEAFSPEC_IMPL to replay it against another implementation.\n" + cmd + "\n",
                        StandardCharsets.UTF_8);
                f.toFile().setExecutable(true);
                row.put("repro", cmd);
                row.put("reproFile", outDir.relativize(f).toString());
            }
            rows.add(row);
        }
        List<String> required = profile.requiredLeaves(catalogue).stream().map(l -> Profile.tag(l.leaf())).toList();
        List<Certification.LeafResult> leafResults = Certification.leaves(verdicts, required);
        Certification.Overall overall = Certification.overall(verdicts, leafResults, runner.faults.size());

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("schema", SCHEMA);
        report.put("schemaVersion", SCHEMA_VERSION);
        report.put("suite", Map.of("name", "TDX LeafSpec", "version", LeafSpecCli.VERSION));
        report.put("generatedAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
        var id = implementation.identity();
        Map<String, Object> impl = new LinkedHashMap<>();
        impl.put("name", id.name());
        impl.put("version", id.version());
        impl.put("vendor", id.vendor());
        impl.put("selector", this.impl);
        impl.put("roles", implementation.capabilities().roles().stream().map(Enum::name).sorted().toList());
        report.put("implementation", impl);
        Map<String, Object> prof = new LinkedHashMap<>();
        prof.put("name", profile.name());
        prof.put("title", profile.title());
        prof.put("role", profile.role());
        prof.put("moduleVersion", profile.moduleVersion());
        prof.put("selection", selection(catalogue));
        prof.put("requiredLeaves", required);
        report.put("profile", prof);
        report.put("seed", seed);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("specs", specsDir.toString());
        config.put("features", featuresDir.toString());
        config.put("tags", tags);
        config.put("waivers", waiversFile == null ? null : waiversFile.toAbsolutePath().normalize().toString());
        config.put("adapterTimeoutMs", adapterTimeoutMs);
        report.put("configuration", config);
        report.put("hashes", hashes(catalogue, featuresDir, outDir));
        Map<String, Integer> counts = Certification.putResults(report, overall, verdicts, leafResults);
        report.put("waivers", waivers.reportRows(today, applied));
        Set<String> tagged = new java.util.HashSet<>();
        verdicts.forEach(sv -> tagged.addAll(sv.rules()));
        boolean partial = tags != null && !tags.isBlank();
        // a --tags filter leaves scenarios out on purpose: a rule counts as having a scenario if any feature tags it
        if (partial) tagged.addAll(ruleTags(featuresDir, outDir.resolve("generated-features")));
        List<String> untested = new ArrayList<>();
        for (var leaf : profile.requiredLeaves(catalogue)) {
            for (var rule : leaf.rules()) if (!tagged.contains(rule.id())) untested.add(rule.id());
        }
        report.put("rulesWithoutScenario", untested);
        report.put("harnessErrors", runner.faults);
        report.put("scenarios", rows);

        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Path json = outDir.resolve("conformance-report.json");
        om.writeValue(json.toFile(), report);
        JsonNode tree = om.readTree(json.toFile());
        CertificateWriter.html(tree, outDir.resolve("certificate.html"));
        CertificateWriter.junit(tree, outDir.resolve("certification-junit.xml"));

        System.out.println();
        System.out.printf("Certification of %s %s against profile %s: %s (exit %d)%n", id.name(), id.version(), profile.name(),
                overall, overall.exitCode);
        for (Verdict v : Verdict.values()) {
            if (counts.get(v.name()) > 0) System.out.printf("  %-16s %d%n", v, counts.get(v.name()));
        }
        leafResults.stream().filter(l -> l.required() && !l.status().equals("PASS"))
                .forEach(l -> System.out.println("  required leaf " + l.leaf() + ": " + l.status()));
        waivers.all().stream().filter(w -> w.expiredOn(today))
                .forEach(w -> System.out.println("  waiver for " + w.scope() + " expired on " + w.expires() + " and was not applied"));
        waivers.all().stream().filter(w -> !w.expiredOn(today) && !applied.containsKey(w))
                .forEach(w -> System.out.println("  waiver for " + w.scope() + " matched no scenario"));
        if (partial) {
            System.out.println("  PARTIAL: only the scenarios matching --tags '" + tags + "' ran; the required leaves outside it are NOT_RUN");
        }
        if (!untested.isEmpty()) {
            System.out.println("  " + untested.size() + " rule(s) of the required leaves have no scenario yet (rulesWithoutScenario in the report)");
        }
        System.out.println("Certificate: " + outDir.resolve("certificate.html"));
        System.out.println("  conformance-report.json, certification-junit.xml" + (reproCount > 0 ? ", repro/" : "")
                + " — check it with: leafspec verify " + outDir);
        return overall.exitCode;
    }

    private static final java.util.regex.Pattern RULE_TAG = java.util.regex.Pattern.compile("@rule:(\\S+)");

    /** @return every rule id a feature file under these folders tags (a {@code @rule:} tag on a feature or scenario) */
    static Set<String> ruleTags(Path... dirs) throws java.io.IOException {
        Set<String> out = new java.util.HashSet<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) continue;
            try (var s = Files.walk(dir)) {
                for (Path f : s.filter(p -> p.toString().endsWith(".feature")).toList()) {
                    for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                        if (!line.trim().startsWith("@")) continue;
                        var m = RULE_TAG.matcher(line);
                        while (m.find()) out.add(m.group(1));
                    }
                }
            }
        }
        return out;
    }

    private String reproCommand(ScenarioResult r) {
        // run from the directory certify ran in, so relative adapter commands and paths resolve the same way
        StringBuilder sb = new StringBuilder("cd '" + Path.of("").toAbsolutePath() + "' && \"${LEAFSPEC_HOME:-" + Home.find()
                + "}/bin/leafspec\" run '" + r.feature() + (r.line() > 0 ? ":" + r.line() : "") + "' --impl \"${LEAFSPEC_IMPL:-"
                + impl.replace("\"", "\\\"") + "}\"");
        for (Path p : implPath) sb.append(" --impl-path '").append(p.toAbsolutePath()).append("'");
        if (moduleVersion != null) sb.append(" --module-version ").append(moduleVersion);
        if (adapterTimeoutMs != null) sb.append(" --adapter-timeout ").append(adapterTimeoutMs);
        if (r.feature().contains("generated-features")) sb.append(" --specs '").append(Home.specs(specs)).append("'");
        return sb.toString();
    }

    /**
     * Copies the profile and the waivers into the report folder (so the folder verifies anywhere) and hashes the
     * spec bundle, the features, the generated features, the profile and the waivers.
     */
    private Map<String, Object> hashes(Catalogue catalogue, Path featuresDir, Path outDir) throws java.io.IOException {
        Files.copy(Home.find().resolve("profiles").resolve(profile.name() + ".yaml"), outDir.resolve("profile.yaml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        if (waiversFile != null) {
            Files.copy(waiversFile, outDir.resolve("waivers.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Map<String, Object> hashes = new LinkedHashMap<>();
        hashes.put("specBundleSha256", catalogue.bundleSha256());
        hashes.put("featuresSha256", TreeHash.of(featuresDir, ".feature"));
        hashes.put("generatedFeaturesSha256", TreeHash.of(outDir.resolve("generated-features"), ".feature"));
        hashes.put("profileSha256", TreeHash.ofFile(outDir.resolve("profile.yaml")));
        hashes.put("waiversSha256", waiversFile == null ? null : TreeHash.ofFile(outDir.resolve("waivers.yaml")));
        hashes.put("evidence", Evidence.hashes(outDir));
        return hashes;
    }

    @Override
    protected void implementationFailed(Catalogue catalogue, Path outDir, Path specsDir, Path featuresDir, String reason) throws Exception {
        // the implementation never started (an adapter that cannot run): the folder still gets a report that says so
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("schema", SCHEMA);
        report.put("schemaVersion", SCHEMA_VERSION);
        report.put("suite", Map.of("name", "TDX LeafSpec", "version", LeafSpecCli.VERSION));
        report.put("generatedAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
        Map<String, Object> implRow = new LinkedHashMap<>();
        implRow.put("name", "(did not start)");
        implRow.put("version", "");
        implRow.put("vendor", "");
        implRow.put("selector", impl);
        report.put("implementation", implRow);
        report.put("profile", Map.of("name", profile.name(), "title", profile.title(), "role", profile.role()));
        report.put("seed", seed);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("specs", specsDir.toString());
        config.put("features", featuresDir.toString());
        report.put("configuration", config);
        report.put("hashes", hashes(catalogue, featuresDir, outDir));
        report.put("verdict", Certification.Overall.HARNESS_ERROR.name());
        report.put("exitCode", Certification.Overall.HARNESS_ERROR.exitCode);
        report.put("counts", Map.of());
        report.put("leaves", List.of());
        report.put("waivers", List.of());
        report.put("harnessErrors", List.of(Map.of("where", "implementation", "message", reason)));
        report.put("scenarios", List.of());
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        om.writeValue(outDir.resolve("conformance-report.json").toFile(), report);
        JsonNode tree = om.readTree(outDir.resolve("conformance-report.json").toFile());
        CertificateWriter.html(tree, outDir.resolve("certificate.html"));
        CertificateWriter.junit(tree, outDir.resolve("certification-junit.xml"));
        System.out.println("Certification of " + impl + " against profile " + profile.name() + ": HARNESS_ERROR (exit 2): " + reason);
        System.out.println("Certificate: " + outDir.resolve("certificate.html"));
    }
}
