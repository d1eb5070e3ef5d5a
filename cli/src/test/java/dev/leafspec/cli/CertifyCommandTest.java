package dev.leafspec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.leafspec.cli.LeafSpecCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** leafspec certify and leafspec verify end to end. */
class CertifyCommandTest {
    static final ObjectMapper OM = new ObjectMapper();

    static JsonNode report(Path out) throws IOException {
        return OM.readTree(out.resolve("conformance-report.json").toFile());
    }

    static List<String> results(JsonNode report, String rule) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : report.path("scenarios")) {
            for (JsonNode r : s.path("rules")) {
                if (r.asText().equals(rule)) out.add(s.path("result").asText());
            }
        }
        return out;
    }

    @Test
    void theReferenceEngineIsConformantToGuest15AndTheCertificateVerifies(@TempDir Path out) throws IOException {
        LeafSpecCliTest.Result r = run("certify", "--profile", "guest-1.5", "--seed", "7", "--out", out.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("CONFORMANT (exit 0)");
        for (String f : new String[] {"conformance-report.json", "certificate.html", "certification-junit.xml", "cucumber-messages.ndjson", "cucumber.html"}) {
            assertThat(out.resolve(f)).as(f).isNotEmptyFile();
        }
        JsonNode rep = report(out);
        assertThat(rep.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(rep.path("seed").asLong()).isEqualTo(7);
        assertThat(rep.path("hashes").path("specBundleSha256").asText()).hasSize(64);
        assertThat(rep.path("hashes").path("featuresSha256").asText()).hasSize(64);
        assertThat(rep.path("profile").path("requiredLeaves").toString()).contains("TDG.VP.INFO").contains("TDG.MR.KEY.GET");
        assertThat(Files.readString(out.resolve("certificate.html"))).contains("CONFORMANT").contains("TDG.MEM.PAGE.ACCEPT");

        LeafSpecCliTest.Result v = run("verify", out.toString());
        assertThat(v.exit()).as(v.out()).isZero();
        assertThat(v.out()).contains("VERIFIED");
    }

    @Test
    void verifyCatchesATamperedReport(@TempDir Path out) throws IOException {
        assertThat(run("certify", "--profile", "vmm-ghci", "--out", out.toString()).exit()).isZero();
        ObjectNode rep = (ObjectNode) report(out);
        ((ObjectNode) rep.path("scenarios").get(0)).put("result", "FAIL");
        ((ObjectNode) rep.path("hashes")).put("specBundleSha256", "0".repeat(64));
        OM.writeValue(out.resolve("conformance-report.json").toFile(), rep);
        LeafSpecCliTest.Result v = run("verify", out.toString());
        assertThat(v.exit()).isEqualTo(1);
        assertThat(v.out()).contains("spec bundle SHA-256 differs").contains("does not follow from the results");
    }

    @Test
    void waiversTurnFailuresIntoExpectedFailuresAndPassesIntoUnexpectedPasses(@TempDir Path dir) throws IOException {
        Path waivers = dir.resolve("waivers.yaml");
        Files.writeString(waivers, """
                waivers:
                  - rule: VP.INFO-2
                    reason: "claimed broken, but it is not"
                    link: https://example.org/bug/1
                    expires: 2999-12-31
                  - rule: VP.INFO-3
                    reason: "an old waiver"
                    link: https://example.org/bug/2
                    expires: 2001-01-01
                """);
        Path out = dir.resolve("out");
        LeafSpecCliTest.Result r = run("certify", "--profile", "guest-1.5", "--waivers", waivers.toString(),
                "--tags", "@leaf:TDG.VP.INFO", "--out", out.toString());
        assertThat(r.exit()).as(r.out()).isEqualTo(1);
        JsonNode rep = report(out);
        assertThat(results(rep, "VP.INFO-2")).isNotEmpty().containsOnly("UNEXPECTED_PASS");
        assertThat(results(rep, "VP.INFO-3")).isNotEmpty().containsOnly("PASS");
        assertThat(r.out()).contains("waiver for rule VP.INFO-3 expired on 2001-01-01 and was not applied");
        assertThat(rep.path("waivers").get(1).path("expired").asBoolean()).isTrue();
        assertThat(rep.path("hashes").path("waiversSha256").asText()).hasSize(64);
        assertThat(Files.readString(out.resolve("certification-junit.xml"))).contains("UNEXPECTED_PASS");
    }

    @Test
    void aBrokenImplementationFailsWithAReproCommand(@TempDir Path dir) throws IOException {
        Path classes = LeafSpecCliTest.compileBrokenInfo(dir);
        Path waivers = dir.resolve("waivers.yaml");
        Files.writeString(waivers, """
                waivers:
                  - rule: VP.INFO-1
                    reason: "MAX_VCPUS off by one, fixed in the next release"
                    link: https://example.org/bug/3
                    expires: 2999-12-31
                """);
        Path out = dir.resolve("out");
        LeafSpecCliTest.Result r = run("certify", "--profile", "guest-1.5", "--impl-path", classes.toString(), "--impl", "demo.BrokenInfo",
                "--tags", "@leaf:TDG.VP.INFO and not @contract", "--out", out.toString());
        assertThat(r.exit()).isEqualTo(1);
        JsonNode rep = report(out);
        assertThat(results(rep, "VP.INFO-1")).contains("FAIL");
        JsonNode failed = null;
        for (JsonNode s : rep.path("scenarios")) if (s.path("result").asText().equals("FAIL")) failed = s;
        assertThat(failed).isNotNull();
        assertThat(failed.path("message").asText()).contains("TDG.VP.INFO [VP.INFO-1] R8[63:32] MAX_VCPUS");
        assertThat(failed.path("repro").asText()).contains("bin/leafspec\" run '").contains("tdg.vp.info.feature:").contains("demo.BrokenInfo");
        assertThat(out.resolve(failed.path("reproFile").asText())).isNotEmptyFile();

        Path out2 = dir.resolve("out2");
        run("certify", "--profile", "guest-1.5", "--impl-path", classes.toString(), "--impl", "demo.BrokenInfo",
                "--waivers", waivers.toString(), "--tags", "@leaf:TDG.VP.INFO and not @contract", "--out", out2.toString());
        assertThat(results(report(out2), "VP.INFO-1")).doesNotContain("FAIL").contains("EXPECTED_FAIL");
    }

    @Test
    void aRequiredLeafThatIsNotSupportedFailsCertification(@TempDir Path dir) throws IOException {
        Path src = dir.resolve("src/demo/NoInfo.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
                package demo;
                import dev.leafspec.api.*;
                import java.util.*;
                /** The reference engine without TDG.VP.INFO: it declares the leaf unsupported. */
                public class NoInfo implements LeafImplementation {
                    private final LeafImplementation real = new dev.leafspec.engine.TdxModule();
                    public Identity identity() { return new Identity("no info", "1", "test"); }
                    public Capabilities capabilities() {
                        Capabilities c = real.capabilities();
                        Set<String> leaves = new HashSet<>(c.leaves());
                        leaves.remove("TDG.VP.INFO");
                        return new Capabilities(c.roles(), c.specVersions(), leaves, c.features());
                    }
                    public void reset() { real.reset(); }
                    public void fixture(String n, Map<String, String> p) { real.fixture(n, p); }
                    public RegisterFile observe(String n) { return real.observe(n); }
                    public byte[] readGuestMemory(long gpa, int len) { return real.readGuestMemory(gpa, len); }
                    public void writeGuestMemory(long gpa, byte[] b) { real.writeGuestMemory(gpa, b); }
                    public void call(Instruction i, RegisterFile r) { real.call(i, r); }
                }
                """);
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        int rc = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), src.toString());
        assertThat(rc).isZero();
        Path out = dir.resolve("out");
        LeafSpecCliTest.Result r = run("certify", "--profile", "guest-1.5", "--impl-path", classes.toString(), "--impl", "demo.NoInfo",
                "--out", out.toString());
        assertThat(r.exit()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains("required leaf TDG.VP.INFO: NOT_SUPPORTED");
        assertThat(Files.readString(out.resolve("certification-junit.xml"))).contains("required leaf TDG.VP.INFO is NOT_SUPPORTED");
        assertThat(run("verify", out.toString()).exit()).isZero();
    }

    @Test
    void anAdapterThatCannotStartStillLeavesAReportThatVerifies(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        LeafSpecCliTest.Result r = run("certify", "--profile", "guest-1.5", "--impl", "cmd:/no/such/adapter", "--out", out.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(report(out).path("verdict").asText()).isEqualTo("HARNESS_ERROR");
        assertThat(report(out).path("harnessErrors").toString()).contains("start-failed");
        assertThat(run("verify", out.toString()).exit()).isZero();
    }

    @Test
    void verifyCatchesAnEditedCertificateAndACopiedFolderStillVerifies(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        Path waivers = dir.resolve("w.yaml");
        Files.writeString(waivers, "waivers:\n  - rule: NO.SUCH-1\n    reason: r\n    link: l\n    expires: 2999-01-01\n");
        LeafSpecCliTest.Result r = run("certify", "--profile", "vmm-ghci", "--waivers", waivers.toString(), "--out", out.toString());
        assertThat(r.out()).contains("waiver for rule NO.SUCH-1 matched no scenario");
        Files.delete(waivers);
        assertThat(run("verify", out.toString()).exit()).as("the waivers travel with the folder").isZero();
        Path html = out.resolve("certificate.html");
        Files.writeString(html, Files.readString(html).replace("Nothing failed.", "All good."));
        LeafSpecCliTest.Result v = run("verify", out.toString());
        assertThat(v.exit()).isEqualTo(1);
        assertThat(v.out()).contains("certificate.html does not match the report");
    }

    @Test
    void callerWrappersAreCertifiedWithACallerProfile(@TempDir Path dir) throws IOException {
        Path ok = LeafSpecCliTest.HOME.resolve("native/target/callers/libguest-ok.so");
        Path bad = LeafSpecCliTest.HOME.resolve("native/target/callers/libguest-rbp-in-bitmap.so");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(ok), "the native harness and example wrappers were not built (no gcc?)");
        String spec = LeafSpecCliTest.HOME.resolve("examples/callers/guest/guest-helpers.caller.yaml").toString();
        LeafSpecCliTest.Result good = run("certify", "--profile", "caller-guest", "--caller", ok.toString(), "--caller-spec", spec,
                "--out", dir.resolve("ok").toString());
        assertThat(good.exit()).as(good.out() + good.err()).isZero();
        assertThat(report(dir.resolve("ok")).path("verdict").asText()).isEqualTo("CONFORMANT");
        LeafSpecCliTest.Result faulty = run("certify", "--profile", "caller-guest", "--caller", bad.toString(), "--caller-spec", spec,
                "--out", dir.resolve("bad").toString());
        assertThat(faulty.exit()).isEqualTo(1);
        assertThat(faulty.out()).contains("ex_tdvmcall").contains("RBP").contains("CALLER-BITMAP-FORBIDDEN");
        assertThat(run("certify", "--profile", "guest-1.5", "--caller", ok.toString(), "--caller-spec", spec).exit()).isEqualTo(2);
    }

    @Test
    void badProfilesAndWaiversAreUsageErrors(@TempDir Path dir) throws IOException {
        LeafSpecCliTest.Result p = run("certify", "--profile", "nope", "--out", dir.resolve("a").toString());
        assertThat(p.exit()).isEqualTo(2);
        assertThat(p.err()).contains("no profile 'nope'").contains("guest-1.5");
        Path bad = dir.resolve("w.yaml");
        Files.writeString(bad, "waivers:\n  - rule: X-1\n    reason: r\n    expires: 2030-01-01\n");
        LeafSpecCliTest.Result w = run("certify", "--profile", "guest-1.5", "--waivers", bad.toString(), "--out", dir.resolve("b").toString());
        assertThat(w.exit()).isEqualTo(2);
        assertThat(w.err()).contains("waivers[0]: link is required");
    }

    @Test
    void verifyOfAFolderWithoutAReportIsAHarnessError(@TempDir Path dir) {
        assertThat(run("verify", dir.toString()).exit()).isEqualTo(2);
    }

    @Test
    void verifyChecksTheRawEvidenceFiles(@TempDir Path out) throws IOException {
        assertThat(run("certify", "--profile", "vmm-ghci", "--out", out.toString()).exit()).isZero();
        assertThat(report(out).path("hashes").path("evidence").has("cucumber.json")).isTrue();
        Path messages = out.resolve("cucumber-messages.ndjson");
        Files.writeString(messages, Files.readString(messages).replace("\"PASSED\"", "\"FAILED\""));
        Files.delete(out.resolve("cucumber.json"));
        Files.delete(out.resolve("junit.xml"));
        LeafSpecCliTest.Result v = run("verify", out.toString());
        assertThat(v.exit()).as(v.out()).isEqualTo(1);
        assertThat(v.out()).contains("evidence file cucumber-messages.ndjson SHA-256 differs")
                .contains("evidence file cucumber.json is missing").contains("evidence file junit.xml is missing");
    }

    @Test
    void verifyCrossChecksTheScenarioResultsAgainstCucumberJson(@TempDir Path out) throws IOException {
        assertThat(run("certify", "--profile", "vmm-ghci", "--out", out.toString()).exit()).isZero();
        ObjectNode rep = (ObjectNode) report(out);
        ObjectNode first = (ObjectNode) rep.path("scenarios").get(0);
        first.put("result", "FAIL");
        OM.writeValue(out.resolve("conformance-report.json").toFile(), rep);
        LeafSpecCliTest.Result v = run("verify", out.toString());
        assertThat(v.exit()).as(v.out()).isEqualTo(1);
        assertThat(v.out()).contains("scenario '" + first.path("name").asText() + "'").contains("is FAIL in the report but PASS in cucumber.json");
    }

    @Test
    void reusingAnOutFolderDropsTheEarlierRunsReproScriptsAndAdapterLog(@TempDir Path out) throws IOException {
        Files.createDirectories(out.resolve("repro"));
        Files.writeString(out.resolve("repro/001.sh"), "# FAIL: from an earlier run\n");
        Files.writeString(out.resolve("adapter-stderr.log"), "earlier adapter\n");
        Files.writeString(out.resolve("notes.txt"), "the user's own file\n");
        assertThat(run("certify", "--profile", "vmm-ghci", "--out", out.toString()).exit()).isZero();
        assertThat(out.resolve("repro")).doesNotExist();
        assertThat(out.resolve("adapter-stderr.log")).doesNotExist();
        assertThat(out.resolve("notes.txt")).exists();
        assertThat(run("verify", out.toString()).exit()).isZero();
        Files.createDirectories(out.resolve("repro"));
        Files.writeString(out.resolve("repro/001.sh"), "# added later\n");
        LeafSpecCliTest.Result v = run("verify", out.toString());
        assertThat(v.exit()).isEqualTo(1);
        assertThat(v.out()).contains("evidence file repro/001.sh is not recorded in the report");
    }

    @Test
    void aTagFilteredCertificationIsPartialAndStillVerifies(@TempDir Path out) throws IOException {
        LeafSpecCliTest.Result r = run("certify", "--profile", "guest-1.5", "--tags", "@leaf:TDG.VP.INFO", "--out", out.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("NON_CONFORMANT").contains("PARTIAL: only the scenarios matching --tags '@leaf:TDG.VP.INFO' ran");
        // TDG.VP.RD's rules have scenarios; the filter only left them out of this run
        assertThat(report(out).path("rulesWithoutScenario").toString()).doesNotContain("\"VP.RD-1\"");
        LeafSpecCliTest.Result v = run("verify", out.toString());
        assertThat(v.exit()).as(v.out()).isZero();
        assertThat(v.out()).contains("PARTIAL: the certification ran only the scenarios matching --tags '@leaf:TDG.VP.INFO'")
                .contains("required leaf(s) did not run").contains("VERIFIED").doesNotContain("has no scenario in the report");
    }
}
