package dev.leafspec.cli;

import dev.leafspec.api.Gpr;
import dev.leafspec.spec.SpecLoader;
import dev.leafspec.steps.Harness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.leafspec.cli.LeafSpecCliTest.HOME;
import static dev.leafspec.cli.LeafSpecCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** leafspec diff-impl: differential testing of two implementations with a reduced, replayable divergence. */
class DiffImplCommandTest {

    @Test
    void theReferenceEngineAgreesWithItself(@TempDir Path dir) {
        LeafSpecCliTest.Result r = run("diff-impl", "--impl", Harness.DEFAULT_IMPL, "--impl", "dev.leafspec.engine.TdxModule",
                "--seed", "7", "--calls", "2000", "--out", dir.resolve("o").toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("No divergence").containsPattern("Compared (19\\d\\d|2000) call\\(s\\)");
    }

    @Test
    void aBrokenWrapperDivergesAndIsReducedToOneReplayableCall(@TempDir Path dir) throws Exception {
        Path classes = LeafSpecCliTest.compileBrokenInfo(dir);
        Path out = dir.resolve("diff");
        LeafSpecCliTest.Result r = run("diff-impl", "--impl", Harness.DEFAULT_IMPL, "--impl", "demo.BrokenInfo",
                "--impl-path", classes.toString(), "--seed", "1", "--calls", "500", "--out", out.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("DIVERGENCE at call").contains("TDG.VP.INFO")
                .contains("MAX_VCPUS[63:32]=0x8").contains("MAX_VCPUS[63:32]=0x9")
                .containsPattern("Reduced from ([2-9]|\\d\\d+) to 1 call\\(s\\)")
                .contains("Replay: leafspec diff-impl --impl 'LeafSpec reference engine' --impl demo.BrokenInfo --impl-path ");
        Path replay = out.resolve("replay.leafspec");
        assertThat(out.resolve("report.txt")).exists();
        List<String> calls = Files.readAllLines(replay).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(calls).hasSize(1);
        // simplified: only the leaf is left in RAX, every other register is zero
        assertThat(calls.get(0)).isEqualTo("TDCALL RAX=0x1");

        LeafSpecCliTest.Result again = run("diff-impl", "--impl", Harness.DEFAULT_IMPL, "--impl", "demo.BrokenInfo",
                "--impl-path", classes.toString(), "--replay", replay.toString(), "--out", dir.resolve("again").toString());
        assertThat(again.exit()).as(again.out()).isEqualTo(1);
        assertThat(again.out()).contains("DIVERGENCE at call 1 of 1: TDG.VP.INFO");

        LeafSpecCliTest.Result same = run("diff-impl", "--impl", Harness.DEFAULT_IMPL, "--impl", Harness.DEFAULT_IMPL,
                "--replay", replay.toString(), "--out", dir.resolve("same").toString());
        assertThat(same.exit()).as(same.out()).isZero();
    }

    @Test
    void theSequenceCoversValidAndInvalidCalls() throws Exception {
        var catalogue = SpecLoader.loadCatalogue(HOME.resolve("leaf-specs"));
        var seq = DiffImplCommand.generate(catalogue, 1, 2000);
        assertThat(DiffImplCommand.generate(catalogue, 1, 2000)).as("same seed, same sequence")
                .extracting(c -> c.regs().toString()).isEqualTo(seq.stream().map(c -> c.regs().toString()).toList());
        var histogram = DiffImplCommand.histogram(catalogue, seq);
        assertThat(histogram).containsKeys("TDG.VP.INFO", "TDG.VP.VMCALL", "TDG.VP.VMCALL<MapGPA>", "unknown");
        assertThat(histogram.size()).isGreaterThan(20);
        assertThat(seq).anyMatch(c -> (c.regs().get(Gpr.RAX) >>> 24) != 0);
        assertThat(seq).anyMatch(c -> (c.regs().get(Gpr.RAX) & 0xFFFF) == 0 && (c.regs().get(Gpr.RCX) & Gpr.RSP.bit()) != 0);
        assertThat(seq).anyMatch(c -> (c.regs().get(Gpr.RAX) & 0xFFFF) == 0 && (c.regs().get(Gpr.RCX) >>> 32) != 0);
    }

    @Test
    void exactlyTwoImplementations() {
        LeafSpecCliTest.Result r = run("diff-impl", "--impl", Harness.DEFAULT_IMPL);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("exactly two --impl");
    }

    @Test
    void aReplayFileThatDoesNotParseIsAHarnessError(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.leafspec");
        Files.writeString(bad, "TDCALL RAX=zz\n");
        LeafSpecCliTest.Result r = run("diff-impl", "--impl", Harness.DEFAULT_IMPL, "--impl", Harness.DEFAULT_IMPL, "--replay", bad.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("line 1").contains("RAX=zz");
    }
}
