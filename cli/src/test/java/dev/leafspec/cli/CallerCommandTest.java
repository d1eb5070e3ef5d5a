package dev.leafspec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.leafspec.cli.LeafSpecCliTest.HOME;
import static dev.leafspec.cli.LeafSpecCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** leafspec caller --out: a caller library certified into conformance-report.json, certificate.html and JUnit XML. */
class CallerCommandTest {
    static Path lib(String name) {
        Path p = HOME.resolve("native/target/callers/" + name);
        assumeTrue(Files.isRegularFile(p) && Files.isRegularFile(HOME.resolve("native/target/leafspec-harness")),
                "the native harness and example libraries are not built (native/build.sh)");
        return p;
    }

    @Test
    void correctLibraryIsConformant(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("cert");
        LeafSpecCliTest.Result r = run("caller", "--lib", lib("libhost-ok.so").toString(),
                "--spec", HOME.resolve("examples/callers/host/host-helpers.caller.yaml").toString(), "--out", out.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("CONFORMANT (exit 0)");
        JsonNode rep = new ObjectMapper().readTree(out.resolve("conformance-report.json").toFile());
        assertThat(rep.path("schema").asText()).isEqualTo("leafspec-caller-report");
        assertThat(rep.path("verdict").asText()).isEqualTo("CONFORMANT");
        assertThat(rep.path("leaves").get(0).path("leaf").asText()).isEqualTo("TDH.SYS.RD");
        assertThat(rep.path("leaves").get(0).path("status").asText()).isEqualTo("PASS");
        assertThat(out.resolve("certificate.html")).exists();
        assertThat(out.resolve("certification-junit.xml")).exists();
    }

    @Test
    void faultyLibraryIsNonConformantWithTheRule(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("cert");
        LeafSpecCliTest.Result r = run("caller", "--lib", lib("libguest-xmm-clobber.so").toString(),
                "--spec", HOME.resolve("examples/callers/guest/guest-helpers.caller.yaml").toString(), "--out", out.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        JsonNode rep = new ObjectMapper().readTree(out.resolve("conformance-report.json").toFile());
        assertThat(rep.path("verdict").asText()).isEqualTo("NON_CONFORMANT");
        assertThat(rep.path("counts").path("FAIL").asInt()).isEqualTo(2);
        assertThat(rep.path("rules").path("CALLER-XMM").path("FAIL").asInt()).isEqualTo(2);
        assertThat(Files.readString(out.resolve("certificate.html"))).contains("ex_inb [normal]: XMM1: not preserved");
    }

    static JsonNode report(Path out) throws Exception {
        return new ObjectMapper().readTree(out.resolve("conformance-report.json").toFile());
    }

    @Test
    void certifyRunsTheGherkinCallerFeaturesAndVerifyRechecksTheReport(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("cert");
        Path lib = lib("libguest-xmm-clobber.so");
        String spec = HOME.resolve("examples/callers/guest/guest-helpers.caller.yaml").toString();
        LeafSpecCliTest.Result r = run("certify", "--profile", "caller-guest", "--caller", lib.toString(), "--caller-spec", spec,
                "--out", out.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        JsonNode rep = report(out);
        assertThat(rep.path("profile").path("name").asText()).isEqualTo("caller-guest");
        assertThat(rep.path("features").size()).isGreaterThanOrEqualTo(15);
        assertThat(rep.path("features")).filteredOn(f -> f.path("result").asText().equals("FAIL")).singleElement()
                .satisfies(f -> {
                    assertThat(f.path("name").asText()).endsWith("a custom all-preserving convention also preserves the XMM registers");
                    assertThat(f.path("message").asText()).contains("TDG.VP.VMCALL<Instruction.IO>: ex_inb [normal]: XMM1: not preserved");
                });
        assertThat(out.resolve("cucumber.html")).exists();
        assertThat(out.resolve("cucumber-messages.ndjson")).exists();
        LeafSpecCliTest.Result v = run("verify", out.toString());
        assertThat(v.exit()).as(v.out() + v.err()).isZero();
        assertThat(v.out()).contains("VERIFIED");

        // a different library under the same name: verify names the library hash
        Path copy = dir.resolve("lib.so");
        Files.copy(lib("libguest-ok.so"), copy);
        LeafSpecCliTest.Result other = run("verify", out.toString(), "--caller", copy.toString());
        assertThat(other.exit()).isEqualTo(1);
        assertThat(other.out()).contains("FAILED: library SHA-256 differs");
        // an edited count
        Path json = out.resolve("conformance-report.json");
        Files.writeString(json, Files.readString(json).replace("\"FAIL\" : 2", "\"FAIL\" : 1"));
        LeafSpecCliTest.Result edited = run("verify", out.toString());
        assertThat(edited.exit()).isEqualTo(1);
        assertThat(edited.out()).contains("FAILED: counts.FAIL is 1 but 2 scenario(s) have that result");
    }

    @Test
    void waiversApplyToCallerCertifications(@TempDir Path dir) throws Exception {
        Path waivers = dir.resolve("waivers.yaml");
        Files.writeString(waivers, """
                waivers:
                  - rule: CALLER-XMM
                    reason: "ex_inb uses XMM1 as scratch"
                    link: https://example.org/bug/1
                    expires: 2099-12-31
                  - scenario: "ex_outb [normal]"
                    reason: "fixed already"
                    link: https://example.org/bug/2
                    expires: 2099-12-31
                  - leaf: TDG.VP.INFO
                    reason: "an expired waiver"
                    link: https://example.org/bug/3
                    expires: 2020-01-01
                """);
        String spec = HOME.resolve("examples/callers/guest/guest-helpers.caller.yaml").toString();
        Path out = dir.resolve("cert");
        LeafSpecCliTest.Result r = run("certify", "--profile", "caller-guest", "--caller", lib("libguest-xmm-clobber.so").toString(),
                "--caller-spec", spec, "--waivers", waivers.toString(), "--out", out.toString());
        // the XMM failures are EXPECTED_FAIL; the waived ex_outb [normal] passed: UNEXPECTED_PASS makes it non-conformant
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        JsonNode rep = report(out);
        assertThat(rep.path("counts").path("EXPECTED_FAIL").asInt()).isEqualTo(2);
        assertThat(rep.path("counts").path("UNEXPECTED_PASS").asInt()).isEqualTo(1);
        assertThat(rep.path("counts").path("FAIL").asInt()).isZero();
        assertThat(rep.path("waivers").get(0).path("applied").asInt()).isEqualTo(2);
        assertThat(rep.path("waivers").get(2).path("expired").asBoolean()).isTrue();
        assertThat(rep.path("waivers").get(2).path("applied").asInt()).isZero();
        assertThat(rep.path("features")).filteredOn(f -> f.path("name").asText().endsWith("also preserves the XMM registers"))
                .singleElement().satisfies(f -> assertThat(f.path("result").asText()).isEqualTo("EXPECTED_FAIL"));
        assertThat(out.resolve("waivers.yaml")).exists();
        assertThat(run("verify", out.toString()).exit()).isZero();

        // the same with `leafspec caller`, waiving only the XMM rule: conformant
        Files.writeString(waivers, Files.readString(waivers).substring(0, Files.readString(waivers).indexOf("  - scenario")));
        Path out2 = dir.resolve("cert2");
        LeafSpecCliTest.Result c = run("caller", "--lib", lib("libguest-xmm-clobber.so").toString(), "--spec", spec,
                "--waivers", waivers.toString(), "--out", out2.toString());
        assertThat(c.exit()).as(c.out() + c.err()).isZero();
        // the console says what the waiver did, as the report does
        assertThat(c.out()).contains("ex_inb [normal]: EXPECTED_FAIL (waiver for rule CALLER-XMM)");
        assertThat(report(out2).path("verdict").asText()).isEqualTo("CONFORMANT");
        assertThat(report(out2).path("scenarios")).filteredOn(s -> s.path("result").asText().equals("EXPECTED_FAIL")).hasSize(2)
                .allSatisfy(s -> assertThat(s.path("waiver").asText()).isEqualTo("rule CALLER-XMM"));
        assertThat(run("verify", out2.toString()).exit()).isZero();
        // --waivers without --out is a usage error
        assertThat(run("caller", "--lib", lib("libguest-ok.so").toString(), "--spec", spec, "--waivers", waivers.toString()).exit()).isEqualTo(2);
    }

    @Test
    void withoutTheHarnessNothingRunsAndTheReportStillVerifies(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("cert");
        String old = System.getProperty("leafspec.harness");
        System.setProperty("leafspec.harness", dir.resolve("no-such-harness").toString());
        try {
            dev.leafspec.steps.caller.CallerUnderTest.clear();
            LeafSpecCliTest.Result r = run("certify", "--profile", "caller-host", "--caller", lib("libhost-ok.so").toString(),
                    "--caller-spec", HOME.resolve("examples/callers/host/host-helpers.caller.yaml").toString(), "--out", out.toString());
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(3);
            JsonNode rep = report(out);
            assertThat(rep.path("verdict").asText()).isEqualTo("NOTHING_RAN");
            assertThat(rep.path("scenarios")).hasSize(2).allSatisfy(s -> {
                assertThat(s.path("result").asText()).isEqualTo("NOT_SUPPORTED");
                assertThat(s.path("message").asText()).startsWith("native harness not built");
            });
            assertThat(rep.path("features")).allSatisfy(f -> assertThat(f.path("result").asText()).isEqualTo("NOT_SUPPORTED"));
        } finally {
            if (old == null) System.clearProperty("leafspec.harness");
            else System.setProperty("leafspec.harness", old);
            dev.leafspec.steps.caller.CallerUnderTest.clear();
        }
        assertThat(run("verify", out.toString()).exit()).isZero();
    }

    @Test
    void aCallerProfileNamesTheBundledExampleWhenTheCommandLineNamesNone(@TempDir Path dir) throws Exception {
        lib("libhost-ok.so");
        Path out = dir.resolve("cert");
        LeafSpecCliTest.Result r = run("certify", "--profile", "caller-host", "--out", out.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        JsonNode rep = report(out);
        assertThat(rep.path("implementation").path("name").asText()).isEqualTo("libhost-ok.so");
        assertThat(rep.path("profile").path("callerSpec").asText()).endsWith("examples/callers/host/host-helpers.caller.yaml");
        assertThat(rep.path("verdict").asText()).isEqualTo("CONFORMANT");
    }

    @Test
    void aCallerProfileRefusesAnImplementationItWouldIgnore(@TempDir Path dir) {
        LeafSpecCliTest.Result r = run("certify", "--profile", "caller-guest", "--impl", "cmd:python3 examples/python/adapter.py",
                "--out", dir.resolve("cert").toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains("caller-guest").contains("--impl does not apply");
        assertThat(dir.resolve("cert/conformance-report.json")).doesNotExist();
    }

    @Test
    void aCallerProfileRefusesACallerSpecOfTheOtherRole(@TempDir Path dir) throws Exception {
        Path anyLib = Files.writeString(dir.resolve("lib.so"), "not loaded: the role is checked first");
        LeafSpecCliTest.Result r = run("certify", "--profile", "caller-host", "--caller", anyLib.toString(),
                "--caller-spec", HOME.resolve("examples/callers/guest/guest-helpers.caller.yaml").toString(), "--out", dir.resolve("cert").toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains("caller-host certifies SEAMCALL wrappers").contains("ex_tdcall issues TDG.VP.INFO (TDCALL)");
        assertThat(dir.resolve("cert/conformance-report.json")).doesNotExist();

        LeafSpecCliTest.Result g = run("certify", "--profile", "caller-guest", "--caller", anyLib.toString(),
                "--caller-spec", HOME.resolve("examples/callers/host/host-helpers.caller.yaml").toString(), "--out", dir.resolve("cert2").toString());
        assertThat(g.exit()).as(g.out() + g.err()).isEqualTo(2);
        assertThat(g.err()).contains("caller-guest certifies TDCALL wrappers").contains("(SEAMCALL)");
    }

    @Test
    void verifyCrossChecksTheCallerFeatureResultsAndTheEvidence(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("cert");
        LeafSpecCliTest.Result r = run("certify", "--profile", "caller-guest", "--caller", lib("libguest-xmm-clobber.so").toString(),
                "--caller-spec", HOME.resolve("examples/callers/guest/guest-helpers.caller.yaml").toString(), "--out", out.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        JsonNode rep = report(out);
        assertThat(rep.path("hashes").path("featuresSha256").asText()).isNotEqualTo(rep.path("hashes").path("callerSpecSha256").asText())
                .isEqualTo(rep.path("hashes").path("callerFeaturesSha256").asText());
        assertThat(run("verify", out.toString()).exit()).isZero();
        com.fasterxml.jackson.databind.node.ObjectNode edited = (com.fasterxml.jackson.databind.node.ObjectNode) rep;
        for (JsonNode f : edited.path("features")) {
            if (f.path("result").asText().equals("FAIL")) ((com.fasterxml.jackson.databind.node.ObjectNode) f).put("result", "PASS");
        }
        new ObjectMapper().writeValue(out.resolve("conformance-report.json").toFile(), edited);
        LeafSpecCliTest.Result v = run("verify", out.toString());
        assertThat(v.exit()).as(v.out()).isEqualTo(1);
        assertThat(v.out()).contains("caller scenario '").contains("is PASS in the report but FAIL in cucumber.json");
    }

    @Test
    void aHarnessErrorExitsTwoWithOrWithoutOut(@TempDir Path dir) throws Exception {
        String guestSpec = HOME.resolve("examples/callers/guest/guest-helpers.caller.yaml").toString();
        // the host library has none of the guest helpers' symbols
        String hostLib = lib("libhost-ok.so").toString();
        assertThat(run("caller", "--lib", hostLib, "--spec", guestSpec).exit()).isEqualTo(2);
        assertThat(run("caller", "--lib", hostLib, "--spec", guestSpec, "--out", dir.resolve("a").toString()).exit()).isEqualTo(2);
        Path notElf = Files.writeString(dir.resolve("libnot-elf.so"), "not a shared object");
        LeafSpecCliTest.Result r = run("caller", "--lib", notElf.toString(), "--spec", guestSpec);
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(run("caller", "--lib", notElf.toString(), "--spec", guestSpec, "--out", dir.resolve("b").toString()).exit()).isEqualTo(2);
    }
}
