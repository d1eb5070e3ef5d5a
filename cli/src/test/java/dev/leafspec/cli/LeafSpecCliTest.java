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

    @Test
    void aBadTagExpressionIsAUsageError(@TempDir Path out) {
        Result r = run("run", "--tags", "@a or or @b", "--out", out.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("bad tag expression '@a or or @b'");
        assertThat(r.out()).doesNotContain("failed");
    }

    @Test
    void aMissingOrFileFeaturesFolderIsAUsageError(@TempDir Path out) {
        Result missing = run("run", "--features", "/no/such/features", "--out", out.toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("/no/such/features").contains("does not exist");
        Result file = run("run", "--features", HOME.resolve("features/tdcall/tdg.vp.info.feature").toString(), "--out", out.toString());
        assertThat(file.exit()).isEqualTo(2);
        assertThat(file.err()).contains("is a file");
    }

    @Test
    void aSpecsFolderWithoutTheLayoutIsAUsageError(@TempDir Path dir) throws IOException {
        Files.copy(HOME.resolve("leaf-specs/tdcall/tdg.vp.info.yaml"), dir.resolve("tdg.vp.info.yaml"));
        Result r = run("run", "--specs", dir.toString(), "--out", dir.resolve("out").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no leaf specs found under " + dir);
        Result l = run("list", "--specs", dir.toString());
        assertThat(l.exit()).isEqualTo(2);
        assertThat(l.err()).contains("no leaf specs found");
    }

    @Test
    void aRunWhereEveryScenarioIsNotSupportedExitsThree(@TempDir Path out) {
        Result r = run("run", "--tags", "@leaf:TDG.DEVIF.RD", "--out", out.toString());
        assertThat(r.exit()).as(r.out()).isEqualTo(3);
        assertThat(r.out()).contains("leaf TDG.DEVIF.RD (TDX module 2.0)").contains("every selected scenario ended NOT_SUPPORTED");
    }

    @Test
    void aFeatureLineSelectsOneScenario(@TempDir Path out) throws IOException {
        Path f = HOME.resolve("features/tdcall/tdg.vp.info.feature");
        int line = 1;
        for (String l : Files.readAllLines(f)) {
            if (l.contains("Scenario: a TD with a 52-bit GPA width")) break;
            line++;
        }
        Result r = run("run", f + ":" + line, "--out", out.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).containsPattern("total\\s+1\\s+0\\s+0");
    }

    @Test
    void anUnwritableReportFolderIsAHarnessErrorWithTheReason() {
        Result r = run("run", "--tags", "@leaf:TDG.VP.INFO", "--out", "/proc/leafspec-forbidden");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("cannot create the report folder /proc/leafspec-forbidden");
    }

    @Test
    void defaultReportFoldersAreNeverShared(@TempDir Path dir) throws IOException {
        Path planned = dir.resolve("leafspec-reports/run-20260101-000000");
        Path a = ReportFolder.create(null, planned);
        Path b = ReportFolder.create(null, planned);
        assertThat(a).isEqualTo(planned).isDirectory();
        assertThat(b).isNotEqualTo(a).isDirectory();
    }

    @Test
    void lintOfAFolderWithoutYamlIsAUsageError(@TempDir Path dir) {
        Result r = run("lint", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no .yaml or .yml files");
    }

    /** Compiles demo.BrokenInfo (the reference engine with MAX_VCPUS one too high) into dir/classes. */
    static Path compileBrokenInfo(Path dir) throws IOException {
        Path src = dir.resolve("src/demo/BrokenInfo.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
                package demo;
                import dev.leafspec.api.*;
                import java.util.Map;
                /** Wraps the reference engine and reports MAX_VCPUS one too high in TDG.VP.INFO. */
                public class BrokenInfo implements LeafImplementation {
                    private final LeafImplementation real = new dev.leafspec.engine.TdxModule();
                    public Identity identity() { return new Identity("broken info", "1", "test"); }
                    public Capabilities capabilities() { return real.capabilities(); }
                    public void reset() { real.reset(); }
                    public void fixture(String n, Map<String, String> p) { real.fixture(n, p); }
                    public RegisterFile observe(String n) { return real.observe(n); }
                    public void call(Instruction i, RegisterFile r) {
                        boolean info = (r.get(Gpr.RAX) & 0xFFFF) == 1;
                        real.call(i, r);
                        if (info) r.set(Gpr.R8, r.get(Gpr.R8) + (1L << 32));
                    }
                }
                """);
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        var javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"), src.toString());
        assertThat(rc).isZero();
        return classes;
    }

    @Test
    void anImplementationFromItsOwnJarOrFolderIsCertifiedAndCanFail(@TempDir Path dir) throws IOException {
        Path classes = compileBrokenInfo(dir);

        Result missing = run("run", "--impl", "demo.BrokenInfo", "--tags", "@leaf:TDG.VP.INFO", "--out", dir.resolve("o1").toString());
        assertThat(missing.exit()).as("not on the classpath without --impl-path").isEqualTo(2);

        Result r = run("run", "--impl-path", classes.toString(), "--impl", "demo.BrokenInfo",
                "--tags", "@leaf:TDG.VP.INFO and not @contract", "--out", dir.resolve("o2").toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("broken info").contains("TDG.VP.INFO [VP.INFO-1] R8[63:32] MAX_VCPUS: expected 0x8, got 0x9");
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

    @Test
    void aFileLineThatNamesNoScenarioIsAUsageError(@TempDir Path dir) {
        String feature = HOME.resolve("features/tdcall/tdg.vp.info.feature").toString();
        Result past = run("run", feature + ":9999", "--out", dir.resolve("a").toString());
        assertThat(past.exit()).as(past.out() + past.err()).isEqualTo(2);
        assertThat(past.err()).contains("tdg.vp.info.feature:9999 names no scenario: the file has");
        Result step = run("run", feature + ":7", "--out", dir.resolve("b").toString());
        assertThat(step.exit()).as(step.out() + step.err()).isEqualTo(2);
        assertThat(step.err()).contains("tdg.vp.info.feature:7 names no scenario").contains("the line is:");
        Result one = run("run", feature + ":29", "--out", dir.resolve("c").toString());
        assertThat(one.exit()).as(one.out() + one.err()).isZero();
        assertThat(one.out()).containsPattern("total\\s+1\\s+0\\s+0");
    }

    static Path featureWithAnUndefinedStep(Path dir) throws IOException {
        Path f = dir.resolve("features/tdcall/undefined.feature");
        Files.createDirectories(f.getParent());
        Files.writeString(f, """
                @leaf:TDG.VP.INFO @area:tdcall
                Feature: a feature with a typo

                  Scenario: a step nobody defined
                    Given a TD guest
                    When the guest frobnicates the quantum flux
                    Then RAX is TDX_SUCCESS
                """);
        return f;
    }

    @Test
    void anUndefinedStepIsASuiteErrorNamingTheStepAndItsLine(@TempDir Path dir) throws IOException {
        Path f = featureWithAnUndefinedStep(dir);
        Result r = run("run", f.toString(), "--out", dir.resolve("out").toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.out()).contains(f + ":6").contains("undefined step 'the guest frobnicates the quantum flux'");
        assertThat(r.out()).containsPattern("total\\s+0\\s+0\\s+0");
    }

    @Test
    void underCertifyAnUndefinedStepIsAHarnessErrorNotAFailureOfTheImplementation(@TempDir Path dir) throws IOException {
        featureWithAnUndefinedStep(dir);
        Path out = dir.resolve("cert");
        Result r = run("certify", "--profile", "guest-1.5", "--features", dir.resolve("features").toString(), "--out", out.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        JsonNode rep = new ObjectMapper().readTree(out.resolve("conformance-report.json").toFile());
        assertThat(rep.path("verdict").asText()).isEqualTo("HARNESS_ERROR");
        assertThat(rep.path("counts").path("FAIL").asInt()).isZero();
        assertThat(rep.path("harnessErrors").toString()).contains("the guest frobnicates the quantum flux");
        assertThat(run("verify", out.toString()).exit()).isZero();
    }
}
