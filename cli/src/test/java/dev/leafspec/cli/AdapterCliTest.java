package dev.leafspec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** leafspec run and adapter-check with out-of-process adapters (cmd:...): the examples, and adapter faults in a run. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class AdapterCliTest {
    static final Path HOME = LeafSpecCliTest.HOME;
    static final String PY_EXAMPLE = HOME.resolve("examples/python/adapter.py").toString();

    @TempDir
    Path dir;

    /** The Python example with a fault injected once (marker file) or on malformed input; everything else unchanged. */
    static final String WRAPPER = """
            import json as _json, os, runpy, sys, time
            mode, marker, example = sys.argv[1], sys.argv[2], sys.argv[3]
            g = runpy.run_path(example, run_name="leafspec_example")["main"].__globals__
            orig = g["handle"]
            def handle(td, req):
                if req.get("op") == "call" and not os.path.exists(marker):
                    open(marker, "w").close()
                    if mode == "crash-once":
                        print("crashing once on purpose", file=sys.stderr, flush=True)
                        os._exit(3)
                    if mode == "hang-once":
                        time.sleep(3600)
                return orig(td, req)
            g["handle"] = handle
            class DieOnGarbage:
                dumps = staticmethod(_json.dumps)
                @staticmethod
                def loads(s):
                    try:
                        return _json.loads(s)
                    except ValueError:
                        sys.exit(5)
            if mode == "die-on-garbage":
                g["json"] = DieOnGarbage
            g["main"]()
            """;

    private String wrapped(String mode) throws IOException {
        Path w = dir.resolve("wrapper.py");
        Files.writeString(w, WRAPPER);
        return "cmd:python3 " + w + " " + mode + " " + dir.resolve("marker-" + mode) + " " + PY_EXAMPLE;
    }

    private static JsonNode summary(Path out) throws IOException {
        return new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    }

    private static List<JsonNode> scenarios(JsonNode summary, String outcome) {
        List<JsonNode> l = new ArrayList<>();
        summary.get("scenarios").forEach(s -> {
            if (s.get("outcome").asText().equals(outcome)) l.add(s);
        });
        return l;
    }

    @Test
    void thePythonExamplePassesTdgVpInfo() throws IOException {
        Path out = dir.resolve("info");
        LeafSpecCliTest.Result r = LeafSpecCliTest.run("run", "--impl", "cmd:python3 " + PY_EXAMPLE, "--tags", "@leaf:TDG.VP.INFO",
                "--out", out.toString());
        assertThat(r.exit()).withFailMessage("exit %d%n%s%n%s", r.exit(), r.out(), r.err()).isZero();
        assertThat(r.out()).contains("LeafSpec run against LeafSpec Python example 0.1");
        JsonNode s = summary(out);
        assertThat(s.get("passed").asInt()).isGreaterThanOrEqualTo(9);
        assertThat(s.get("failed").asInt()).isZero();
        assertThat(s.get("notSupported").asInt()).isZero();
        assertThat(out.resolve("adapter-stderr.log")).exists();
    }

    @Test
    void thePythonExamplePassesWhatItModelsAndTheRestIsNotSupported() throws IOException {
        Path out = dir.resolve("vmcall");
        LeafSpecCliTest.Result r = LeafSpecCliTest.run("run", "--impl", "cmd:python3 " + PY_EXAMPLE, "--tags",
                "@dispatcher or @leaf:TDG.VP.VMCALL or @leaf:TDG.VP.VMCALL<Instruction.CPUID> or @leaf:TDG.MR.REPORT",
                "--out", out.toString());
        assertThat(r.exit()).withFailMessage("exit %d%n%s%n%s", r.exit(), r.out(), r.err()).isZero();
        JsonNode s = summary(out);
        assertThat(s.get("passed").asInt()).isGreaterThanOrEqualTo(25);
        assertThat(s.get("failed").asInt()).isZero();
        assertThat(r.out()).contains("fixture host.answer").contains("leaf TDG.MR.REPORT");
    }

    @Test
    void aCrashFailsOneScenarioWithAdapterErrorAndTheRunGoesOnWithARestartedAdapter() throws IOException {
        Path out = dir.resolve("crash");
        LeafSpecCliTest.Result r = LeafSpecCliTest.run("run", "--impl", wrapped("crash-once"), "--tags", "@leaf:TDG.VP.INFO",
                "--out", out.toString());
        assertThat(r.exit()).withFailMessage("exit %d%n%s%n%s", r.exit(), r.out(), r.err()).isEqualTo(LeafSpecCli.FAILED);
        JsonNode s = summary(out);
        List<JsonNode> failed = scenarios(s, "FAIL");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).get("message").asText()).startsWith("ADAPTER_ERROR: exited: ")
                .contains("exit code 3").contains("crashing once on purpose");
        assertThat(s.get("passed").asInt()).isGreaterThanOrEqualTo(8);
        assertThat(Files.readString(out.resolve("adapter-stderr.log"))).contains("crashing once on purpose");
    }

    @Test
    void aHangFailsOneScenarioWithTimeoutAndTheRunGoesOn() throws IOException {
        Path out = dir.resolve("hang");
        long t0 = System.nanoTime();
        LeafSpecCliTest.Result r = LeafSpecCliTest.run("run", "--impl", wrapped("hang-once"), "--adapter-timeout", "500",
                "--tags", "@leaf:TDG.VP.INFO", "--out", out.toString());
        assertThat(r.exit()).withFailMessage("exit %d%n%s%n%s", r.exit(), r.out(), r.err()).isEqualTo(LeafSpecCli.FAILED);
        List<JsonNode> failed = scenarios(summary(out), "FAIL");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).get("message").asText()).startsWith("TIMEOUT: no reply to 'call' #").contains("within 500 ms");
        assertThat(summary(out).get("passed").asInt()).isGreaterThanOrEqualTo(8);
        assertThat((System.nanoTime() - t0) / 1_000_000_000).isLessThan(60);
    }

    @Test
    void anAdapterThatCannotStartIsAHarnessError() {
        LeafSpecCliTest.Result r = LeafSpecCliTest.run("run", "--impl", "cmd:" + dir.resolve("no-such-adapter"), "--out",
                dir.resolve("none").toString());
        assertThat(r.exit()).isEqualTo(LeafSpecCli.HARNESS_ERROR);
        assertThat(r.err()).contains("ADAPTER_ERROR: start-failed: cannot start");
    }

    @Test
    void adapterCheckPassesThePythonExample() {
        LeafSpecCliTest.Result r = LeafSpecCliTest.run("adapter-check", "--impl", "cmd:python3 " + PY_EXAMPLE);
        assertThat(r.exit()).withFailMessage("exit %d%n%s%n%s", r.exit(), r.out(), r.err()).isZero();
        for (String check : List.of("handshake", "reset", "call", "malformed", "unknown-op", "timeout", "bye")) {
            assertThat(r.out()).containsPattern("(?m)^PASS  " + check + " ");
        }
        assertThat(r.out()).doesNotContain("FAIL").contains("TIMEOUT after").contains("All checks passed.");
    }

    @Test
    void adapterCheckFailsAnAdapterThatDiesOnAMalformedRequest() throws IOException {
        LeafSpecCliTest.Result r = LeafSpecCliTest.run("adapter-check", "--impl", wrapped("die-on-garbage"));
        assertThat(r.exit()).isEqualTo(LeafSpecCli.HARNESS_ERROR);
        assertThat(r.out()).containsPattern("(?m)^PASS  call ").containsPattern("(?m)^FAIL  malformed +ADAPTER_ERROR: exited: .*exit code 5");
    }

    @Test
    void adapterCheckFailsACommandThatIsNotAnAdapter() {
        LeafSpecCliTest.Result r = LeafSpecCliTest.run("adapter-check", "--impl", "cmd:sh -c 'exit 0'");
        assertThat(r.exit()).isEqualTo(LeafSpecCli.HARNESS_ERROR);
        assertThat(r.out()).containsPattern("(?m)^FAIL  handshake +ADAPTER_ERROR: ");
        LeafSpecCliTest.Result notCmd = LeafSpecCliTest.run("adapter-check", "--impl", "LeafSpec reference engine");
        assertThat(notCmd.exit()).isEqualTo(LeafSpecCli.HARNESS_ERROR);
        assertThat(notCmd.err()).contains("--impl must be cmd:COMMAND");
    }

    @Test
    void theCExampleBuildsWithGccAndPassesItsLeaves() throws Exception {
        boolean gcc;
        try {
            Process v = new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start();
            v.getInputStream().readAllBytes();
            gcc = v.waitFor() == 0;
        } catch (IOException e) {
            gcc = false;
        }
        Assumptions.assumeTrue(gcc, "gcc is not installed: the C example adapter cannot be built (CI has gcc)");
        Path exe = dir.resolve("c-adapter");
        Process p = new ProcessBuilder("gcc", "-O2", "-Wall", "-std=c99", "-o", exe.toString(),
                HOME.resolve("examples/c/adapter.c").toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).withFailMessage("gcc failed:%n%s", log).isZero();
        Path out = dir.resolve("c");
        LeafSpecCliTest.Result r = LeafSpecCliTest.run("run", "--impl", "cmd:" + exe, "--tags",
                "@dispatcher or @leaf:TDG.VP.INFO or @leaf:TDG.VP.VMCALL or @leaf:TDG.VP.VMCALL<Instruction.CPUID>", "--out", out.toString());
        assertThat(r.exit()).withFailMessage("exit %d%n%s%n%s", r.exit(), r.out(), r.err()).isZero();
        assertThat(summary(out).get("passed").asInt()).isGreaterThanOrEqualTo(35);
        assertThat(summary(out).get("failed").asInt()).isZero();
        LeafSpecCliTest.Result check = LeafSpecCliTest.run("adapter-check", "--impl", "cmd:" + exe);
        assertThat(check.exit()).withFailMessage("%s", check.out()).isZero();
    }

    @Test
    void anAdapterThatFailsTheHandshakeLeavesAReportFolderWithItsStderr() throws IOException {
        Path garbage = dir.resolve("garbage.py");
        Files.writeString(garbage, """
                import sys
                print("boom at start", file=sys.stderr, flush=True)
                print("this is not a hello reply", flush=True)
                """);
        Path out = dir.resolve("garbage-out");
        LeafSpecCliTest.Result r = LeafSpecCliTest.run("run", "--impl", "cmd:python3 " + garbage, "--out", out.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(LeafSpecCli.HARNESS_ERROR);
        assertThat(r.out()).contains("Reports: " + out);
        assertThat(summary(out).path("harnessErrors").toString()).contains("ADAPTER_ERROR");
        assertThat(Files.readString(out.resolve("adapter-stderr.log"))).contains("boom at start");
    }
}
