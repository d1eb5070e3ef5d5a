package dev.leafspec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The leafspec command end to end: exit codes, output and report files. */
class LeafSpecCliTest {
    static final Path HOME = Path.of(System.getProperty("leafspec.home", "..")).toAbsolutePath().normalize();

    record Result(int exit, String out, String err) {
    }

    static synchronized Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = LeafSpecCli.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void listJsonHasTheDocumentedKeys() throws IOException {
        Result r = run("list", "--json");
        assertThat(r.exit()).isZero();
        JsonNode arr = new ObjectMapper().readTree(r.out());
        assertThat(arr.isArray()).isTrue();
        JsonNode info = null;
        JsonNode mapgpa = null;
        for (JsonNode n : arr) {
            assertThat(n.has("instruction") && n.has("number") && n.has("subfunction") && n.has("name") && n.has("since")).isTrue();
            if (n.get("name").asText().equals("TDG.VP.INFO")) info = n;
            if (n.get("name").asText().equals("TDG.VP.VMCALL<MapGPA>")) mapgpa = n;
        }
        assertThat(info).isNotNull();
        assertThat(info.get("instruction").asText()).isEqualTo("TDCALL");
        assertThat(info.get("number").asInt()).isEqualTo(1);
        assertThat(info.get("subfunction").isNull()).isTrue();
        assertThat(mapgpa).isNotNull();
        assertThat(mapgpa.get("number").asInt()).isZero();
        assertThat(mapgpa.get("subfunction").get("R11").asLong()).isEqualTo(0x10001L);
    }

    @Test
    void listTablePrintsEveryLeaf() {
        Result r = run("list");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("TDG.VP.INFO").contains("TDG.VP.VMCALL<MapGPA>").contains("TDCALL");
    }

    @Test
    void lintOfTheBundledSpecsIsClean() {
        Result r = run("lint", HOME.resolve("leaf-specs").toString());
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("0 error(s)");
    }

    @Test
    void lintReportsFileLineColumnAndExitsOne(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("tdg.bad.yaml");
        Files.writeString(bad, """
                leaf: TDG.BAD
                instruction: TDCALL
                number: 99
                versions: [0]
                since: "1.0"
                summary: bad
                source: [ "test" ]
                inputs: {}
                ouputs: {}
                preserved: all-other-gprs
                vector-state: preserved
                status: { register: RAX, codes: [ { code: TDX_SUCCESS } ] }
                rules: []
                """);
        Result r = run("lint", bad.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains(bad + ":9:1").contains("ouputs");
    }

    @Test
    void lintOfAMissingPathIsAUsageError() {
        Result r = run("lint", "/no/such/file.yaml");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no such file");
    }

    @Test
    void runOfOneLeafPassesAndWritesEveryReport(@TempDir Path out) {
        Result r = run("run", "--tags", "@leaf:TDG.VP.INFO", "--out", out.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("tdcall").contains("contract/tdcall").contains("Reports: " + out);
        for (String f : new String[] {"cucumber.html", "cucumber.json", "junit.xml", "cucumber-messages.ndjson", "summary.json"}) {
            assertThat(out.resolve(f)).as(f).isNotEmptyFile();
        }
    }

    @Test
    void runOfASingleFeatureFile(@TempDir Path out) {
        Result r = run("run", HOME.resolve("features/tdcall/tdg.vp.info.feature").toString(), "--out", out.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).doesNotContain("contract/");
    }

    @Test
    void runThatSelectsNothingExitsThree(@TempDir Path out) {
        Result r = run("run", "--tags", "@no-such-tag", "--out", out.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).contains("Nothing ran");
    }

    @Test
    void aFailingScenarioExitsOneAndNamesLeafRuleAndRegister(@TempDir Path dir) throws IOException {
        Path features = dir.resolve("features/tdcall");
        Files.createDirectories(features);
        Files.writeString(features.resolve("wrong.feature"), """
                @leaf:TDG.VP.INFO
                Feature: a deliberately wrong expectation
                  @rule:VP.INFO-1
                  Scenario: GPAW is not 52 by default
                    Given a TD guest
                    When the guest calls TDG.VP.INFO
                    Then RCX field GPAW is 52
                """);
        Result r = run("run", "--features", dir.resolve("features").toString(), "--tags", "not @contract",
                "--out", dir.resolve("out").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("TDG.VP.INFO [VP.INFO-1] RCX[5:0] GPAW: expected 0x34, got 0x30");
    }

    @Test
    void brokenSpecsAreAHarnessErrorWithPositions(@TempDir Path dir) throws IOException {
        copy(HOME.resolve("leaf-specs"), dir.resolve("leaf-specs"));
        Path info = dir.resolve("leaf-specs/tdcall/tdg.vp.info.yaml");
        Files.writeString(info, Files.readString(info).replace("number: 1", "number: one"));
        Result r = run("run", "--specs", dir.resolve("leaf-specs").toString(), "--out", dir.resolve("out").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("tdg.vp.info.yaml:").contains("number");
    }

    @Test
    void anUnknownImplementationIsAHarnessError(@TempDir Path out) {
        Result r = run("run", "--impl", "com.example.NoSuchModule", "--out", out.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("com.example.NoSuchModule");
    }

    @Test
    void noCommandIsAUsageError() {
        Result r = run();
        assertThat(r.exit()).isEqualTo(2);
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }
}
