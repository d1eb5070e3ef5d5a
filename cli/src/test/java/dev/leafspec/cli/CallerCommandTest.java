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
}
