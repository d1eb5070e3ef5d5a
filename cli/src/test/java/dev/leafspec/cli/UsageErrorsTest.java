package dev.leafspec.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.leafspec.cli.LeafSpecCliTest.HOME;
import static dev.leafspec.cli.LeafSpecCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** The small problems a fresh-user trial found: messages, usage errors and exit codes of the commands. */
class UsageErrorsTest {
    @Test
    void noCommandNamesEveryCommand() {
        LeafSpecCliTest.Result r = run();
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("missing command: one of run, certify, verify, lint, list, adapter-check, diff-impl, caller");
    }

    @Test
    void lintOfOneFileCountsThatFile() {
        LeafSpecCliTest.Result r = run("lint", HOME.resolve("leaf-specs/tdcall/tdg.vp.info.yaml").toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).startsWith("1 file(s) checked").contains("catalogue file(s) they use").contains("0 error(s)");
    }

    @Test
    void lintOfABinaryFileSaysItIsNotUtf8Text(@TempDir Path dir) throws IOException {
        Path bin = dir.resolve("binary.yaml");
        Files.write(bin, new byte[] {'l', 'e', 'a', 'f', ':', ' ', (byte) 0xff, (byte) 0xfe, 0, 1});
        Path callerBin = dir.resolve("binary.caller.yaml");
        Files.write(callerBin, new byte[] {'a', '\n', (byte) 0xc3, (byte) 0x28});
        LeafSpecCliTest.Result r = run("lint", bin.toString(), callerBin.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains(bin + ":1:7: not UTF-8 text (byte 0xff)").contains(callerBin + ":2:1: not UTF-8 text (byte 0xc3)")
                .doesNotContain("MalformedInputException");
    }

    @Test
    void helpTextsSayWhatLintChecksAndListsExitCodes() {
        assertThat(run("lint", "--help").out()).contains("caller-spec");
        assertThat(run("list", "--help").out()).contains("Exit codes: 0");
    }

    @Test
    void verifyOfTruncatedJsonSaysWhereWithoutJacksonInternals(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("conformance-report.json"), "{\n  \"schema\": \"leafspec-conformance-report\",\n  \"scenarios\": [");
        LeafSpecCliTest.Result r = run("verify", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("conformance-report.json:3:").contains("not valid JSON").doesNotContain("REDACTED").doesNotContain("Source:");
    }

    @Test
    void nonPositiveTimeoutsAreUsageErrors(@TempDir Path dir) {
        for (String[] args : new String[][] {
                {"adapter-check", "--impl", "cmd:true", "--sleep-timeout", "-1"},
                {"adapter-check", "--impl", "cmd:true", "--timeout", "0"},
                {"caller", "--lib", "x.so", "--spec", "x.caller.yaml", "--timeout", "0"}}) {
            LeafSpecCliTest.Result r = run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", args)).contains("must be a positive number of milliseconds");
        }
    }

    @Test
    void callerSaysAFolderIsAFolderAndRefusesAFileAsOutBeforeRunning(@TempDir Path dir) throws IOException {
        String spec = HOME.resolve("examples/callers/guest/guest-helpers.caller.yaml").toString();
        LeafSpecCliTest.Result folder = run("caller", "--lib", dir.toString(), "--spec", spec);
        assertThat(folder.exit()).isEqualTo(2);
        assertThat(folder.err()).contains("is a folder, not a shared object").doesNotContain("no such file");
        Path lib = Files.writeString(dir.resolve("lib.so"), "x");
        Path file = Files.writeString(dir.resolve("report.txt"), "mine");
        LeafSpecCliTest.Result out = run("caller", "--lib", lib.toString(), "--spec", spec, "--out", file.toString());
        assertThat(out.exit()).isEqualTo(2);
        assertThat(out.err()).contains("--out " + file + " is a file");
        assertThat(out.out()).doesNotContain("passed");
        assertThat(Files.readString(file)).isEqualTo("mine");
    }

    @Test
    void anAdapterExitingWith139IsReportedAsExitCode139NotAsASignal(@TempDir Path dir) throws IOException {
        Path a = Files.writeString(dir.resolve("exit139.py"), "import sys\nsys.exit(139)\n");
        LeafSpecCliTest.Result r = run("run", "--impl", "cmd:python3 " + a, "--out", dir.resolve("out").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("exit code 139").doesNotContain("signal");
    }

    @Test
    void controlCharactersOfAGarbageReplyAreEscaped(@TempDir Path dir) throws IOException {
        Path a = Files.writeString(dir.resolve("garbage.py"), "import sys\nsys.stdout.write('\\x1b[31mred\\x07 garbage\\n')\nsys.stdout.flush()\n");
        LeafSpecCliTest.Result r = run("run", "--impl", "cmd:python3 " + a, "--out", dir.resolve("out").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("\\u001b[31mred\\u0007 garbage").doesNotContain("\u001b").doesNotContain("\u0007");
        String logged = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("out/summary.json").toFile())
                .path("harnessErrors").get(0).path("message").asText();
        assertThat(logged).contains("\\u001b[31mred").doesNotContain("\u001b");
    }

    @Test
    void aBadWaiversFileReportsEveryErrorWithLineAndColumn(@TempDir Path dir) throws IOException {
        Path w = Files.writeString(dir.resolve("waivers.yaml"), """
                waivers:
                  - rule: VP.INFO-2
                    reason: r
                    expires: 2999-12-31
                  - leaf: TDG.VP.INFO
                    link: https://example.org/bug/1
                    reason: y
                    expires: not-a-date
                """);
        LeafSpecCliTest.Result r = run("certify", "--profile", "vmm-ghci", "--waivers", w.toString(), "--out", dir.resolve("out").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(w + ":2:5: waivers[0]: link is required")
                .contains(w + ":8:14: waivers[1].expires: 'not-a-date' is not a date (YYYY-MM-DD)");
    }
}
